package dev.idcplane.identitycenter.aws;

import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.IdentityCenterException.Kind;
import java.util.Locale;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Translates AWS SDK v2 exceptions into {@link IdentityCenterException} kinds, keeping AWS's own
 * message. Error codes are those of the sso-admin, identitystore and Organizations API references.
 */
final class AwsErrors {
  private static final Set<String> THROTTLED =
      Set.of(
          "ThrottlingException", "Throttling", "TooManyRequestsException", "RequestLimitExceeded");
  private static final Set<String> CONFLICT =
      Set.of("ConflictException", "ConcurrentModificationException");
  private static final Set<String> ACCESS_DENIED =
      Set.of("AccessDeniedException", "AccessDenied", "AccessDeniedForDependencyException");
  private static final Set<String> VALIDATION =
      Set.of(
          "ValidationException",
          "InvalidInputException",
          "ServiceQuotaExceededException",
          "ConstraintViolationException");

  private AwsErrors() {}

  /** Runs one SDK call (or a whole paginated read) and translates what it throws. */
  static <T> T call(String operation, Supplier<T> body) {
    try {
      return body.get();
    } catch (SdkException e) {
      throw translate(operation, e);
    }
  }

  static IdentityCenterException translate(String operation, SdkException e) {
    if (e instanceof AwsServiceException s) {
      String code = s.awsErrorDetails() == null ? "" : nullToEmpty(s.awsErrorDetails().errorCode());
      String message =
          s.awsErrorDetails() != null && s.awsErrorDetails().errorMessage() != null
              ? s.awsErrorDetails().errorMessage()
              : s.getMessage();
      return new IdentityCenterException(
          kindOf(code, s.statusCode(), message, s.isThrottlingException()),
          operation,
          code.isEmpty() ? message : code + ": " + message,
          e);
    }
    if (credentialsMissing(e)) {
      return new IdentityCenterException(
          Kind.CREDENTIALS, operation, "no AWS credentials: " + e.getMessage(), e);
    }
    // SdkClientException: no usable answer (connection refused, reset, API call timeouts).
    return new IdentityCenterException(Kind.TIMEOUT, operation, e.getMessage(), e);
  }

  static Kind kindOf(String code, int status, String message, boolean sdkSaysThrottling) {
    String lower = message == null ? "" : message.toLowerCase(Locale.ROOT);
    if (THROTTLED.contains(code) || status == 429 || sdkSaysThrottling) {
      return Kind.THROTTLED;
    }
    if (CONFLICT.contains(code) || lower.contains("too many outstanding")) {
      return Kind.CONFLICT;
    }
    if (code.endsWith("NotFoundException") || code.equals("AWSOrganizationsNotInUseException")) {
      return Kind.NOT_FOUND;
    }
    if (ACCESS_DENIED.contains(code) || status == 403) {
      return Kind.ACCESS_DENIED;
    }
    if (VALIDATION.contains(code)) {
      return Kind.VALIDATION;
    }
    if (status >= 500
        || code.equals("InternalServerException")
        || code.equals("ServiceException")) {
      return Kind.SERVICE;
    }
    if (status == 404) {
      return Kind.NOT_FOUND;
    }
    return Kind.VALIDATION;
  }

  /**
   * Whether the SDK failed before sending anything because its credential provider chain found no
   * credentials ("Unable to load credentials from any of the providers in the chain").
   */
  static boolean credentialsMissing(Throwable e) {
    int depth = 0;
    for (Throwable t = e; t != null && depth < 10; t = t.getCause(), depth++) {
      if (t instanceof SdkClientException
          && t.getMessage() != null
          && t.getMessage().contains("Unable to load credentials")) {
        return true;
      }
    }
    return false;
  }

  static boolean isClientSide(SdkException e) {
    return e instanceof SdkClientException;
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : s;
  }
}
