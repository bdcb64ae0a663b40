package dev.idcplane.apply;

import java.time.Duration;
import java.util.Objects;

/**
 * How {@link PacedIdentityCenter} retries a read that AWS throttled: full-jitter backoff from
 * {@code backoffBase}, doubling up to {@code backoffMax}, for at most {@code maxAttempts} attempts
 * (the first included) and never beyond {@code maxElapsed} since the first attempt.
 */
public record ReadRetry(
    int maxAttempts, Duration maxElapsed, Duration backoffBase, Duration backoffMax) {
  public ReadRetry {
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("read maxAttempts must be at least 1, got " + maxAttempts);
    }
    Objects.requireNonNull(maxElapsed, "maxElapsed");
    Objects.requireNonNull(backoffBase, "backoffBase");
    Objects.requireNonNull(backoffMax, "backoffMax");
  }
}
