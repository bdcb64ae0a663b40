package dev.idcplane.ui;

import io.quarkus.oidc.OidcSession;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The console's entry ({@code /ui}), its sign-out (a CSRF-checked POST) and signed-out page. */
@Path("/ui")
public class SessionResource {
  private final Pages pages;
  private final OidcSession session;
  private final Templates templates;

  public SessionResource(Pages pages, OidcSession session, Templates templates) {
    this.pages = pages;
    this.session = session;
    this.templates = templates;
  }

  @GET
  @RolesAllowed("**")
  public Response entry() {
    return Pages.seeOther("/ui/overview");
  }

  /** Ends the console session (the session cookie is removed) and shows the signed-out page. */
  @POST
  @Path("logout")
  @RolesAllowed("**")
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response logout(@FormParam(Csrf.FIELD) String csrf) {
    pages.checkCsrf(csrf);
    session.logout().await().indefinitely();
    return Pages.seeOther("/ui/signed-out");
  }

  @GET
  @Path("signed-out")
  @PermitAll
  @Produces(MediaType.TEXT_HTML)
  public String signedOut() {
    return templates.render("signed-out", java.util.Map.of());
  }
}
