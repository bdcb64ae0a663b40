package dev.idcplane.identitycenter.sandbox;

import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.IdentityCenterException.Kind;
import dev.idcplane.identitycenter.OperationState;
import dev.idcplane.identitycenter.OperationStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;

/**
 * The instance's asynchronous operations. A submission draws its latency (and any injected failure
 * or slowness) from seeded RNG streams and is IN_PROGRESS until the clock passes its completion
 * time; {@link #settle()} then completes every due operation in completion order, applying its
 * effect. No threads: callers settle before each call. Callers hold the sandbox lock.
 *
 * <p>Caps, as AWS: a submission while {@code maxOutstandingOperations} are IN_PROGRESS fails
 * THROTTLED with AWS's ThrottlingException text; a ProvisionPermissionSet while {@code
 * maxConcurrentProvisioning} provisionings are IN_PROGRESS fails CONFLICT.
 */
final class OperationTracker {
  static final String TOO_MANY_PROCESSING =
      "There are too many requests processing. Please try again later.";
  static final String PROVISIONING_CONFLICT =
      "There is a conflicting operation in process: at most %d ProvisionPermissionSet requests run"
          + " at once per instance. Please try again later.";

  private final Clock clock;
  private final SandboxBehaviour behaviour;
  private final OperationEffects effects;
  private final Random ids;
  private final Random latencies;
  private final Random faults;
  private final Map<String, AsyncOperation> byId = new LinkedHashMap<>();
  private final PriorityQueue<AsyncOperation> pending =
      new PriorityQueue<>(
          Comparator.comparing((AsyncOperation o) -> o.completesAt)
              .thenComparingLong(o -> o.sequence));
  private long sequence;
  private int provisioning;
  private int maxOutstanding;
  private int maxProvisioning;
  private long capRejections;
  private long provisioningConflicts;
  private long failedInjected;
  private long slowInjected;
  private int firstFailuresLeft;

  /** What completing an operation does to the world; returns a failure reason, or null. */
  interface OperationEffects {
    String complete(AsyncOperation op);
  }

  OperationTracker(Clock clock, SandboxBehaviour behaviour, OperationEffects effects) {
    this.clock = clock;
    this.behaviour = behaviour;
    this.effects = effects;
    this.ids = SandboxIds.rng(behaviour.seed(), "request-ids");
    this.latencies = SandboxIds.rng(behaviour.seed(), "latency");
    this.faults = SandboxIds.rng(behaviour.seed(), "operation-faults");
    this.firstFailuresLeft = behaviour.faults().failFirstOperations();
  }

  /** Completes every operation due by now, in completion order. */
  void settle() {
    Instant now = clock.instant();
    while (!pending.isEmpty() && !pending.peek().completesAt.isAfter(now)) {
      AsyncOperation op = pending.poll();
      if (op.kind == OperationKind.PROVISION) {
        provisioning--;
      }
      if (op.injectedFailure != null) {
        op.fail(op.injectedFailure);
        continue;
      }
      String failure = effects.complete(op);
      if (failure == null) {
        op.succeed();
      } else {
        op.fail(failure);
      }
    }
  }

  /** Accepts an operation (IN_PROGRESS) or rejects it at a cap. Settle first. */
  OperationStatus submit(
      OperationKind kind, AccountAssignment assignment, String psArn, long version) {
    return submit(kind, assignment, psArn, version, null);
  }

  /** As above; a provisioning with {@code targetAccountId} targets that one account. */
  OperationStatus submit(
      OperationKind kind,
      AccountAssignment assignment,
      String psArn,
      long version,
      String targetAccountId) {
    if (pending.size() >= behaviour.maxOutstandingOperations()) {
      capRejections++;
      throw new IdentityCenterException(Kind.THROTTLED, kind.operation, TOO_MANY_PROCESSING);
    }
    if (kind == OperationKind.PROVISION && provisioning >= behaviour.maxConcurrentProvisioning()) {
      provisioningConflicts++;
      throw new IdentityCenterException(
          Kind.CONFLICT,
          kind.operation,
          String.format(PROVISIONING_CONFLICT, behaviour.maxConcurrentProvisioning()));
    }
    Instant now = clock.instant();
    Duration latency = behaviour.latency().draw(latencies);
    Faults f = behaviour.faults();
    boolean targeted = f.targets(kind.operation);
    if (targeted && f.slowOperationRate() > 0 && faults.nextDouble() < f.slowOperationRate()) {
      slowInjected++;
      latency = Duration.ofNanos((long) (latency.toNanos() * f.slowFactor()));
    }
    String failure = null;
    if (targeted && firstFailuresLeft > 0) {
      firstFailuresLeft--;
      failedInjected++;
      failure = f.failureReason();
    } else if (targeted
        && f.failedOperationRate() > 0
        && faults.nextDouble() < f.failedOperationRate()) {
      failedInjected++;
      failure = f.failureReason();
    }
    AsyncOperation op =
        new AsyncOperation(
            kind,
            SandboxIds.requestId(ids),
            sequence++,
            now,
            now.plus(latency),
            assignment,
            psArn,
            version,
            targetAccountId,
            failure);
    byId.put(op.requestId, op);
    pending.add(op);
    if (kind == OperationKind.PROVISION) {
      provisioning++;
    }
    maxOutstanding = Math.max(maxOutstanding, pending.size());
    maxProvisioning = Math.max(maxProvisioning, provisioning);
    return op.describe();
  }

  /**
   * Describe*Status: NOT_FOUND unless {@code requestId} is an operation of this kind, and for the
   * first {@code hiddenDescribes} targeted calls of each request (not yet visible to reads).
   */
  OperationStatus describe(OperationKind kind, String operation, String requestId) {
    AsyncOperation op = byId.get(requestId);
    Faults f = behaviour.faults();
    boolean hidden = op != null && f.targets(operation) && op.hiddenDescribes < f.hiddenDescribes();
    if (hidden) {
      op.hiddenDescribes++;
    }
    if (op == null || op.kind != kind || hidden) {
      throw new IdentityCenterException(
          Kind.NOT_FOUND,
          operation,
          kind.requestNoun + " with id " + requestId + " does not exist");
    }
    return op.describe();
  }

  /** List*Status filtered on one state, oldest first, without failure reasons. */
  List<OperationStatus> list(OperationKind kind, OperationState state) {
    return byId.values().stream()
        .filter(o -> o.kind == kind && o.state == state)
        .map(AsyncOperation::summary)
        .toList();
  }

  int inProgress() {
    return pending.size();
  }

  int maxOutstanding() {
    return maxOutstanding;
  }

  int maxProvisioning() {
    return maxProvisioning;
  }

  long submitted() {
    return sequence;
  }

  long capRejections() {
    return capRejections;
  }

  long provisioningConflicts() {
    return provisioningConflicts;
  }

  long failedInjected() {
    return failedInjected;
  }

  long slowInjected() {
    return slowInjected;
  }
}
