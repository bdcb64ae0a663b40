package dev.idcplane.api;

import dev.idcplane.api.dto.ErrorBody;
import dev.idcplane.error.ControlPlaneException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Writes every error as an {@link ErrorBody}. Our own exceptions say their status, code and
 * details; JAX-RS errors keep their status with a named code for the common ones; security failures
 * are 401/403; a lost database is a 503 with Retry-After; anything else is a 500 whose body names
 * only a log reference, never a stack trace or class name.
 */
public class ErrorMappers {
  private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

  /** Codes of JAX-RS statuses; other statuses answer {@code http_<status>}. */
  static final Map<Integer, String> STATUS_CODES =
      Map.of(
          401, "unauthorized",
          403, "forbidden",
          404, "not_found",
          405, "method_not_allowed",
          406, "not_acceptable",
          413, "payload_too_large",
          415, "unsupported_media_type");

  /** Seconds a client should wait before retrying when the database is unavailable. */
  static final String DATABASE_RETRY_AFTER = "5";

  private final SecurityIdentity identity;

  public ErrorMappers(SecurityIdentity identity) {
    this.identity = identity;
  }

  @ServerExceptionMapper
  public Response controlPlane(ControlPlaneException e) {
    if (e.httpStatus() >= 500) {
      LOG.warnf("%s: %s", e.code(), e.getMessage());
    } else {
      LOG.debugf("%s: %s", e.code(), e.getMessage());
    }
    return json(e.httpStatus(), new ErrorBody(e.code(), e.getMessage(), e.details()));
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    if (status == 404 && identity.isAnonymous()) {
      // No route matched, so no policy ran: without a token every /api path is a 401.
      return unauthorized();
    }
    Response.ResponseBuilder r =
        Response.status(status)
            .type(MediaType.APPLICATION_JSON_TYPE)
            .entity(new ErrorBody(codeOf(status), e.getMessage(), List.of()));
    String challenge = e.getResponse().getHeaderString(HttpHeaders.WWW_AUTHENTICATE);
    if (challenge != null) {
      r.header(HttpHeaders.WWW_AUTHENTICATE, challenge);
    }
    return r.build();
  }

  @ServerExceptionMapper({AuthenticationFailedException.class, UnauthorizedException.class})
  public Response unauthorized(RuntimeException e) {
    return unauthorized();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e) {
    return json(403, ErrorBodies.FORBIDDEN);
  }

  @ServerExceptionMapper
  public Response unexpected(RuntimeException e) {
    if (DatabaseFailures.unavailable(e)) {
      LOG.warnf("database unavailable: %s", e.getMessage());
      return Response.status(503)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .header("Retry-After", DATABASE_RETRY_AFTER)
          .entity(DatabaseFailures.BODY)
          .build();
    }
    String ref = UUID.randomUUID().toString();
    LOG.errorf(e, "unexpected error, reference %s", ref);
    return json(
        500,
        new ErrorBody(
            "internal_error", "unexpected error; the server log has it under " + ref, List.of()));
  }

  /** The code of a status without a more specific one. */
  static String codeOf(int status) {
    return STATUS_CODES.getOrDefault(status, "http_" + status);
  }

  private static Response unauthorized() {
    return Response.status(401)
        .type(MediaType.APPLICATION_JSON_TYPE)
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .entity(ErrorBodies.UNAUTHORIZED)
        .build();
  }

  private static Response json(int status, ErrorBody body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }
}
