package dev.idcplane.identitycenter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Polls an asynchronous operation until it is terminal, bounded by a deadline on a clock. Between
 * polls it only yields the CPU (no sleeping): sandbox operations finish within milliseconds of the
 * real clock and moto finishes them inside the call. A THROTTLED poll counts as "not yet".
 */
public final class OperationAwait {
  private OperationAwait() {}

  public static OperationStatus terminal(
      Clock clock, Duration timeout, Supplier<OperationStatus> poll) {
    Instant deadline = clock.instant().plus(timeout);
    OperationStatus last = null;
    while (true) {
      try {
        last = poll.get();
        if (last.state().terminal()) {
          return last;
        }
      } catch (IdentityCenterException e) {
        if (e.kind() != IdentityCenterException.Kind.THROTTLED) {
          throw e;
        }
      }
      if (clock.instant().isAfter(deadline)) {
        throw new AssertionError(
            "operation not terminal within " + timeout + "; last seen " + last);
      }
      Thread.onSpinWait();
    }
  }
}
