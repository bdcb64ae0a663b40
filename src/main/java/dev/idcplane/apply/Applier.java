package dev.idcplane.apply;

import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.apps.Applications;
import dev.idcplane.plan.Change;
import dev.idcplane.plan.Plan;
import dev.idcplane.plan.apps.AppChange;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import java.util.stream.IntStream;
import org.jboss.logging.Logger;

/**
 * Executes a plan's changes against Identity Center in four phases: permission set definitions
 * (created or converged field by field), their provisioning to ALL_PROVISIONED_ACCOUNTS, assignment
 * creates, then deletes — so nobody moving between groups loses access mid-run. Each operation ends
 * in exactly one terminal outcome; a permission set that could not be written skips the operations
 * that need it. Resumable: operations already terminal are kept, operations in flight with a
 * request id are polled rather than resubmitted, and the rest are (idempotently) submitted again.
 */
public final class Applier {
  private static final Logger LOG = Logger.getLogger(Applier.class);

  private final IdentityCenter ic;
  private final String instanceArn;
  private final ApplySettings settings;
  private final Clock clock;
  private final Sleeper sleeper;
  private final OperationJournal journal;
  private final RunCounters counters = new RunCounters();
  private final CallGate gate;
  private final Backoff backoff;
  private final Fence fence;
  private Applications applications;

  /**
   * An applier whose sso-admin calls take their tokens from {@code ssoAdminBudget}, the budget the
   * service shares with plans and scans (the account's rate quota is one for all of them), and
   * whose every write is first checked against {@code fence} ({@link Fence#NONE}: none). A budget
   * of its own is {@code new RateLimiter(settings.requestsPerSecond(), clock, sleeper)}; when the
   * fence fails, {@link #run} throws {@link LeaseLostException} and submits nothing more.
   */
  public Applier(
      IdentityCenter ic,
      String instanceArn,
      ApplySettings settings,
      Clock clock,
      Sleeper sleeper,
      RandomGenerator random,
      OperationJournal journal,
      RateLimiter ssoAdminBudget,
      Fence fence) {
    this.fence = fence;
    this.ic = ic;
    this.instanceArn = instanceArn;
    this.settings = settings;
    this.clock = clock;
    this.sleeper = sleeper;
    this.journal = journal;
    this.backoff = new Backoff(settings.backoffBase(), settings.backoffMax(), random);
    this.gate = new CallGate(ssoAdminBudget, backoff, sleeper, settings.maxAttempts(), counters);
  }

  /**
   * This applier, making the plan's changes to trusted token issuers and applications through
   * {@code port} (without one, such changes fail).
   */
  public Applier withApplications(Applications port) {
    this.applications = port;
    return this;
  }

  /** The plan's changes as pending operations, numbered in plan order. */
  public static List<Operation> operationsOf(Plan plan) {
    return IntStream.range(0, plan.changes().size())
        .mapToObj(i -> Operation.pending(i, plan.changes().get(i)))
        .toList();
  }

  /**
   * Runs the operations to terminal outcomes. Throws {@link LeaseLostException} when the fence
   * fails; the journal then holds every operation as far as it got.
   */
  public RunResult run(List<Operation> operations) throws InterruptedException {
    Map<Integer, Operation> result = new HashMap<>();
    operations.forEach(o -> result.put(o.seq(), o));
    PermissionSetConverger converger = new PermissionSetConverger(ic, instanceArn, gate, fence);
    Map<String, String> arnByName = new HashMap<>();
    Set<String> failedSets = new HashSet<>();

    for (Operation op :
        phase(
            operations, OperationKind.CREATE_PERMISSION_SET, OperationKind.UPDATE_PERMISSION_SET)) {
      Operation end = convergeSet(converger, op, arnByName, failedSets);
      result.put(end.seq(), end);
    }
    for (Operation op : operations) {
      if (op.outcome() == OperationOutcome.SUCCEEDED) {
        setName(op).ifPresent(n -> arnOf(op).ifPresent(a -> arnByName.put(n, a)));
      }
    }
    resolveMissingArns(converger, operations, arnByName, failedSets);

    for (OperationKind kind :
        List.of(
            OperationKind.PROVISION_PERMISSION_SET,
            OperationKind.CREATE_ASSIGNMENT,
            OperationKind.DELETE_ASSIGNMENT)) {
      List<Operation> runnable = new ArrayList<>();
      for (Operation op : phase(operations, kind)) {
        Optional<String> set = setName(op);
        if (!op.outcome().terminal() && set.isPresent() && failedSets.contains(set.get())) {
          Operation skipped =
              op.skipped(clock.instant(), "permission set " + set.get() + " could not be written");
          journal.record(skipped);
          result.put(op.seq(), skipped);
        } else {
          runnable.add(op);
        }
      }
      AsyncScheduler scheduler =
          new AsyncScheduler(
              ic,
              instanceArn,
              settings,
              gate,
              clock,
              sleeper,
              journal,
              counters,
              new AssignmentTargets(arnByName),
              backoff,
              fence);
      scheduler.run(runnable).forEach(o -> result.put(o.seq(), o));
    }
    runApplicationChanges(phase(operations, OperationKind.APPLICATION), result);
    List<Operation> ended = operations.stream().map(o -> result.get(o.seq())).toList();
    return new RunResult(RunStatus.of(ended), ended, counters);
  }

