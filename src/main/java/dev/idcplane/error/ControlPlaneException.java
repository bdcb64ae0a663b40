package dev.idcplane.error;

/**
 * The one unchecked root exception of the service. Each subclass says which HTTP status it maps to
 * at the API edge, a stable machine-readable {@link #code()}, and whether the failed action may be
 * retried.
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
}
