package dev.idcplane.ui;

import io.quarkus.oidc.TenantResolver;
import io.vertx.core.http.HttpMethod;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.regex.Pattern;

/**
 * Chooses the console's OIDC tenant ({@value #ID}, a {@code web-app} tenant: authorization code
 * flow and a session cookie) for the console's pages, beside the bearer-token API tenant. One API
 * route also takes the console's session: the run event stream, which the run page reads with
 * EventSource (which cannot send a bearer token), and only for a GET without an Authorization
 * header that carries the console's session cookie. Every other request keeps its tenant: a bearer
 * token is always verified as before.
 */
@ApplicationScoped
public class ConsoleTenant implements TenantResolver {
  /** The tenant id, {@code quarkus.oidc.ui.*}. */
  public static final String ID = "ui";

  /** The session cookie of the tenant. */
  public static final String SESSION_COOKIE = "q_session_" + ID;

  private static final Pattern RUN_EVENTS = Pattern.compile("/api/v1/runs/[^/]+/events");

  @Override
  public String resolve(RoutingContext context) {
    String path = context.request().path();
    if (isConsolePath(path)) {
      return ID;
    }
    if (context.request().method() == HttpMethod.GET
        && RUN_EVENTS.matcher(path).matches()
        && context.request().getHeader("Authorization") == null
        && hasSessionCookie(context)) {
      return ID;
    }
    return null;
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