  private Operation convergeSet(
      PermissionSetConverger converger,
      Operation op,
      Map<String, String> arnByName,
      Set<String> failedSets)
      throws InterruptedException {
    if (op.outcome().terminal()) {
      if (op.outcome() != OperationOutcome.SUCCEEDED) {
        setName(op).ifPresent(failedSets::add);
      }
      return op;
    }
    Operation running = op.attempt(clock.instant());
    journal.record(running);
    String name = setName(op).orElseThrow();
    try {
      String arn =
          switch (op.kind()) {
            case CREATE_PERMISSION_SET ->
                converger.converge(
                    name,
                    Optional.empty(),
                    ((Change.CreatePermissionSet) op.change()).definition());
            case UPDATE_PERMISSION_SET -> {
              Change.UpdatePermissionSet u = (Change.UpdatePermissionSet) op.change();
              yield converger.converge(name, Optional.of(u.permissionSetArn()), u.after());
            }
            default -> throw new IllegalStateException("not a definition change: " + op.kind());
          };
      arnByName.put(name, arn);
      Operation ok = running.submitted(arn, clock.instant()).succeeded(clock.instant());
      journal.record(ok);
      return ok;
    } catch (IdentityCenterException e) {
      LOG.errorf("permission set %s: %s", name, e.getMessage());
      failedSets.add(name);
      Operation failed = running.failed(clock.instant(), e.getMessage());
      journal.record(failed);
      return failed;
    }
  }

  /**
   * The changes to trusted token issuers and applications, one at a time in plan order (each needs
   * what the ones before it made), every call on the call gate. The first that fails stops them:
   * the rest are skipped, and a re-plan continues from what is live. An operation an interrupted
   * run had started is resumed: its create looks for what it may have made before making it.
   */
  private void runApplicationChanges(List<Operation> ops, Map<Integer, Operation> result)
      throws InterruptedException {
    if (ops.isEmpty()) {
      return;
    }
    AppExecutor executor =
        applications == null ? null : new AppExecutor(applications, instanceArn, gate, fence);
    String failed = null;
    for (Operation op : ops) {
      if (op.outcome().terminal()) {
        if (op.outcome() != OperationOutcome.SUCCEEDED) {
          failed = op.change().key();
        }
        continue;
      }
      if (failed != null) {
        Operation skipped =
            op.skipped(clock.instant(), "an earlier application change failed: " + failed);
        journal.record(skipped);
        result.put(op.seq(), skipped);
        continue;
      }
      boolean resumed = op.attempts() > 0;
      fence.check();
      Operation running = op.attempt(clock.instant());
      journal.record(running);
      AppChange change = ((Change.ApplicationChange) op.change()).change();
      Operation end;
      try {
        if (executor == null) {
          throw new IllegalStateException(
              "this applier has no port to trusted token issuers and applications");
        }
        String arn = executor.apply(change, resumed);
        end = running.submitted(arn, clock.instant()).succeeded(clock.instant());
      } catch (IdentityCenterException | IllegalStateException e) {
        LOG.errorf("%s: %s", change.key(), e.getMessage());
        failed = change.key();
        end = running.failed(clock.instant(), e.getMessage());
      }
      journal.record(end);
      result.put(op.seq(), end);
    }
  }

  /**
   * Assignment creates of sets created by an earlier, interrupted run of this plan: their sets are
   * looked up together, once per run. A set that could not be written is not looked up: the
   * operations that need it are skipped.
   */
  private void resolveMissingArns(
      PermissionSetConverger converger,
      List<Operation> ops,
      Map<String, String> arnByName,
      Set<String> failedSets)
      throws InterruptedException {
    Set<String> missing = new java.util.TreeSet<>();
    for (Operation op : ops) {
      if (!op.outcome().terminal()
          && op.change() instanceof Change.CreateAssignment c
          && c.permissionSetArn() == null
          && !arnByName.containsKey(c.assignment().permissionSetName())
          && !failedSets.contains(c.assignment().permissionSetName())) {
        missing.add(c.assignment().permissionSetName());
      }
    }
    if (missing.isEmpty()) {
      return;
    }
    try {
      arnByName.putAll(converger.findAll(missing));
    } catch (IdentityCenterException e) {
      LOG.warnf("cannot look up permission sets %s: %s", missing, e.getMessage());
    }
  }

  private static List<Operation> phase(List<Operation> ops, OperationKind... kinds) {
    Set<OperationKind> wanted = Set.of(kinds);
    return ops.stream().filter(o -> wanted.contains(o.kind())).toList();
  }

  private static Optional<String> setName(Operation op) {
    Change c = op.change();
    return Optional.ofNullable(
        switch (c.action()) {
          case CREATE_PERMISSION_SET -> ((Change.CreatePermissionSet) c).name();
          case UPDATE_PERMISSION_SET -> ((Change.UpdatePermissionSet) c).name();
          case PROVISION_PERMISSION_SET -> ((Change.ProvisionPermissionSet) c).name();
          case CREATE_ASSIGNMENT -> ((Change.CreateAssignment) c).assignment().permissionSetName();
          case DELETE_ASSIGNMENT -> ((Change.DeleteAssignment) c).assignment().permissionSetName();
          case APPLICATION -> null;
        });
  }

  /** The ARN a finished definition operation recorded (kept in its request id field). */
  private static Optional<String> arnOf(Operation op) {
    return op.kind() == OperationKind.CREATE_PERMISSION_SET
            || op.kind() == OperationKind.UPDATE_PERMISSION_SET
        ? Optional.ofNullable(op.requestId())
        : Optional.empty();
  }
}
