package dev.idcplane.drift;

import dev.idcplane.config.IdcConfig;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.LiveStateReader;
import dev.idcplane.metrics.ControlPlaneMetrics;
import dev.idcplane.metrics.ControlPlaneMetrics.ScanOutcome;
import dev.idcplane.persistence.ApplyLocks;
import dev.idcplane.planning.MatrixInput;
import dev.idcplane.planning.PlanningService;
import dev.idcplane.run.ApplyService;
import dev.idcplane.source.MatrixNotPushedException;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Scans on a schedule ({@code idc.scan.cron}): a read-only plan of the configured matrix (from
 * {@code idc.matrix.source}: the folder, the git branch pulled now, or the last pushed matrix) as
 * subject {@value #SUBJECT}, which records drift like any plan, with the source's commit (so a
 * finding a matrix change resolved names its commit). With a {@code pushed} source that holds
 * nothing yet, a scheduled scan is skipped with an info log. It holds the instance's apply lease
 * while planning, so across replicas only one scan or apply runs at a time; when the lock is taken
 * the scan is skipped. With {@code idc.scan.auto-apply} a plan with changes is then applied as a
 * normal run (taking the lock again, never allowing deletes: the deletion guard stays on). The last
 * successful scan is the newest plan created by {@value #SUBJECT}. Every scan is timed and counted
 * by outcome ({@code idc.scan.duration}, {@code idc.scans}).
 */
@ApplicationScoped
public class DriftScanner {
  public static final String SUBJECT = "scheduler";
  private static final Logger LOG = Logger.getLogger(DriftScanner.class);

  private final IdcConfig config;
  private final IdentityCenter identityCenter;
  private final ApplyLocks locks;
  private final PlanningService planning;
  private final ApplyService apply;
  private final DriftStore store;
  private final ControlPlaneMetrics metrics;

  private final Clock clock;

  public DriftScanner(
      IdcConfig config,
      IdentityCenter identityCenter,
      ApplyLocks locks,
      PlanningService planning,
      ApplyService apply,
      DriftStore store,
      ControlPlaneMetrics metrics,
      Clock clock) {
    this.config = config;
    this.clock = clock;
    this.identityCenter = identityCenter;
    this.locks = locks;
    this.planning = planning;
    this.apply = apply;
    this.store = store;
    this.metrics = metrics;
  }

  /** What a scan did: the plan it stored, the run it started, or that the instance was busy. */
  public record Outcome(Optional<UUID> planId, Optional<UUID> runId) {
    public static Outcome busy() {
      return new Outcome(Optional.empty(), Optional.empty());
    }

    public boolean skipped() {
      return planId.isEmpty();
    }
  }

  @Scheduled(
      identity = "drift-scan",
      cron = "${idc.scan.cron}", // default: IdcConfig.Scan#cron
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    if (!config.scan().enabled()) {
      return;
    }
    try {
      scan();
    } catch (MatrixNotPushedException e) {
      LOG.infof("drift scan skipped: %s", e.getMessage());
    } catch (RuntimeException e) {
      LOG.errorf("drift scan failed: %s", e.getMessage());
    }
  }

  /** When the last scan stored its plan. */
  public Optional<java.time.Instant> lastScan() {
    return store.lastPlanBy(SUBJECT);
  }

  /** One scan now. */
  public Outcome scan() {
    var timing = metrics.startScan();
    try {
      Outcome outcome = scanOnce();
      metrics.scanFinished(
          outcome.skipped() ? ScanOutcome.SKIPPED_BUSY : ScanOutcome.SUCCEEDED, timing);
      return outcome;
    } catch (RuntimeException e) {
      metrics.scanFinished(ScanOutcome.FAILED, timing);
      throw e;
    }
  }

  private Outcome scanOnce() {
    // the instance plans read: the configured one, else the one ACTIVE instance
    String instanceArn =
        new LiveStateReader(identityCenter, clock)
            .chooseInstance(config.instanceArn())
            .instanceArn();
    Optional<ApplyLocks.Lease> lease = locks.tryLock(instanceArn, "scan");
    if (lease.isEmpty()) {
      LOG.infof("drift scan skipped: a scan or apply holds %s", instanceArn);
      return Outcome.busy();
    }
    PlanningService.StoredPlan plan;
    try (ApplyLocks.Lease held = lease.get()) {
      plan = planning.plan(MatrixInput.configured(Optional.empty()), SUBJECT);
    }
    Optional<UUID> run = Optional.empty();
    if (config.scan().autoApply() && !plan.plan().empty()) {
      try {
        run =
            Optional.of(
                apply
                    .applyFresh(
                        plan,
                        new ApplyService.ApplyRequest(false),
                        dev.idcplane.security.Caller.system(SUBJECT))
                    .runId());
      } catch (RuntimeException e) {
        // The deletion guard, a busy instance: the plan stays stored for a person to apply.
        LOG.warnf("drift scan: plan %s not applied: %s", plan.view().id(), e.getMessage());
      }
    }
    return new Outcome(Optional.of(plan.view().id()), run);
  }
}
