package dev.idcplane.identitycenter.sandbox;

import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.OperationState;
import dev.idcplane.identitycenter.OperationStatus;
import java.time.Instant;

/**
 * One submitted asynchronous operation. It is IN_PROGRESS until the clock reaches {@code
 * completesAt}; the tracker then settles it (applies its effect, or fails it) in completion order.
 * Guarded by the sandbox's lock.
 */
final class AsyncOperation {
  final OperationKind kind;
  final String requestId;
  final long sequence;
  final Instant createdAt;
  final Instant completesAt;

  /** The assignment to create or delete; null for provisioning. */
  final AccountAssignment assignment;

  /** The permission set to provision and the definition version it provisions; else null/0. */
  final String permissionSetArn;

  final long version;

  /** The one account a provisioning targets (AWS_ACCOUNT); null for ALL_PROVISIONED_ACCOUNTS. */
  final String targetAccountId;

  /** Non-null when fault injection decided at submission that this operation fails. */
  final String injectedFailure;

  OperationState state = OperationState.IN_PROGRESS;
  String failureReason;

  /** Describe*Status calls answered NOT_FOUND so far (injected eventual consistency). */
  int hiddenDescribes;

  AsyncOperation(
      OperationKind kind,
      String requestId,
      long sequence,
      Instant createdAt,
      Instant completesAt,
      AccountAssignment assignment,
      String permissionSetArn,
      long version,
      String targetAccountId,
      String injectedFailure) {
    this.kind = kind;
    this.requestId = requestId;
    this.sequence = sequence;
    this.createdAt = createdAt;
    this.completesAt = completesAt;
    this.assignment = assignment;
    this.permissionSetArn = permissionSetArn;
    this.version = version;
    this.targetAccountId = targetAccountId;
    this.injectedFailure = injectedFailure;
  }

  void succeed() {
    state = OperationState.SUCCEEDED;
  }

  void fail(String reason) {
    state = OperationState.FAILED;
    failureReason = reason;
  }

  /** As Describe*Status returns it, with the failure reason. */
  OperationStatus describe() {
    return new OperationStatus(requestId, state, failureReason, createdAt);
  }

  /** As List*Status returns it: no failure reason. */
  OperationStatus summary() {
    return new OperationStatus(requestId, state, null, createdAt);
  }
}
