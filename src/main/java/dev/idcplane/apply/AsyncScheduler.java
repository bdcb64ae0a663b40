package dev.idcplane.apply;

import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.OperationState;
import dev.idcplane.identitycenter.OperationStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jboss.logging.Logger;

/**
 * Runs asynchronous operations (assignment creates and deletes, provisioning) to a terminal outcome
 * with at most {@code maxOutstanding} in flight, at most {@code maxProvisioning} of them
 * provisioning, and every call through the shared rate limit. One thread, one loop: submit while
 * slots are free, poll what is in flight (one List*Status call for several operations of a kind,
 * Describe* for the ones that left IN_PROGRESS), wait for the next event.
 *
 * <p>A rejection because too many operations are outstanding (ours or other callers') is normal:
 * the operation waits with backoff and is retried until its timeout, never failed for it. Other
 * retryable errors are retried up to {@code maxAttempts}; terminal errors fail the operation with
 * AWS's message. An operation that ends FAILED with a transient reason ({@link
 * OperationStatus#failedTransiently()}) is submitted again with backoff, also up to {@code
 * maxAttempts} submissions counted in the journaled {@link Operation#attempts()}, so a resumed run
 * does not exceed the bound. A status call answering NOT_FOUND within {@code statusGrace} of the
 * submission means the request is not visible yet, not that it is lost. Every transition is
 * journaled before the loop acts on it. A resumed create that was attempted without a journaled
 * request id is looked up first ({@link EarlierAttempts}), never blindly sent again.
 */
final class AsyncScheduler {
  private static final Logger LOG = Logger.getLogger(AsyncScheduler.class);

  private final IdentityCenter ic;
  private final String instanceArn;
  private final ApplySettings settings;
  private final CallGate gate;
  private final Clock clock;
  private final Sleeper sleeper;
  private final OperationJournal journal;
  private final RunCounters counters;
  private final AssignmentTargets targets;
  private final PollClock pollClock;
  private final Backoff backoff;
  private final Fence fence;

  private final Deque<Operation> queue = new ArrayDeque<>();
  private final List<Delayed> delayed = new ArrayList<>();
  private final Map<String, Operation> inFlight = new LinkedHashMap<>();

  /** Left IN_PROGRESS per the list call: no longer holds a slot, outcome not yet described. */
  private final Map<String, Operation> confirming = new LinkedHashMap<>();

  private final Map<Integer, Operation> done = new LinkedHashMap<>();
  private Instant notBefore = Instant.MIN;
  private int contention;
  private Instant nextPoll = Instant.MAX;

  private record Delayed(Operation op, Instant at) {}

  AsyncScheduler(
      IdentityCenter ic,
      String instanceArn,
      ApplySettings settings,
      CallGate gate,
      Clock clock,
      Sleeper sleeper,
      OperationJournal journal,
      RunCounters counters,
      AssignmentTargets targets,
      Backoff backoff,
      Fence fence) {
    this.ic = ic;
    this.instanceArn = instanceArn;
    this.settings = settings;
    this.gate = gate;
    this.clock = clock;
    this.sleeper = sleeper;
    this.journal = journal;
    this.counters = counters;
    this.targets = targets;
    this.pollClock = new PollClock(settings);
    this.backoff = backoff;
    this.fence = fence;
  }

  /** Runs every operation to SUCCEEDED, FAILED or SKIPPED; returns them in their final state. */
  List<Operation> run(List<Operation> ops) throws InterruptedException {
    for (Operation op : ops) {
      if (op.outcome().terminal()) {
        done.put(op.seq(), op);
      } else if (op.outcome() == OperationOutcome.IN_FLIGHT && op.requestId() != null) {
        inFlight.put(op.requestId(), op); // resumed: poll it, never resubmit
        nextPoll = now();
      } else if (op.outcome() == OperationOutcome.IN_FLIGHT
          && OperationStatus.transientReason(op.error())
          && op.attempts() >= settings.maxAttempts()) {
        // Resumed after its last allowed submission: another would exceed the bound.
        fail(op, exhausted(op, op.error()));
      } else if (EarlierAttempts.unknown(op) && earlierAttempts().tookEffect(op)) {
        // Sent before the process stopped, answer not journaled: AWS made it; never send twice.
        LOG.infof("operation %d: an earlier attempt created the assignment", op.seq());
        complete(op.succeeded(now()));
      } else {
        queue.add(op);
      }
    }
    while (!queue.isEmpty() || !inFlight.isEmpty() || !delayed.isEmpty() || !confirming.isEmpty()) {
      promoteDelayed();
      submitWhileSlotsFree();
      if (!inFlight.isEmpty() && !now().isBefore(nextPoll)) {
        fence.check(); // a run that lost its instance stops polling too; a resume polls instead
        poll();
        // Slots freed by the poll are refilled before the finished operations are described.
        submitWhileSlotsFree();
      }
      confirm();
      expireTimedOut();
      sleepUntilNextEvent();
    }
    return ops.stream().map(o -> done.get(o.seq())).toList();
  }

