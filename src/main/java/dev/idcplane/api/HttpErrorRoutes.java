package dev.idcplane.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.api.dto.ErrorBody;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The error contract where JAX-RS never runs: proactive authentication fails in the HTTP layer
 * (401, 403), an unknown {@code /api} path matches no resource (404), and a body over {@code
 * quarkus.http.limits.max-body-size} is refused by the HTTP server (413). Each answers the same
 * JSON {@code {code, message}} the exception mappers write; 401 keeps its {@code WWW-Authenticate}
 * challenge.
 */
@ApplicationScoped
public class HttpErrorRoutes {
  /** Just before Quarkus's own body limit (RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT, -2). */
  private static final int BODY_LIMIT_ORDER = -3;

  private final ObjectMapper json;
  private final long maxBodyBytes;

  public HttpErrorRoutes(
      ObjectMapper json,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size") MemorySize maxBodySize) {
    this.json = json;
    this.maxBodyBytes = maxBodySize.asLongValue();
  }

  void install(@Observes Router router) {
    // First of all failure handlers, ahead of Quarkus's authentication failure handler.
    router.route().order(Integer.MIN_VALUE).failureHandler(this::failure);
    router.route().order(BODY_LIMIT_ORDER).handler(this::bodyLimit);
    router.route("/api/*").last().handler(this::noRoute);
  }

  /**
   * A declared body over the limit is refused before a byte of it is read (a client sending {@code
   * Expect: 100-continue}, as curl does for large bodies, never sends it). Bodies without a length
   * are still cut off by Quarkus's own limit.
   */
  private void bodyLimit(RoutingContext ctx) {
    String length = ctx.request().getHeader("Content-Length");
    long declared;
    try {
      declared = length == null ? -1 : Long.parseLong(length.strip());
    } catch (NumberFormatException e) {
      declared = -1;
    }
    if (declared > maxBodyBytes) {
      ctx.response().putHeader("Connection", "close");
      write(
          ctx,
          413,
          ErrorBodies.of(
              413,
              "the request body has "
                  + declared
                  + " bytes; the service accepts at most "
                  + maxBodyBytes));
      return;
    }
    ctx.next();
  }

  /** No resource matched: 401 without a token (as any /api path), else 404. */
  private void noRoute(RoutingContext ctx) {
    if (!(ctx.user() instanceof QuarkusHttpUser user) || user.getSecurityIdentity().isAnonymous()) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      write(ctx, 401, ErrorBodies.UNAUTHORIZED);
      return;
    }
    write(
        ctx,
        404,
        ErrorBodies.of(404, "no route " + ctx.request().method() + " " + ctx.request().path()));
  }

  private void failure(RoutingContext ctx) {
    Throwable failure = ctx.failure();
    // A console session that failed (ended, revoked, expired): the code flow's challenge, a
    // redirect to sign in again, is already on the response; end it there (the JAX-RS layer would
    // otherwise try to serve the request and fail).
    if (!ctx.response().headWritten()
        && isConsole(ctx.request().path())
        && failure instanceof AuthenticationFailedException
        && ctx.response().getStatusCode() / 100 == 3) {
      ctx.response().end();
      return;
    }
    // The console's pages answer as a browser expects (a sign-in redirect), not with JSON.
    if (ctx.response().headWritten() || isConsole(ctx.request().path())) {
      ctx.next();
      return;
    }
    if (failure instanceof AuthenticationFailedException
        || failure instanceof UnauthorizedException) {
      ctx.response().putHeader("WWW-Authenticate", "Bearer");
      write(ctx, 401, ErrorBodies.UNAUTHORIZED);
    } else if (failure instanceof ForbiddenException) {
      write(ctx, 403, ErrorBodies.FORBIDDEN);
    } else if (failure == null && ErrorMappers.STATUS_CODES.containsKey(ctx.statusCode())) {
      write(ctx, ctx.statusCode(), ErrorBodies.of(ctx.statusCode(), message(ctx.statusCode())));
    } else {
      ctx.next();
    }
  }

  private static boolean isConsole(String path) {
    return path != null && (path.equals("/ui") || path.startsWith("/ui/"));
  }

  private static String message(int status) {
    return switch (status) {
      case 413 -> "the request body is larger than the service accepts";
      case 401 -> "a valid bearer token is required";
      default -> "HTTP " + status;
    };
  }

  private void write(RoutingContext ctx, int status, ErrorBody body) {
    String text;
    try {
      text = json.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      text = "{\"code\":\"" + body.code() + "\",\"message\":\"\"}";
    }
    ctx.response()
        .setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(text);
  }
}
