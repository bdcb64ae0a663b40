package dev.idcplane.identitycenter;

import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Where an asynchronous operation (account assignment creation or deletion, permission set
 * provisioning) stands: its request id, state, AWS's failure reason when it FAILED, and when it was
 * created. List*Status calls return no failure reason; describe the request for it.
 */
public record OperationStatus(
    String requestId, OperationState state, String failureReason, Instant createdAt) {
  public OperationStatus {
    Objects.requireNonNull(requestId, "requestId");
    Objects.requireNonNull(state, "state");
  }

  /**
   * AWS's FailureReason for deleting an account assignment that does not exist, up to the key it
   * then prints (quoted in hashicorp/terraform-provider-aws
   * internal/service/ssoadmin/account_assignment.go, which treats it as "already deleted"). Other
   * 404 reasons share the "Received a 404 status error" prefix (e.g. a principal that is gone), so
   * the prefix alone proves nothing.
   */
  public static final String ASSIGNMENT_DOES_NOT_EXIST =
      "Received a 404 status error: EntitlementItem doesn't exist with the given entitlement key";

  /** AWS's FailureReason when the service failed internally; the same request may succeed later. */
  public static final String INTERNAL_FAILURE =
      "An unexpected internal service exception was encountered";

  /**
   * Whether the operation FAILED because the account assignment does not exist ({@link
   * #ASSIGNMENT_DOES_NOT_EXIST}). For a deletion this means the assignment was already gone: AWS
   * accepts DeleteAccountAssignment for an absent assignment and fails the request later.
   */
  public boolean failedNotFound() {
    return state == OperationState.FAILED
        && failureReason != null
        && failureReason.startsWith(ASSIGNMENT_DOES_NOT_EXIST);
  }

  /** Whether the operation FAILED for a reason that submitting it again may cure. */
  public boolean failedTransiently() {
    return state == OperationState.FAILED && transientReason(failureReason);
  }

  /**
   * Whether a FailureReason is transient: AWS's internal failure ({@link #INTERNAL_FAILURE}, seen
   * in pulumi/pulumi-aws#1927 and aws/aws-cli#8356) or a reason that asks to try again (e.g. "…
   * takes longer than usual. Please try again in a few minutes.", seen in
   * aws-samples/aws-identitycenter-codepipeline-auto-assignment#31). Anything else is terminal.
   */
  public static boolean transientReason(String reason) {
    return reason != null
        && (reason.startsWith(INTERNAL_FAILURE)
            || reason.toLowerCase(Locale.ROOT).contains("try again"));
  }
}
