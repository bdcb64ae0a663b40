package dev.idcplane.ui;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code /} sends a browser to the console's overview (which asks it to sign in first), or, while
 * the console is off (prod until {@code IDC_UI_ENABLED=true}), says so in a sentence.
 */
@Path("/")
public class RootResource {
  static final String OFF =
      "IDC Control Plane. The web console is off: set IDC_UI_ENABLED=true with the IdP's"
          + " IDC_UI_OIDC_SERVER_URL, IDC_UI_OIDC_CLIENT_ID and IDC_UI_OIDC_CLIENT_SECRET to turn it"
          + " on. The API is at /api/v1 (bearer tokens).\n";

  private final boolean console;

  public RootResource(@ConfigProperty(name = "quarkus.oidc.ui.tenant-enabled") boolean console) {
    this.console = console;
  }

  @GET
  @PermitAll
  public Response root() {
    return console
        ? Pages.seeOther("/ui/overview")
        : Response.ok(OFF, MediaType.TEXT_PLAIN_TYPE.withCharset("UTF-8")).build();
  }
}
