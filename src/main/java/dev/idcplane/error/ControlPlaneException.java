package dev.idcplane.error;

import java.util.List;

/**
 * The one unchecked root exception of the service. Each subclass says which HTTP status it maps to
 * at the API edge, a stable machine-readable {@link #code()}, and whether the failed action may be
 * retried, and what the error body lists besides the message ({@link #details()}).
 */
public abstract class ControlPlaneException extends RuntimeException {
  protected ControlPlaneException(String message) {
    super(message);
  }

  protected ControlPlaneException(String message, Throwable cause) {
    super(message, cause);
  }

  /** HTTP status the API answers with. */
  public abstract int httpStatus();

  /** Stable error code for clients, e.g. {@code matrix_invalid}. */
  public abstract String code();

  /** Whether retrying the same action may succeed. */
  public abstract boolean retryable();

  /**
   * What the error body lists besides the message, each item serialisable to JSON (violations, the
   * new plan's id, the deletes a guard stopped); none by default.
   */
  public List<?> details() {
    return List.of();
  }
}
