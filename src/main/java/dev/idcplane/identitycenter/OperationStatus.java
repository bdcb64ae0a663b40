package dev.idcplane.identitycenter;

import java.time.Instant;
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
   * Whether the operation FAILED with AWS's 404 reason ("Received a 404 status error: …"). For a
   * deletion this means the assignment was already gone: AWS accepts DeleteAccountAssignment for
   * an absent assignment and fails the request later with such a reason.
   */
  public boolean failedNotFound() {
    return state == OperationState.FAILED
        && failureReason != null
        && failureReason.startsWith("Received a 404 status error");
  }
}
