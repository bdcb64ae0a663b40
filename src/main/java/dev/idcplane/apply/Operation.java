package dev.idcplane.apply;

import dev.idcplane.plan.Change;
import java.time.Instant;
import java.util.Objects;

/**
 * One change of a plan as a run executes it: its outcome, the AWS request id once known, how many
 * submissions were made, timings and the error. Immutable; every transition makes a new value that
 * the {@link OperationJournal} records before the run goes on.
 */
public record Operation(
    int seq,
    Change change,
    OperationKind kind,
    OperationOutcome outcome,
    String requestId,
    int attempts,
    Instant startedAt,
    Instant submittedAt,
    Instant finishedAt,
    String error) {
  public Operation {
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(outcome, "outcome");
  }

  public static Operation pending(int seq, Change change) {
    return new Operation(
        seq, change, kindOf(change), OperationOutcome.PENDING, null, 0, null, null, null, null);
  }

  public Operation attempt(Instant now) {
    return new Operation(
        seq,
        change,
        kind,
        OperationOutcome.IN_FLIGHT,
        requestId,
        attempts + 1,
        startedAt == null ? now : startedAt,
        submittedAt,
        finishedAt,
        error);
  }

  public Operation submitted(String request, Instant now) {
    return new Operation(
        seq,
        change,
        kind,
        OperationOutcome.IN_FLIGHT,
        request,
        attempts,
        startedAt,
        now,
        null,
        null);
  }

  public Operation retrying(String why) {
    return new Operation(
        seq,
        change,
        kind,
        OperationOutcome.IN_FLIGHT,
        null,
        attempts,
        startedAt,
        submittedAt,
        null,
        why);
  }

  public Operation succeeded(Instant now) {
    return ended(OperationOutcome.SUCCEEDED, now, null);
  }

  public Operation failed(Instant now, String why) {
    return ended(OperationOutcome.FAILED, now, why);
  }

  public Operation skipped(Instant now, String why) {
    return ended(OperationOutcome.SKIPPED, now, why);
  }

  private Operation ended(OperationOutcome outcome, Instant now, String why) {
    return new Operation(
        seq, change, kind, outcome, requestId, attempts, startedAt, submittedAt, now, why);
  }

  static OperationKind kindOf(Change c) {
    return switch (c.action()) {
      case CREATE_PERMISSION_SET -> OperationKind.CREATE_PERMISSION_SET;
      case UPDATE_PERMISSION_SET -> OperationKind.UPDATE_PERMISSION_SET;
      case PROVISION_PERMISSION_SET -> OperationKind.PROVISION_PERMISSION_SET;
      case CREATE_ASSIGNMENT -> OperationKind.CREATE_ASSIGNMENT;
      case DELETE_ASSIGNMENT -> OperationKind.DELETE_ASSIGNMENT;
      case APPLICATION -> OperationKind.APPLICATION;
    };
  }
}
