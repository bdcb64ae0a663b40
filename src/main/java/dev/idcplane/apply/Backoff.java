package dev.idcplane.apply;

import java.time.Duration;
import java.util.random.RandomGenerator;

/** Exponential backoff with full jitter: a delay drawn uniformly from [0, min(max, base·2^n)]. */
public final class Backoff {
  private final Duration base;
  private final Duration max;
  private final RandomGenerator random;

  public Backoff(Duration base, Duration max, RandomGenerator random) {
    this.base = base;
    this.max = max;
    this.random = random;
  }

  /** Delay before retry number {@code attempt} (1 for the first retry). */
  public Duration delay(int attempt) {
    long cap = Math.min(max.toNanos(), base.toNanos() << Math.min(attempt - 1, 30));
    if (cap <= 0) {
      return Duration.ZERO;
    }
    synchronized (random) {
      return Duration.ofNanos(random.nextLong(cap + 1));
    }
  }
}
