package dev.idcplane.apply;

import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.OperationState;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * Decides, for a resumed run, whether an assignment create that was journaled as attempted but has
 * no request id took effect. The process that sent it may have stopped (killed, its replica lost)
 * between sending CreateAccountAssignment and journaling AWS's answer, so AWS may hold the request
 * while the journal does not; sending it again would create the assignment twice (AWS accepts a
 * second request for the same assignment). So: wait until no creation request AWS started since the
 * first attempt (less {@link #CLOCK_MARGIN} for clock skew) is IN_PROGRESS, bounded by the
 * operation timeout, then look the assignment up. Present means done; absent means submit.
 */
final class EarlierAttempts {
  /** Creation requests this much older than the attempt are not waited for. */
  static final Duration CLOCK_MARGIN = Duration.ofMinutes(5);

  private final IdentityCenter ic;
  private final String instanceArn;
  private final ApplySettings settings;
  private final CallGate gate;
  private final Clock clock;
  private final Sleeper sleeper;
  private final AssignmentTargets targets;
  private final Fence fence;

  EarlierAttempts(
      IdentityCenter ic,
      String instanceArn,
      ApplySettings settings,
      CallGate gate,
      Clock clock,
      Sleeper sleeper,
      AssignmentTargets targets,
      Fence fence) {
    this.ic = ic;
    this.instanceArn = instanceArn;
    this.settings = settings;
    this.gate = gate;
    this.clock = clock;
    this.sleeper = sleeper;
    this.targets = targets;
    this.fence = fence;
  }

  /** Whether {@code op} may have been sent without its answer being journaled. */
  static boolean unknown(Operation op) {
    return op.kind() == OperationKind.CREATE_ASSIGNMENT
        && op.outcome() == OperationOutcome.IN_FLIGHT
        && op.requestId() == null
        && op.attempts() > 0;
  }

  /** True when the assignment {@code op} creates exists once earlier requests have settled. */
  boolean tookEffect(Operation op) throws InterruptedException {
    Instant since = (op.startedAt() == null ? clock.instant() : op.startedAt()).minus(CLOCK_MARGIN);
    Instant giveUp = clock.instant().plus(settings.operationTimeout());
    while (clock.instant().isBefore(giveUp)) {
      fence.check();
      boolean settling =
          gate
              .retrying(
                  "ListAccountAssignmentCreationStatus",
                  () ->
                      ic.listAccountAssignmentCreationStatus(
                          instanceArn, OperationState.IN_PROGRESS))
              .stream()
              .anyMatch(s -> s.createdAt() == null || !s.createdAt().isBefore(since));
      if (!settling) {
        break;
      }
      sleeper.sleep(settings.pollFirst());
    }
    AccountAssignment wanted;
    try {
      wanted = targets.assignment(op);
    } catch (AssignmentTargets.Unresolvable e) {
      return false; // cannot have been sent; submitting reports it
    }
    return gate.retrying(
            "ListAccountAssignments",
            () ->
                ic.listAccountAssignments(
                    instanceArn, wanted.accountId(), wanted.permissionSetArn()))
        .contains(wanted);
  }
}
