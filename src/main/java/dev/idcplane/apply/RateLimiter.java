package dev.idcplane.apply;

import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket shared by every sso-admin call of a run: at most {@code perSecond} calls per
 * second on average, bursts up to one second's worth. Thread-safe; {@link #acquire()} waits.
 */
public final class RateLimiter {
  private final Clock clock;
  private final Sleeper sleeper;
  private final double perNano;
  private final double capacity;
  private double tokens;
  private long last;

  public RateLimiter(double perSecond, Clock clock, Sleeper sleeper) {
    this.clock = clock;
    this.sleeper = sleeper;
    // 2% under the limit so clock granularity never lets a window hold one call too many.
    this.perNano = perSecond * 0.98 / 1e9;
    // A burst of at most one token keeps every one-second window at or under the rate.
    this.capacity = 1.0;
    this.tokens = 1.0;
    this.last = nanos();
  }

  /** Takes one token, waiting until one is available. */
  public void acquire() throws InterruptedException {
    while (true) {
      long waitNanos;
      synchronized (this) {
        refill();
        if (tokens >= 1.0) {
          tokens -= 1.0;
          return;
        }
        waitNanos = (long) Math.ceil((1.0 - tokens) / perNano);
      }
      sleeper.sleep(Duration.ofNanos(waitNanos));
    }
  }

  private void refill() {
    long now = nanos();
    tokens = Math.min(capacity, tokens + (now - last) * perNano);
    last = now;
  }

  private long nanos() {
    java.time.Instant i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }
}
