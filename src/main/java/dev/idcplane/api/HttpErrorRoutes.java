package dev.idcplane.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.api.dto.ErrorBody;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.vertx.core.http.HttpHeaders;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The error contract where JAX-RS never runs: proactive authentication fails in the HTTP layer (401,
 * 403), an unknown {@code /api} path matches no resource (404), and a body over
 * {@code quarkus.http.limits.max-body-size} is refused by the HTTP server (413). Each answers the
 * same JSON {@code {code, message}} the exception mappers write; 401 keeps its
 * {@code WWW-Authenticate} challenge.
 */
@ApplicationScoped
public class HttpErrorRoutes {
  private final ObjectMapper json;

  public HttpErrorRoutes(ObjectMapper json) {
    this.json = json;
  }

  void install(@Observes Router router) {
    router.route().failureHandler(this::failure);
    router.route("/api/*").last().handler(ctx -> write(ctx, 404,
        ErrorBodies.of(404, "no route " + ctx.request().method() + " " + ctx.request().path())));
  }

  private void failure(RoutingContext ctx) {
    if (ctx.response().headWritten()) {
      ctx.next();
      return;
    }
    Throwable failure = ctx.failure();
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
    ctx.response().setStatusCode(status)
        .putHeader(HttpHeaders.CONTENT_TYPE, "application/json")
        .end(text);
  }
}
