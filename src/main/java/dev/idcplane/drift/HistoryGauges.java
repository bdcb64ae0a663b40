package dev.idcplane.drift;

import dev.idcplane.config.IdcConfig;
import dev.idcplane.metrics.Expiring;
import dev.idcplane.plan.DriftKind;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Gauges read from the stored history, so every replica reports the same numbers and a restart
 * loses nothing: {@code idc.drift.findings{kind}}, open occurrences by kind (one per {@link
 * DriftKind}, 0 when none), and {@code idc.scan.last.success.age} in seconds since the newest plan
 * of {@value DriftScanner#SUBJECT}, NaN until there is one (Prometheus' advice for a value not
 * known yet; a missing series would silently drop out of alerts). Each database read is cached for
 * {@code idc.metrics.cache-ttl}, so values may lag by that much; a failed read reports NaN.
 */
@Startup
@ApplicationScoped
public class HistoryGauges {
  private final Clock clock;
  private final Expiring<Map<String, Long>> open;
  private final Expiring<Optional<Instant>> lastScan;

  public HistoryGauges(MeterRegistry registry, DriftStore store, IdcConfig config, Clock clock) {
    this.clock = clock;
    Duration ttl = config.metrics().cacheTtl();
    this.open = new Expiring<>(clock, ttl, store::openByKind);
    this.lastScan = new Expiring<>(clock, ttl, () -> store.lastPlanBy(DriftScanner.SUBJECT));
    for (DriftKind kind : DriftKind.values()) {
      Gauge.builder("idc.drift.findings", this, g -> g.open(kind))
          .description("Open drift occurrences in the history, by kind")
          .tag("kind", kind.name().toLowerCase(Locale.ROOT))
          .strongReference(true)
          .register(registry);
    }
    Gauge.builder("idc.scan.last.success.age", this, HistoryGauges::lastScanAge)
        .description("Seconds since the last successful scan; NaN before the first")
        .baseUnit("seconds")
        .strongReference(true)
        .register(registry);
  }

  double open(DriftKind kind) {
    return open.get().map(m -> (double) m.getOrDefault(kind.name(), 0L)).orElse(Double.NaN);
  }

  double lastScanAge() {
    return lastScan
        .get()
        .flatMap(at -> at)
        .map(at -> Duration.between(at, clock.instant()).toMillis() / 1000.0)
        .orElse(Double.NaN);
  }
}
