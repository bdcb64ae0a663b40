package dev.idcplane.service;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.apply.Applier;
import dev.idcplane.apply.ApplySettings;
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
import dev.idcplane.persistence.ApplyLocks;
import dev.idcplane.persistence.PlanEntity;
import dev.idcplane.persistence.PlanRepository;
import dev.idcplane.persistence.RunEntity;
import dev.idcplane.persistence.RunRepository;
import dev.idcplane.plan.ChangeAction;
import dev.idcplane.plan.DeletionGuard;
import dev.idcplane.plan.Plan;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.ws.rs.NotFoundException;
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
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jboss.logging.Logger;

/**
 * Applies stored plans: re-plans to refuse a stale one, applies the deletion guard, takes the
 * instance's advisory lock, records the run and its operations, and executes it on a run thread.
 * On start it resumes runs a stopped process left RUNNING.
 */
@ApplicationScoped
public class ApplyService {
  private static final Logger LOG = Logger.getLogger(ApplyService.class);

  private final IdcConfig config;
  private final IdentityCenter identityCenter;
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
  private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "idc-apply");
    t.setDaemon(true);
    return t;
  });
  private final Map<UUID, CompletableFuture<RunStatus>> active = new ConcurrentHashMap<>();

  public ApplyService(IdcConfig config, @dev.idcplane.config.ForApply IdentityCenter identityCenter,
      Clock clock,
      PlanningService planning, PlanRepository plans, RunRepository runs, ApplyLocks locks,
      RunEvents events, ObjectMapper json, AuditTrail audit, ControlPlaneMetrics metrics,
      RequestBudgets budgets) {
    this.config = config;
    this.budgets = budgets;
    this.identityCenter = identityCenter;
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
  public Started apply(UUID planId, ApplyRequest request, String subject) {
    PlanEntity stored = plans.find(planId)
        .orElseThrow(() -> new NotFoundException("no plan " + planId));
    Duration age = Duration.between(stored.createdAt, clock.instant());
    if (age.compareTo(config.apply().planExpiry()) > 0) {
      throw new ApplyProblems.PlanExpired(planId.toString(), age.toMinutes() + " minutes");
    }
    ApplyLocks.Lease lease = lock(stored.instanceArn);
    try {
      PlanningService.StoredPlan fresh = planning.plan(inputOf(stored), subject);
      if (!fresh.view().fingerprint().equals(stored.fingerprint)) {
        throw new ApplyProblems.StalePlan(planId.toString(), fresh.view().id().toString());
      }
      return start(planId, fresh, request, subject, lease);
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  /** Applies a plan made a moment ago under the same lock (the reconcile endpoint). */
  public Started applyFresh(PlanningService.StoredPlan plan, ApplyRequest request,
      String subject) {
    ApplyLocks.Lease lease = lock(plan.plan().source().instanceArn());
    try {
      return start(plan.view().id(), plan, request, subject, lease);
    } catch (RuntimeException e) {
      lease.close();
      throw e;
    }
  }

  private ApplyLocks.Lease lock(String instanceArn) {
    return locks.tryLock(instanceArn).orElseThrow(() ->
        new ApplyProblems.Busy(runs.running(instanceArn).stream().findFirst()
            .map(r -> r.id.toString()).orElse(null)));
  }

  private Started start(UUID planId, PlanningService.StoredPlan stored, ApplyRequest request,
      String subject, ApplyLocks.Lease lease) {
    Plan plan = stored.plan();
    guard(plan, stored.guard(), request);
    List<Operation> ops = Applier.operationsOf(plan);
    RunEntity run = new RunEntity();
    run.id = UUID.randomUUID();
    run.planId = planId;
    run.instanceArn = plan.source().instanceArn();
    run.status = RunStatus.RUNNING.name();
    run.startedBy = subject;
    run.startedAt = clock.instant();
    run.matrixDigest = plan.source().matrixDigest();
    run.matrixCommit = plan.source().matrixCommit();
    run.operationCount = ops.size();
    runs.create(run, ops);
    audit.record(AuditAction.RUN_STARTED, subject, matrixOf(run), details(run,
        "allowDeletes", request.allowDeletes(), "operations", ops.size()));
    return new Started(run.id, execute(run, ops, lease));
  }

  /** The future of a run this process executes, if any. */
  public Optional<CompletableFuture<RunStatus>> running(UUID runId) {
    return Optional.ofNullable(active.get(runId));
  }

  void resume(@Observes StartupEvent start) {
    for (RunEntity run : runs.allRunning()) {
      Optional<ApplyLocks.Lease> lease = locks.tryLock(run.instanceArn);
      if (lease.isEmpty()) {
        LOG.infof("run %s is RUNNING under another replica; leaving it", run.id);
        continue;
      }
      LOG.infof("resuming run %s", run.id);
      execute(run, runs.operations(run.id), lease.get());
    }
  }

  void stop(@Observes ShutdownEvent stop) {
    executor.shutdownNow();
  }

  private CompletableFuture<RunStatus> execute(RunEntity run, List<Operation> ops,
      ApplyLocks.Lease lease) {
    UUID runId = run.id;
    String instanceArn = run.instanceArn;
    CompletableFuture<RunStatus> done = new CompletableFuture<>();
    active.put(runId, done);
    OperationJournal journal = op -> {
      runs.record(runId, op);
      events.operation(runId, op);
    };
    executor.submit(() -> {
      RunStatus status = RunStatus.FAILED;
      try (lease) {
        Applier applier = new Applier(identityCenter, instanceArn, settings(), clock,
            Sleeper.REAL, new SplittableRandom(), journal, budgets.limiter(ApiService.SSO_ADMIN));
        RunResult result = applier.run(ops);
        status = result.status();
        runs.finish(runId, status, result, null, clock.instant());
        finished(run, status, result, null);
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
        events.finished(runId, status);
        active.remove(runId);
        done.complete(status);
      }
    });
    return done;
  }

  private void finished(RunEntity run, RunStatus status, RunResult result, String error) {
    metrics.runFinished(status, result);
    try {
      audit.record(AuditAction.RUN_FINISHED, run.startedBy, matrixOf(run), details(run,
          "status", status.name(), "error", error,
          "awsCalls", result == null ? null : result.counters().calls(),
          "retries", result == null ? null : result.counters().totalRetries()));
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
    throw new ApplyProblems.GuardTripped("the apply needs allowDeletes=true: "
        + String.join("; ", verdict.findings().stream().map(DeletionGuard.Finding::message)
            .toList())
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
    return new ApplySettings(a.maxOutstanding(), a.maxProvisioning(), ssoAdmin,
        a.pollFirst(), a.pollMax(), a.maxAttempts(), a.backoffBase(), a.backoffMax(),
        a.operationTimeout(), a.statusGrace());
  }
}
