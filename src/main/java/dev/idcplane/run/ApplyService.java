package dev.idcplane.run;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.apply.Applier;
import dev.idcplane.apply.ApplySettings;
import dev.idcplane.apply.LeaseLostException;
import dev.idcplane.apply.Operation;
import dev.idcplane.apply.OperationJournal;
import dev.idcplane.apply.RequestBudgets;
import dev.idcplane.apply.RunResult;
import dev.idcplane.apply.RunStatus;
import dev.idcplane.apply.Sleeper;
import dev.idcplane.audit.AuditAction;
import dev.idcplane.audit.AuditTrail;
import dev.idcplane.config.IdcConfig;
import dev.idcplane.identitycenter.ApiService;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.metrics.ControlPlaneMetrics;
import dev.idcplane.persistence.ApplyLocks;
import dev.idcplane.persistence.PlanEntity;
import dev.idcplane.persistence.PlanRepository;
import dev.idcplane.persistence.RunEntity;
import dev.idcplane.persistence.RunRepository;
import dev.idcplane.plan.ChangeAction;
import dev.idcplane.plan.DeletionGuard;
import dev.idcplane.plan.Plan;
import dev.idcplane.planning.MatrixInput;
import dev.idcplane.planning.PlanningService;
import dev.idcplane.security.Caller;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.jboss.logging.Logger;

/**
 * Applies stored plans: takes the instance's lease ({@link ApplyLocks}), re-plans to refuse a stale
 * plan, applies the deletion guard, records the run and its operations, and executes it on a run
 * thread with the lease as its fence: a run that loses the lease stops writing and ends
 * INTERRUPTED. Before a new run writes, it resumes the instance's earlier runs that are INTERRUPTED
 * or were left RUNNING by a stopped process; on start, and every {@code idc.apply.resume-every}
 * once the instance's lease is free (a killed replica's run), the service resumes those too.
 */
@ApplicationScoped
public class ApplyService {
  private static final Logger LOG = Logger.getLogger(ApplyService.class);

  private final IdcConfig config;
  private final IdentityCenter identityCenter;
  private final dev.idcplane.identitycenter.apps.Applications applications;
  private final Clock clock;
  private final PlanningService planning;
  private final PlanRepository plans;
  private final RunRepository runs;
  private final ApplyLocks locks;
  private final RunEvents events;
  private final ObjectMapper json;
  private final AuditTrail audit;
  private final ControlPlaneMetrics metrics;
  private final RequestBudgets budgets;
  private final ManagedExecutor executor;
  private final Map<UUID, CompletableFuture<RunStatus>> active = new ConcurrentHashMap<>();

  public ApplyService(
      IdcConfig config,
      @dev.idcplane.config.ForApply IdentityCenter identityCenter,
      @dev.idcplane.config.ForApply dev.idcplane.identitycenter.apps.Applications applications,
      Clock clock,
      PlanningService planning,
      PlanRepository plans,
      RunRepository runs,
      ApplyLocks locks,
      RunEvents events,
      ObjectMapper json,
      AuditTrail audit,
      ControlPlaneMetrics metrics,
      RequestBudgets budgets,
      @RunExecutor.Runs ManagedExecutor executor) {
    this.config = config;
    this.executor = executor;
    this.budgets = budgets;
    this.identityCenter = identityCenter;
    this.applications = applications;
    this.clock = clock;
    this.planning = planning;
    this.plans = plans;
    this.runs = runs;
    this.locks = locks;
    this.events = events;
    this.json = json;
    this.audit = audit;
    this.metrics = metrics;
  }

  /** What the caller asked for besides the plan. */
  public record ApplyRequest(boolean allowDeletes) {}

  /** A started run and the future that completes with its status. */
  public record Started(UUID runId, CompletableFuture<RunStatus> done) {}

