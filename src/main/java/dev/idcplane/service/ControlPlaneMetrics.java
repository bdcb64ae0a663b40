package dev.idcplane.service;

import dev.idcplane.apply.Operation;
import dev.idcplane.apply.RunResult;
import dev.idcplane.apply.RunStatus;
import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.plan.DriftFinding;
import dev.idcplane.plan.DriftKind;
import dev.idcplane.plan.Plan;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The service's Prometheus metrics ({@code /q/metrics}): runs and operations by outcome, AWS
 * retries by cause (throttles are {@code cause="throttled"}), plan duration, and the drift findings
 * of the latest plan this process stored, by kind. Thread-safe.
 */
@ApplicationScoped
public class ControlPlaneMetrics {
  private final MeterRegistry registry;
  private final Map<DriftKind, AtomicLong> latestDrift = new EnumMap<>(DriftKind.class);

  public ControlPlaneMetrics(MeterRegistry registry) {
    this.registry = registry;
    for (DriftKind kind : DriftKind.values()) {
      AtomicLong value = new AtomicLong();
      latestDrift.put(kind, value);
      registry.gauge("idc.drift.findings", Tags.of("kind", lower(kind)), value, AtomicLong::get);
    }
  }

  /** A run ended; {@code result} is null when it failed before producing one. */
  public void runFinished(RunStatus status, RunResult result) {
    registry.counter("idc.runs", "outcome", lower(status)).increment();
    if (result == null) {
      return;
    }
    for (Operation op : result.operations()) {
      registry.counter("idc.operations", "outcome", lower(op.outcome())).increment();
    }
    registry.counter("idc.aws.calls").increment(result.counters().calls());
    for (IdentityCenterException.Kind kind : IdentityCenterException.Kind.values()) {
      long n = result.counters().retries(kind);
      if (n > 0) {
        registry.counter("idc.aws.retries", "cause", lower(kind)).increment(n);
      }
    }
    registry.counter("idc.aws.throttles")
        .increment(result.counters().retries(IdentityCenterException.Kind.THROTTLED));
  }

  /** Starts timing a plan (on the registry's clock). */
  public Timer.Sample startPlan() {
    return Timer.start(registry);
  }

  /** A plan timed from {@code timing} was computed and stored. */
  public void planStored(Plan plan, Timer.Sample timing) {
    timing.stop(registry.timer("idc.plan.duration"));
    Map<DriftKind, Long> counts = new EnumMap<>(DriftKind.class);
    for (DriftFinding d : plan.drift()) {
      counts.merge(d.kind(), 1L, Long::sum);
    }
    latestDrift.forEach((kind, value) -> value.set(counts.getOrDefault(kind, 0L)));
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(java.util.Locale.ROOT);
  }
}
