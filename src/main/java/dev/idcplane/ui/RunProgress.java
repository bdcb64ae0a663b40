package dev.idcplane.ui;

import dev.idcplane.apply.Operation;
import dev.idcplane.apply.OperationOutcome;
import dev.idcplane.persistence.RunEntity;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A run as its page first shows it (the page then follows the run's event stream): operations by
 * state, the share finished, operations per second so far and the time left at that rate, and each
 * failed operation with AWS's message. {@code outcomes} seeds the page's live counts: each
 * operation's number and state, so a replayed event never counts twice.
 */
public record RunProgress(
    RunEntity run,
    Map<OperationOutcome, Long> counts,
    long finished,
    int percent,
    String rate,
    String eta,
    List<Failure> failures,
    String outcomes,
    long elapsedMillis) {

  static final int FAILURES_SHOWN = 200;

  /** A failed operation and why. */
  public record Failure(int seq, String kind, String key, String error) {}

  static RunProgress of(RunEntity run, List<Operation> ops, Instant now) {
    Map<OperationOutcome, Long> counts = new EnumMap<>(OperationOutcome.class);
    for (OperationOutcome o : OperationOutcome.values()) {
      counts.put(o, 0L);
    }
    ops.forEach(o -> counts.merge(o.outcome(), 1L, Long::sum));
    long finished = ops.stream().filter(o -> o.outcome().terminal()).count();
    int total = Math.max(run.operationCount, ops.size());
    int percent = total == 0 ? 100 : (int) (finished * 100 / total);
    Duration elapsed =
        Duration.between(run.startedAt, run.finishedAt != null ? run.finishedAt : now);
    double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
    double perSecond = finished / seconds;
    String rate = finished == 0 ? "—" : String.format(java.util.Locale.ROOT, "%.1f", perSecond);
    String eta =
        !"RUNNING".equals(run.status)
            ? "—"
            : finished == 0 ? "estimating…" : Math.round((total - finished) / perSecond) + " s";
    List<Failure> failures =
        ops.stream()
            .filter(o -> o.outcome() == OperationOutcome.FAILED)
            .limit(FAILURES_SHOWN)
            .map(o -> new Failure(o.seq(), o.kind().name(), o.change().key(), o.error()))
            .toList();
    String outcomes =
        ops.stream()
            .map(o -> "\"" + o.seq() + "\":\"" + o.outcome().name() + "\"")
            .collect(Collectors.joining(",", "{", "}"));
    return new RunProgress(
        run, counts, finished, percent, rate, eta, failures, outcomes, elapsed.toMillis());
  }

  public boolean running() {
    return "RUNNING".equals(run.status);
  }

  public int total() {
    return Math.max(run.operationCount, 0);
  }

  /** Operations by state name, every state present. */
  public Map<String, Long> byState() {
    Map<String, Long> out = new java.util.LinkedHashMap<>();
    counts.forEach((k, v) -> out.put(k.name(), v));
    return out;
  }

  public String startedBy() {
    return run.startedByName == null ? run.startedBy : run.startedByName;
  }
}