  private void submitWhileSlotsFree() throws InterruptedException {
    while (!queue.isEmpty()
        && inFlight.size() < settings.maxOutstanding()
        && !now().isBefore(notBefore)) {
      Operation op = queue.peek();
      if (op.kind() == OperationKind.PROVISION_PERMISSION_SET
          && provisioning() >= settings.maxProvisioning()) {
        Operation other = firstNonProvisioning();
        if (other == null) {
          return;
        }
        op = other;
      }
      queue.remove(op);
      submit(op);
    }
  }

  private void submit(Operation pending) throws InterruptedException {
    Operation op = pending.attempt(now());
    journal.record(op);
    try {
      OperationStatus status =
          gate.once(
              () -> {
                fence.check();
                return targets.submit(ic, instanceArn, pending);
              });
      contention = 0;
      op = op.submitted(status.requestId(), now());
      journal.record(op);
      if (status.state().terminal()) {
        finish(op, status);
      } else {
        inFlight.put(status.requestId(), op);
        counters.inFlight(inFlight.size());
        nextPoll = min(nextPoll, now().plus(pollClock.afterSubmit()));
      }
    } catch (IdentityCenterException e) {
      onSubmitError(op, e);
    } catch (AssignmentTargets.Unresolvable e) {
      skip(op, e.getMessage());
    }
  }

  private void onSubmitError(Operation op, IdentityCenterException e) throws InterruptedException {
    switch (e.kind()) {
      case THROTTLED, CONFLICT -> {
        // Slots or rate shared with other callers: wait and retry, bounded only by the timeout.
        counters.retry(e.kind());
        if (timedOut(op)) {
          fail(op, "gave up after " + settings.operationTimeout() + " of '" + e.getMessage() + "'");
          return;
        }
        contention++;
        notBefore = now().plus(gateDelay(contention));
        LOG.debugf("operation %d: %s; backing off", op.seq(), e.getMessage());
        Operation again = op.retrying(e.getMessage());
        journal.record(again);
        queue.addFirst(again);
      }
      case SERVICE, TIMEOUT -> {
        counters.retry(e.kind());
        if (op.attempts() >= settings.maxAttempts() || timedOut(op)) {
          LOG.errorf(
              "operation %d failed after %d attempts: %s", op.seq(), op.attempts(), e.getMessage());
          fail(op, e.getMessage());
        } else {
          LOG.warnf(
              "operation %d attempt %d: %s; retrying", op.seq(), op.attempts(), e.getMessage());
          Operation again = op.retrying(e.getMessage());
          journal.record(again);
          delayed.add(new Delayed(again, now().plus(gateDelay(op.attempts()))));
        }
      }
      case NOT_FOUND -> {
        if (op.kind() == OperationKind.DELETE_ASSIGNMENT) {
          complete(op.succeeded(now())); // already gone: the goal holds
        } else {
          fail(op, e.getMessage());
        }
      }
      case ACCESS_DENIED, VALIDATION -> fail(op, e.getMessage());
    }
  }

  private void poll() throws InterruptedException {
    int finished = 0;
    try {
      finished += pollKind(OperationKind.CREATE_ASSIGNMENT);
      finished += pollKind(OperationKind.DELETE_ASSIGNMENT);
      finished += pollKind(OperationKind.PROVISION_PERMISSION_SET);
    } catch (IdentityCenterException e) {
      LOG.warnf("polling failed (%s); polling again later", e.getMessage());
    }
    pollClock.polled(finished);
    nextPoll = inFlight.isEmpty() ? Instant.MAX : now().plus(pollClock.interval(inFlight.size()));
  }