  /** Applies a stored plan if a fresh read still yields the same plan. */
  public Started apply(UUID planId, ApplyRequest request, Caller caller) {
    PlanEntity stored = plans.find(planId).orElseThrow(() -> new PlanNotFoundException(planId));
    Duration age = Duration.between(stored.createdAt, clock.instant());
    if (age.compareTo(config.apply().planExpiry()) > 0) {
      throw new ApplyProblems.PlanExpired(planId.toString(), age.toMinutes() + " minutes");
    }
    UUID runId = UUID.randomUUID();
    ApplyLocks.Lease lease = lock(stored.instanceArn, runId);
    try {
      PlanningService.StoredPlan fresh = planning.plan(inputOf(stored), caller);
      if (!fresh.view().fingerprint().equals(stored.fingerprint)) {
        throw new ApplyProblems.StalePlan(planId.toString(), fresh.view().id().toString());
      }
      return start(runId, planId, fresh, request, caller, lease);
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  /** Applies a plan made a moment ago under the same lock (the reconcile endpoint). */
  public Started applyFresh(PlanningService.StoredPlan plan, ApplyRequest request, Caller caller) {
    UUID runId = UUID.randomUUID();
    ApplyLocks.Lease lease = lock(plan.plan().source().instanceArn(), runId);
    try {
      return start(runId, plan.view().id(), plan, request, caller, lease);
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  private ApplyLocks.Lease lock(String instanceArn, UUID runId) {
    return locks
        .tryLock(instanceArn, "run " + runId)
        .orElseThrow(
            () ->
                new ApplyProblems.Busy(
                    locks
                        .holder(instanceArn)
                        .filter(h -> h.startsWith("run "))
                        .map(h -> h.substring("run ".length()))
                        .or(
                            () ->
                                runs.running(instanceArn).stream()
                                    .findFirst()
                                    .map(r -> r.id.toString()))
                        .orElse(null)));
  }

  private Started start(
      UUID runId,
      UUID planId,
      PlanningService.StoredPlan stored,
      ApplyRequest request,
      Caller caller,
      ApplyLocks.Lease lease) {
    String subject = caller.subject();
    Plan plan = stored.plan();
    guard(plan, stored.guard(), request);
    List<Operation> ops = Applier.operationsOf(plan);
    RunEntity run = new RunEntity();
    run.id = runId;
    run.planId = planId;
    run.instanceArn = plan.source().instanceArn();
    run.status = RunStatus.RUNNING.name();
    run.startedBy = subject;
    run.startedByName = caller.displayName();
    run.startedAt = clock.instant();
    run.matrixDigest = plan.source().matrixDigest();
    run.matrixCommit = plan.source().matrixCommit();
    run.operationCount = ops.size();
    runs.create(run, ops);
    audit.record(
        AuditAction.RUN_STARTED,
        subject,
        matrixOf(run),
        details(run, "allowDeletes", request.allowDeletes(), "operations", ops.size()));
    return new Started(run.id, execute(run, ops, lease));
  }

  /** The future of a run this process executes, if any. */
  public Optional<CompletableFuture<RunStatus>> running(UUID runId) {
    return Optional.ofNullable(active.get(runId));
  }

  void resume(@Observes StartupEvent start) {
    resumeStopped();
  }

  /**
   * Every {@code idc.apply.resume-every}: a run whose replica died stays RUNNING with an expiring
   * lease, and without this only the next apply or start would resume it; so any live replica picks
   * it up once the lease is free.
   */
  @Scheduled(
      identity = "run-resume",
      every = "${idc.apply.resume-every}", // default: IdcConfig.ApplyRules#resumeEvery
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void resumeOnSchedule() {
    try {
      resumeStopped();
    } catch (RuntimeException e) {
      LOG.errorf("resuming stopped runs failed: %s", e.getMessage());
    }
  }

  /** Resumes each RUNNING or INTERRUPTED run not executing here whose instance's lease is free. */
  private synchronized void resumeStopped() {
    for (RunEntity listed : runs.resumable()) {
      if (active.containsKey(listed.id)) {
        continue; // executing (or finishing) in this process
      }
      Optional<ApplyLocks.Lease> lease = locks.tryLock(listed.instanceArn, "run " + listed.id);
      if (lease.isEmpty()) {
        LOG.infof(
            "run %s is %s and its instance is held elsewhere; leaving it",
            listed.id, listed.status);
        continue;
      }
      // Another run of this start may have resumed it meanwhile (resumeEarlier).
      Optional<RunEntity> run = runs.find(listed.id).filter(r -> resumable(r.status));
      if (run.isEmpty()) {
        lease.get().close();
        continue;
      }
      if (active.containsKey(listed.id)) {
        lease.get().close();
        continue;
      }
      LOG.infof("resuming run %s (%s)", listed.id, listed.status);
      runs.reopen(listed.id);
      execute(run.get(), runs.operations(listed.id), lease.get());
    }
  }

  void stop(@Observes ShutdownEvent stop) {
    executor.shutdownNow();
  }

  private CompletableFuture<RunStatus> execute(
      RunEntity run, List<Operation> ops, ApplyLocks.Lease lease) {
    UUID runId = run.id;
    CompletableFuture<RunStatus> done = new CompletableFuture<>();
    active.put(runId, done);
    executor.submit(
        () -> {
          RunStatus status = RunStatus.FAILED;
          try (lease) {
            resumeEarlier(run, lease);
            status = runUnder(run, ops, lease);
          } catch (InterruptedException e) {
            // Shutting down: the run stays RUNNING and the next start resumes it.
            Thread.currentThread().interrupt();
            LOG.warnf("run %s interrupted; it resumes at the next start", runId);
            status = RunStatus.RUNNING;
          } catch (RuntimeException e) {
            LOG.errorf(e, "run %s failed", runId);
            runs.finish(runId, RunStatus.FAILED, null, e.getMessage(), clock.instant());
            finished(run, RunStatus.FAILED, null, e.getMessage());
          } finally {
            events.changed(runId);
            active.remove(runId);
            done.complete(status);
          }
        });
    return done;
  }

  /**
   * Resumes the instance's runs that lost their lease (INTERRUPTED) or whose process stopped
   * (RUNNING, yet not running here while this run holds the instance), oldest first.
   */
  private void resumeEarlier(RunEntity run, ApplyLocks.Lease lease) throws InterruptedException {
    for (RunEntity earlier : runs.resumable(run.instanceArn)) {
      if (earlier.id.equals(run.id) || active.containsKey(earlier.id)) {
        continue; // ours, or one of this process that is stopping after losing the lease
      }
      LOG.infof(
          "run %s first resumes run %s (%s) of the same instance",
          run.id, earlier.id, earlier.status);
      runs.reopen(earlier.id);
      try {
        runUnder(earlier, runs.operations(earlier.id), lease);
      } catch (RuntimeException e) {
        LOG.errorf(e, "resumed run %s failed", earlier.id);
        runs.finish(earlier.id, RunStatus.FAILED, null, e.getMessage(), clock.instant());
        finished(earlier, RunStatus.FAILED, null, e.getMessage());
      }
      events.changed(earlier.id);
    }
  }

  /** Runs one run's operations under the lease, records how it ended and returns that. */
  private RunStatus runUnder(RunEntity run, List<Operation> ops, ApplyLocks.Lease lease)
      throws InterruptedException {
    UUID runId = run.id;
    OperationJournal journal =
        op -> {
          runs.record(runId, op, clock.instant());
          events.changed(runId);
        };
    Applier applier =
        new Applier(
                identityCenter,
                run.instanceArn,
                settings(),
                clock,
                Sleeper.REAL,
                new SplittableRandom(),
                journal,
                budgets.limiter(ApiService.SSO_ADMIN),
                lease)
            .withApplications(applications);
    RunResult result;
    try {
      result = applier.run(ops);
    } catch (LeaseLostException e) {
      LOG.warnf("run %s: %s", runId, e.getMessage());
      try {
        runs.finish(runId, RunStatus.INTERRUPTED, null, e.getMessage(), clock.instant());
      } catch (RuntimeException unrecorded) {
        // Still RUNNING in the database, which is resumed the same way.
        LOG.errorf(
            "run %s is INTERRUPTED but could not be recorded so: %s",
            runId, unrecorded.getMessage());
      }
      finished(run, RunStatus.INTERRUPTED, null, e.getMessage());
      return RunStatus.INTERRUPTED;
    }
    runs.finish(runId, result.status(), result, null, clock.instant());
    finished(run, result.status(), result, null);
    return result.status();
  }

  private static boolean resumable(String status) {
    return status.equals(RunStatus.RUNNING.name()) || status.equals(RunStatus.INTERRUPTED.name());
  }

  private void finished(RunEntity run, RunStatus status, RunResult result, String error) {
    metrics.runFinished(status, result);
    try {
      audit.record(
          AuditAction.RUN_FINISHED,
          run.startedBy,
          matrixOf(run),
          details(
              run,
              "status",
              status.name(),
              "error",
              error,
              "awsCalls",
              result == null ? null : result.counters().calls(),
              "retries",
              result == null ? null : result.counters().totalRetries()));
    } catch (RuntimeException e) {
      LOG.errorf(e, "run %s ended %s but its audit entry could not be written", run.id, status);
    }
  }

  private static AuditTrail.MatrixRef matrixOf(RunEntity run) {
    return new AuditTrail.MatrixRef(run.matrixDigest, run.matrixCommit);
  }

  private static Map<String, Object> details(RunEntity run, Object... pairs) {
    Map<String, Object> d = new java.util.HashMap<>();
    d.put("runId", run.id.toString());
    d.put("planId", run.planId.toString());
    d.put("instanceArn", run.instanceArn);
    for (int i = 0; i < pairs.length; i += 2) {
      d.put((String) pairs[i], pairs[i + 1]);
    }
    return d;
  }

  /** Refuses a plan the deletion guard stops unless the caller allowed deletes. */
  private static void guard(Plan plan, DeletionGuard.Verdict verdict, ApplyRequest request) {
    if (!verdict.needsAllowDeletes() || request.allowDeletes()) {
      return;
    }
    List<ApplyProblems.GuardDetail> details = new ArrayList<>();
    verdict.findings().forEach(f -> details.add(ApplyProblems.GuardDetail.of(f)));
    plan.changes().stream()
        .filter(c -> c.action() == ChangeAction.DELETE_ASSIGNMENT)
        .forEach(c -> details.add(ApplyProblems.GuardDetail.delete(c.key())));
    throw new ApplyProblems.GuardTripped(
        "the apply needs allowDeletes=true: "
            + String.join(
                "; ", verdict.findings().stream().map(DeletionGuard.Finding::message).toList())
            + ". Review the plan's warnings and deletes, then apply again with allowDeletes=true",
        details);
  }

  private MatrixInput inputOf(PlanEntity stored) {
    Optional<String> commit = Optional.ofNullable(stored.matrixCommit);
    if (stored.matrixFiles == null) {
      return MatrixInput.configured(commit);
    }
    try {
      Map<String, String> files = json.readValue(stored.matrixFiles, new TypeReference<>() {});
      return new MatrixInput(Optional.of(files), commit);
    } catch (Exception e) {
      throw new IllegalStateException("plan " + stored.id + " has unreadable matrix files", e);
    }
  }

  ApplySettings settings() {
    IdcConfig.ApplyRules a = config.apply();
    double ssoAdmin = budgets.limiter(ApiService.SSO_ADMIN).perSecond();
    return new ApplySettings(
        a.maxOutstanding(),
        a.maxProvisioning(),
        ssoAdmin,
        a.pollFirst(),
        a.pollMax(),
        a.maxAttempts(),
        a.backoffBase(),
        a.backoffMax(),
        a.operationTimeout(),
        a.statusGrace());
  }
}
