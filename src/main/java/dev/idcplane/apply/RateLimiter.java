package dev.idcplane.apply;

import java.time.Clock;
import java.time.Duration;

/**
 * A request budget: at most {@code perSecond} grants in any one-second window, which is how AWS
 * counts, while delivering the rate itself over time at every setting. It remembers the times of
 * the last {@code burst} grants (a sliding-window log) and grants again once the oldest of them is
 * a window old; so a whole second's calls may go out at once, and then the next waits.
 *
 * <p>Rates of 1/s or more allow {@code floor(perSecond)} grants per second (no one-second window
 * can hold a fraction of a call); below 1/s, one grant per {@code 1/perSecond} seconds. The window
 * is 2% longer than a second, so a call that reaches AWS a little after its grant still falls in
 * the right second. Thread-safe; {@link #acquire()} waits on the injected {@link Sleeper}.
 */
public final class RateLimiter {
  /** The window is this much longer than the nominal one (clock granularity, transit jitter). */
  static final double MARGIN = 1.02;

  private final Clock clock;
  private final Sleeper sleeper;
  private final double perSecond;
  private final long windowNanos;
  private final long[] grants;
  private int count;
  private int oldest;

  public RateLimiter(double perSecond, Clock clock, Sleeper sleeper) {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("requests per second must be positive, got " + perSecond);
    }
    this.clock = clock;
    this.sleeper = sleeper;
    this.perSecond = perSecond;
    int burst = perSecond >= 1 ? (int) Math.min(Math.floor(perSecond), 1_000_000) : 1;
    double seconds = perSecond >= 1 ? 1.0 : 1.0 / perSecond;
    this.windowNanos = (long) Math.ceil(seconds * MARGIN * 1e9);
    this.grants = new long[burst];
  }

  /** The configured rate. */
  public double perSecond() {
    return perSecond;
  }

  /** Takes one grant, waiting until the window allows it. */
  public void acquire() throws InterruptedException {
    while (true) {
      long waitNanos;
      synchronized (this) {
        long now = nanos();
        if (count < grants.length) {
          grants[(oldest + count++) % grants.length] = now;
          return;
        }
        waitNanos = grants[oldest] + windowNanos - now;
        if (waitNanos <= 0) {
          grants[oldest] = now;
          oldest = (oldest + 1) % grants.length;
          return;
        }
      }
      sleeper.sleep(Duration.ofNanos(waitNanos));
    }
  }

  private long nanos() {
    java.time.Instant i = clock.instant();
    return i.getEpochSecond() * 1_000_000_000L + i.getNano();
  }
}