  private int pollKind(OperationKind kind) throws InterruptedException {
    List<Operation> mine = inFlight.values().stream().filter(o -> o.kind() == kind).toList();
    if (mine.isEmpty()) {
      return 0;
    }
    java.util.Set<String> stillRunning = java.util.Set.of();
    boolean listed = mine.size() >= 2 && kind != OperationKind.PROVISION_PERMISSION_SET;
    if (listed) {
      stillRunning = new java.util.HashSet<>();
      for (OperationStatus s :
          gate.retrying(
              "List" + kind + "Status", () -> targets.listInProgress(ic, instanceArn, kind))) {
        stillRunning.add(s.requestId());
      }
    }
    int finished = 0;
    for (Operation op : mine) {
      if (stillRunning.contains(op.requestId())) {
        continue;
      }
      if (listed) {
        inFlight.remove(op.requestId());
        confirming.put(op.requestId(), op);
        pollClock.completed(Duration.between(op.submittedAt(), now()));
        finished++;
        continue;
      }
      if (describe(op)) {
        finished++;
      }
    }
    return finished;
  }

  /** Describes the operations the list call saw finish; returns when all are settled or retried. */
  private void confirm() throws InterruptedException {
    for (Operation op : List.copyOf(confirming.values())) {
      confirming.remove(op.requestId());
      try {
        OperationStatus status =
            gate.retrying(
                "Describe" + op.kind() + "Status", () -> targets.describe(ic, instanceArn, op));
        if (status.state().terminal()) {
          finish(op, status);
        } else {
          inFlight.put(op.requestId(), op); // the list was behind; it still holds a slot
        }
      } catch (IdentityCenterException e) {
        if (e.kind() == IdentityCenterException.Kind.NOT_FOUND && notYetVisible(op)) {
          inFlight.put(op.requestId(), op); // eventual consistency: describe it again later
        } else if (e.kind() == IdentityCenterException.Kind.NOT_FOUND) {
          fail(op, unknownRequest(op, e));
        } else {
          LOG.warnf(
              "describing request %s failed (%s); trying again", op.requestId(), e.getMessage());
          inFlight.put(op.requestId(), op);
        }
      }
    }
    if (!inFlight.isEmpty() && nextPoll.equals(Instant.MAX)) {
      // An operation went back in flight after the poll found none left: poll it again later,
      // or the loop would never sleep nor poll.
      nextPoll = now().plus(pollClock.interval(inFlight.size()));
    }
  }

  /** Describes one in-flight operation; true when it reached a terminal state. */
  private boolean describe(Operation op) throws InterruptedException {
    OperationStatus status;
    try {
      status =
          gate.retrying(
              "Describe" + op.kind() + "Status", () -> targets.describe(ic, instanceArn, op));
    } catch (IdentityCenterException e) {
      if (e.kind() != IdentityCenterException.Kind.NOT_FOUND) {
        throw e;
      }
      if (notYetVisible(op)) {
        LOG.debugf("request %s not visible yet: %s", op.requestId(), e.getMessage());
        return false;
      }
      inFlight.remove(op.requestId());
      fail(op, unknownRequest(op, e));
      return true;
    }
    if (status.state().terminal()) {
      inFlight.remove(op.requestId());
      pollClock.completed(Duration.between(op.submittedAt(), now()));
      finish(op, status);
      return true;
    }
    return false;
  }

