package dev.idcplane.apply;

import java.time.Clock;
import java.time.Duration;

/**
 * A token bucket shared by every sso-admin call of a run. It holds up to a tenth of a second's
 * calls for bursts (a poll's describes and the submissions that refill freed slots go out at once)
 * and refills at the rate minus that burst, so no one-second window ever sees more than
 * {@code perSecond} calls. Thread-safe; {@link #acquire()} waits.
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
    // Any one-second window sees at most capacity + refill; 2% margin for clock granularity.
    this.capacity = Math.max(1.0, Math.floor(perSecond * 0.1));
    this.perNano = Math.max(perSecond * 0.98 - capacity, perSecond * 0.02) / 1e9;
    this.tokens = capacity;
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
