package dev.idcplane.ui;

import io.quarkus.oidc.TenantResolver;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;

/**
 * Chooses the console's OIDC tenant ({@value #ID}, a {@code web-app} tenant: authorization code
 * flow and a session cookie) for the console's pages, beside the bearer-token API tenant. Two API
 * routes also take the console's session: the run event stream, which the run page reads with
 * EventSource (which cannot send a bearer token), only for a GET without an Authorization header
 * that carries the console's session cookie; so does the drift export the drift page links to. Both
 * are reads (GET), and the cookie is SameSite=Lax. Every other request keeps its tenant: a bearer
 * token is always verified as before.
 */
@ApplicationScoped
public class ConsoleTenant implements TenantResolver {
  /** The tenant id, {@code quarkus.oidc.ui.*}. */
  public static final String ID = "ui";

  /** The session cookie of the tenant. */
  public static final String SESSION_COOKIE = "q_session_" + ID;

  /** The API reads the console's pages link to: the run event stream and the drift export. */
  private static final Pattern CONSOLE_READS =
      Pattern.compile("/api/v1/runs/[^/]+/events|/api/v1/drift/export");

  @Override
  public String resolve(RoutingContext context) {
    String path = context.request().path();
    if (isConsolePath(path)) {
      return ID;
    }
    if (context.request().method() == HttpMethod.GET
        && CONSOLE_READS.matcher(path).matches()
        && context.request().getHeader("Authorization") == null
        && hasSessionCookie(context)) {
      return ID;
    }
    return null;
  }

  /** An API read the console's pages use with the session: the run events, the drift export. */
  public static boolean isConsoleRead(String path) {
    return CONSOLE_READS.matcher(path).matches();
  }

  /** {@code /ui} and everything under it. */
  public static boolean isConsolePath(String path) {
    return path.equals("/ui") || path.startsWith("/ui/");
  }

  private static boolean hasSessionCookie(RoutingContext context) {
    return context.request().getCookie(SESSION_COOKIE) != null
        || context.request().getCookie(SESSION_COOKIE + "_chunk_1") != null;
  }
}
