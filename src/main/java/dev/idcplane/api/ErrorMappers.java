package dev.idcplane.api;

import dev.idcplane.api.dto.ErrorBody;
import dev.idcplane.api.dto.ViolationView;
import dev.idcplane.error.ControlPlaneException;
import dev.idcplane.matrix.MatrixInvalidException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Writes every error as an {@link ErrorBody}. Our own exceptions say their status and code; JAX-RS
 * errors keep their status; anything else is a 500 whose body names only a log reference, never a
 * stack trace or class name.
 */
public class ErrorMappers {
  private static final Logger LOG = Logger.getLogger(ErrorMappers.class);

  @ServerExceptionMapper
  public Response controlPlane(ControlPlaneException e) {
    List<?> details =
        e instanceof MatrixInvalidException m
            ? m.violations().stream().map(ViolationView::of).toList()
            : e instanceof dev.idcplane.service.ApplyProblems.Refused r ? r.details() : List.of();
    if (e.httpStatus() >= 500) {
      LOG.warnf("%s: %s", e.code(), e.getMessage());
    } else {
      LOG.debugf("%s: %s", e.code(), e.getMessage());
    }
    return json(e.httpStatus(), new ErrorBody(e.code(), e.getMessage(), details));
  }

  @ServerExceptionMapper
  public Response webApplication(WebApplicationException e) {
    int status = e.getResponse().getStatus();
    return json(status, new ErrorBody("http_" + status, e.getMessage(), List.of()));
  }

  @ServerExceptionMapper
  public Response unexpected(RuntimeException e) {
    if (e instanceof ControlPlaneException c) {
      return controlPlane(c);
    }
    if (e instanceof WebApplicationException w) {
      return webApplication(w);
    }
    if (e instanceof io.quarkus.security.AuthenticationFailedException
        || e instanceof io.quarkus.security.UnauthorizedException) {
      return json(401, new ErrorBody("unauthorized", "a valid bearer token is required", List.of()));
    }
    if (e instanceof io.quarkus.security.ForbiddenException) {
      return json(403, new ErrorBody("forbidden", "your roles do not allow this", List.of()));
    }
    String ref = UUID.randomUUID().toString();
    LOG.errorf(e, "unexpected error, reference %s", ref);
    return json(
        500,
        new ErrorBody(
            "internal_error", "unexpected error; the server log has it under " + ref, List.of()));
  }

  private static Response json(int status, ErrorBody body) {
    return Response.status(status).type(MediaType.APPLICATION_JSON_TYPE).entity(body).build();
  }
}
