package dev.idcplane.drift;

import dev.idcplane.audit.AuditAction;
import dev.idcplane.audit.AuditTrail;
import dev.idcplane.config.IdcConfig;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Keeps drift history within {@code idc.drift.retention}: on {@code idc.drift.purge-cron} it
 * deletes RESOLVED occurrences resolved before now minus the retention, never open ones. With the
 * retention unset (the default) it deletes nothing. Deletes run in batches of {@code
 * idc.drift.purge-batch-size}, each its own transaction holding the instance's drift lock (the one
 * {@link DriftRecorder} takes), so neither a long purge nor a concurrent recorder linking to a row
 * being purged blocks the other for long. A purge that deleted anything writes one audit entry
 * {@link AuditAction#DRIFT_PURGED} as {@value DriftScanner#SUBJECT}, also when it stops part-way.
 */
@ApplicationScoped
public class DriftPurger {
  private static final Logger LOG = Logger.getLogger(DriftPurger.class);

  private final IdcConfig config;
  private final DriftStore drift;
  private final DriftRetentionStore store;
  private final AuditTrail audit;
  private final Clock clock;

  public DriftPurger(
      IdcConfig config,
      DriftStore drift,
      DriftRetentionStore store,
      AuditTrail audit,
      Clock clock) {
    this.config = config;
    this.drift = drift;
    this.store = store;
    this.audit = audit;
    this.clock = clock;
  }

  /** What one purge did: occurrences resolved before {@code cutoff} were deleted. */
  public record Purge(Instant cutoff, Duration retention, long deleted) {}

  @Scheduled(
      identity = "drift-purge",
      cron = "${idc.drift.purge-cron}", // default: IdcConfig.Drift#purgeCron
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      purge()
          .ifPresent(
              p ->
                  LOG.infof(
                      "drift purge: %d occurrences resolved before %s deleted",
                      p.deleted(), p.cutoff()));
    } catch (RuntimeException e) {
      LOG.errorf("drift purge failed: %s", e.getMessage());
    }
  }

  /** One purge now with the configured retention; empty when the retention is unset. */
  public Optional<Purge> purge() {
    Optional<Duration> retention = config.drift().retention();
    if (retention.isEmpty()) {
      return Optional.empty();
    }
    Instant cutoff = clock.instant().minus(retention.get());
    int batch = config.drift().purgeBatchSize();
    long deleted = 0;
    try {
      List<String> instances =
          QuarkusTransaction.requiringNew().call(() -> store.instancesResolvedBefore(cutoff));
      for (String arn : instances) {
        int n;
        do {
          n =
              QuarkusTransaction.requiringNew()
                  .call(
                      () -> {
                        drift.lockInstance(arn);
                        return store.deleteResolvedBefore(arn, cutoff, batch);
                      });
          deleted += n;
        } while (n == batch);
      }
    } finally {
      if (deleted > 0) {
        record(cutoff, retention.get(), deleted);
      }
    }
    return Optional.of(new Purge(cutoff, retention.get(), deleted));
  }

  private void record(Instant cutoff, Duration retention, long deleted) {
    audit.record(
        AuditAction.DRIFT_PURGED,
        DriftScanner.SUBJECT,
        AuditTrail.MatrixRef.NONE,
        Map.of("cutoff", cutoff.toString(), "deleted", deleted, "retention", retention.toString()));
  }
}
