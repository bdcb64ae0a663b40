package dev.idcplane.metrics;

import dev.idcplane.apply.Operation;
import dev.idcplane.apply.RunResult;
import dev.idcplane.apply.RunStatus;
import dev.idcplane.identitycenter.IdentityCenterException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The service's event metrics ({@code /q/metrics}): runs and operations by outcome, AWS retries by
 * cause (throttles are {@code cause="throttled"}), plan duration, scans by outcome and their
 * duration. Gauges read from the stored history are {@link HistoryGauges}. Thread-safe.
 */
@ApplicationScoped
public class ControlPlaneMetrics {
  private final MeterRegistry registry;

  public ControlPlaneMetrics(MeterRegistry registry) {
    this.registry = registry;
  }

  /** How a scan ended, as the {@code outcome} tag says it. */
  public enum ScanOutcome {
    SUCCEEDED("succeeded"),
    FAILED("failed"),
    /** Another scan or apply held the instance's lock. */
    SKIPPED_BUSY("skipped-busy");

    private final String tag;

    ScanOutcome(String tag) {
      this.tag = tag;
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
    registry
        .counter("idc.aws.throttles")
        .increment(result.counters().retries(IdentityCenterException.Kind.THROTTLED));
  }

  /** Starts timing a plan (on the registry's clock). */
  public Timer.Sample startPlan() {
    return Timer.start(registry);
  }

  /** A plan timed from {@code timing} was computed and stored. */
  public void planStored(Timer.Sample timing) {
    timing.stop(registry.timer("idc.plan.duration"));
  }

  /** Starts timing a scan (on the registry's clock). */
  public Timer.Sample startScan() {
    return Timer.start(registry);
  }

  /** A scan timed from {@code timing} ended with {@code outcome}. */
  public void scanFinished(ScanOutcome outcome, Timer.Sample timing) {
    timing.stop(registry.timer("idc.scan.duration", "outcome", outcome.tag));
    registry.counter("idc.scans", "outcome", outcome.tag).increment();
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(java.util.Locale.ROOT);
  }
}
