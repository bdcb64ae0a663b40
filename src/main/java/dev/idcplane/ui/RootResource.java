package dev.idcplane.ui;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;

/** {@code /} sends a browser to the console's overview (which asks it to sign in first). */
@Path("/")
public class RootResource {
  @GET
  @PermitAll
  public Response root() {
    return Pages.seeOther("/ui/overview");
  }
}
