package dev.idcplane.identitycenter;

import dev.idcplane.error.ControlPlaneException;

/**
 * A failed Identity Center, identity store or Organizations call, classified so callers can decide
 * whether to retry. Adapters translate their transport's errors into this; the message is AWS's (or
 * the sandbox's) own words.
 */
public class IdentityCenterException extends ControlPlaneException {

  /** How a call failed. */
  public enum Kind {
    /** Request rate exceeded (ThrottlingException, TooManyRequests). Retryable. */
    THROTTLED(true),
    /** Too many outstanding operations, or a conflicting operation in process. Retryable. */
    CONFLICT(true),
    /** A 5xx from the service. Retryable. */
    SERVICE(true),
    /** No answer in time, or a connection failure. Retryable. */
    TIMEOUT(true),
    /** The resource does not exist. Terminal. */
    NOT_FOUND(false),
    /** The caller may not do this. Terminal. */
    ACCESS_DENIED(false),
    /** The request is malformed or breaks a quota. Terminal. */
    VALIDATION(false),
    /**
     * No credentials could be loaded (nothing in the provider chain). Terminal until an operator
     * configures them; the API answers 503 and readiness is DOWN.
     */
    CREDENTIALS(false);

    private final boolean retryable;

    Kind(boolean retryable) {
      this.retryable = retryable;
    }

    public boolean retryable() {
      return retryable;
    }
  }

  private final Kind kind;
  private final String operation;

  public IdentityCenterException(Kind kind, String operation, String message, Throwable cause) {
    super(operation + ": " + message, cause);
    this.kind = kind;
    this.operation = operation;
  }

  public IdentityCenterException(Kind kind, String operation, String message) {
    this(kind, operation, message, null);
  }

  public Kind kind() {
    return kind;
  }

  /** The API operation that failed, e.g. {@code ListAccountAssignments}. */
  public String operation() {
    return operation;
  }

  @Override
  public int httpStatus() {
    // Missing credentials are our configuration, not a bad answer from AWS.
    return kind == Kind.CREDENTIALS ? 503 : 502;
  }

  @Override
  public String code() {
    return "aws_" + kind.name().toLowerCase(java.util.Locale.ROOT);
  }

  @Override
  public boolean retryable() {
    return kind.retryable();
  }
}
