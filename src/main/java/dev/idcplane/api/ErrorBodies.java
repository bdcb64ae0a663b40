package dev.idcplane.api;

import dev.idcplane.api.dto.ErrorBody;
import java.util.List;

/**
 * Bodies written both by the JAX-RS mappers and by the HTTP layer (authentication fails before
 * JAX-RS runs), so a client sees the same {@code {code, message}} whichever layer answered.
 */
final class ErrorBodies {
  static final ErrorBody UNAUTHORIZED =
      new ErrorBody("unauthorized", "a valid bearer token is required", List.of());
  static final ErrorBody FORBIDDEN =
      new ErrorBody("forbidden", "your roles do not allow this", List.of());

  private ErrorBodies() {}

  /** A body for a status the HTTP layer answered with no route or mapper of ours. */
  static ErrorBody of(int status, String message) {
    return new ErrorBody(ErrorMappers.codeOf(status), message, List.of());
  }
}
