package dev.idcplane.apply;

import java.time.Duration;

/** Waits. Production waits on the wall clock; a test may advance a controllable clock instead. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration d) throws InterruptedException;

  Sleeper REAL =
      d -> {
        if (!d.isNegative() && !d.isZero()) {
          Thread.sleep(d.toMillis(), (int) (d.toNanos() % 1_000_000));
        }
      };
}
