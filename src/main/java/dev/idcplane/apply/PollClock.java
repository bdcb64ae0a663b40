package dev.idcplane.apply;

import java.time.Duration;

/**
 * When to poll next. Until an operation has finished, polls start {@code pollFirst} after a
 * submission and back off by doubling up to {@code pollMax}. Once completions are seen, the
 * interval follows the measured latency: with n operations in flight one finishes about every
 * latency/n; polling three times that often frees a slot within a sixth of that on average, while
 * the floor keeps polling under a third of the request budget.
 */
final class PollClock {
  private static final double ALPHA = 0.2;
  private final Duration first;
  private final Duration max;
  private final Duration floor;
  private Duration backingOff;
  private double latencyNanos = -1;

  PollClock(ApplySettings s) {
    this.first = s.pollFirst();
    this.max = s.pollMax();
    this.floor = Duration.ofNanos((long) (3e9 / s.requestsPerSecond()));
    this.backingOff = first;
  }

  Duration afterSubmit() {
    return latencyNanos < 0 ? first : clamp(Duration.ofNanos((long) (latencyNanos / 2)));
  }

  Duration interval(int inFlight) {
    if (latencyNanos < 0) {
      return backingOff;
    }
    return clamp(Duration.ofNanos((long) (latencyNanos / (3.0 * Math.max(1, inFlight)))));
  }

  void polled(int finished) {
    if (finished > 0) {
      backingOff = first;
    } else {
      Duration doubled = backingOff.multipliedBy(2);
      backingOff = doubled.compareTo(max) > 0 ? max : doubled;
    }
  }

  void completed(Duration latency) {
    double l = latency.toNanos();
    latencyNanos = latencyNanos < 0 ? l : (1 - ALPHA) * latencyNanos + ALPHA * l;
  }

  private Duration clamp(Duration d) {
    if (d.compareTo(floor) < 0) {
      return floor;
    }
    return d.compareTo(max) > 0 ? max : d;
  }
}