  private void finish(Operation op, OperationStatus status) {
    if (status.state() == OperationState.SUCCEEDED
        || (op.kind() == OperationKind.DELETE_ASSIGNMENT && status.failedNotFound())) {
      // A delete that finds the assignment already gone has reached its goal.
      complete(op.succeeded(now()));
    } else if (status.failedTransiently()) {
      if (op.attempts() >= settings.maxAttempts() || timedOut(op)) {
        LOG.errorf(
            "operation %d FAILED on attempt %d: %s",
            op.seq(), op.attempts(), status.failureReason());
        fail(op, exhausted(op, status.failureReason()));
        return;
      }
      LOG.warnf(
          "operation %d FAILED on attempt %d (%s); submitting it again",
          op.seq(), op.attempts(), status.failureReason());
      counters.retry(IdentityCenterException.Kind.SERVICE);
      Operation again = op.retrying(status.failureReason());
      journal.record(again);
      delayed.add(new Delayed(again, now().plus(gateDelay(op.attempts()))));
    } else {
      fail(op, status.failureReason() == null ? "FAILED without a reason" : status.failureReason());
    }
  }

  private String exhausted(Operation op, String reason) {
    return reason
        + " (AWS failed all "
        + op.attempts()
        + " submissions of this operation; apply"
        + " again later, or ask AWS Support if it persists)";
  }

  /** Whether a NOT_FOUND from a status call may just be eventual consistency. */
  private boolean notYetVisible(Operation op) {
    return op.submittedAt() != null
        && Duration.between(op.submittedAt(), now()).compareTo(settings.statusGrace()) < 0;
  }

  private String unknownRequest(Operation op, IdentityCenterException e) {
    return "AWS does not know request "
        + op.requestId()
        + " "
        + settings.statusGrace()
        + " or more after its submission ("
        + e.getMessage()
        + "); apply again to resubmit it";
  }

  private void expireTimedOut() {
    for (Operation op : List.copyOf(inFlight.values())) {
      if (timedOut(op)) {
        inFlight.remove(op.requestId());
        fail(
            op,
            "still IN_PROGRESS after "
                + settings.operationTimeout()
                + " (request "
                + op.requestId()
                + ")");
      }
    }
  }

  private void promoteDelayed() {
    Instant now = now();
    delayed.removeIf(
        d -> {
          if (!d.at().isAfter(now)) {
            queue.addFirst(d.op());
            return true;
          }
          return false;
        });
  }

  private void sleepUntilNextEvent() throws InterruptedException {
    Instant now = now();
    Instant next = Instant.MAX;
    if (!inFlight.isEmpty()) {
      next = min(next, nextPoll);
    }
    if (!queue.isEmpty() && inFlight.size() < settings.maxOutstanding()) {
      boolean blockedOnProvisioning = firstSubmittable() == null;
      if (!blockedOnProvisioning) {
        next = min(next, notBefore.isAfter(now) ? notBefore : now);
      }
    }
    for (Delayed d : delayed) {
      next = min(next, d.at());
    }
    if (next.equals(Instant.MAX) || !next.isAfter(now)) {
      return;
    }
    sleeper.sleep(Duration.between(now, next));
  }

  private Operation firstSubmittable() {
    Operation head = queue.peek();
    if (head == null) {
      return null;
    }
    if (head.kind() != OperationKind.PROVISION_PERMISSION_SET
        || provisioning() < settings.maxProvisioning()) {
      return head;
    }
    return firstNonProvisioning();
  }

  private Operation firstNonProvisioning() {
    for (Operation o : queue) {
      if (o.kind() != OperationKind.PROVISION_PERMISSION_SET) {
        return o;
      }
    }
    return null;
  }

  private long provisioning() {
    return inFlight.values().stream()
        .filter(o -> o.kind() == OperationKind.PROVISION_PERMISSION_SET)
        .count();
  }

  private Duration gateDelay(int attempt) {
    return backoff.delay(attempt);
  }

  private boolean timedOut(Operation op) {
    return op.startedAt() != null
        && Duration.between(op.startedAt(), now()).compareTo(settings.operationTimeout()) > 0;
  }

  private void complete(Operation op) {
    journal.record(op);
    done.put(op.seq(), op);
  }

  private void fail(Operation op, String why) {
    complete(op.failed(now(), why));
  }

  private void skip(Operation op, String why) {
    complete(op.skipped(now(), why));
  }

  private EarlierAttempts earlierAttempts() {
    return new EarlierAttempts(ic, instanceArn, settings, gate, clock, sleeper, targets, fence);
  }

  private Instant now() {
    return clock.instant();
  }

  private static Instant min(Instant a, Instant b) {
    return a.isBefore(b) ? a : b;
  }
}
