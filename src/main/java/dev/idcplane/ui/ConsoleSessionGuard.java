package dev.idcplane.ui;

import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * The console's session reaches the API only where the console needs it: the two reads {@link
 * ConsoleTenant} routes to it (the run event stream and the drift export). Quarkus also picks the
 * console's tenant for any request that carries its session cookie; such a request to any other API
 * route is refused (401) before it runs, so a page's script can never apply or plan through the API
 * without the CSRF-checked forms.
 */
public class ConsoleSessionGuard {
  private final SecurityIdentity identity;

  public ConsoleSessionGuard(SecurityIdentity identity) {
    this.identity = identity;
  }

  @ServerRequestFilter
  public void guard(ContainerRequestContext request) {
    String path = request.getUriInfo().getRequestUri().getPath();
    if (!path.startsWith("/api/")
        || identity.isAnonymous()
        || !ConsoleTenant.ID.equals(identity.getAttribute(OidcUtils.TENANT_ID_ATTRIBUTE))) {
      return;
    }
    if (!"GET".equals(request.getMethod()) || !ConsoleTenant.isConsoleRead(path)) {
      throw new UnauthorizedException("the console's session is not a token for this API route");
    }
  }
}
