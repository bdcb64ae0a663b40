package dev.idcplane.support;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * Polls a probe until it yields a value or a deadline passes: for state that a background job (a
 * scheduled scan) changes at its own pace. What is asserted is the condition, never the time
 * waited; between polls it parks briefly so the probe does not flood the service.
 */
public final class Eventually {
  private static final Duration POLL = Duration.ofMillis(100);

  private Eventually() {}

  /** The probe's first present value; fails with {@code what} and the last state seen. */
  public static <T> T await(String what, Duration timeout, Supplier<Optional<T>> probe) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      Optional<T> value = probe.get();
      if (value.isPresent()) {
        return value.get();
      }
      if (Instant.now().isAfter(deadline)) {
        throw new AssertionError("not within " + timeout + ": " + what);
      }
      LockSupport.parkNanos(POLL.toNanos());
    }
  }
}
