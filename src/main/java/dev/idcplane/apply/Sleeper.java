package dev.idcplane.apply;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/** Waits. Production waits on the wall clock; a test may advance a controllable clock instead. */
@FunctionalInterface
public interface Sleeper {
  void sleep(Duration d) throws InterruptedException;

  /**
   * Parks for the exact duration: Thread.sleep rounds sub-millisecond waits up to a millisecond,
   * which would turn the rate limiter's short waits into a throughput cap of its own.
   */
  Sleeper REAL =
      d -> {
        long deadline = System.nanoTime() + d.toNanos();
        long left;
        while ((left = deadline - System.nanoTime()) > 0) {
          LockSupport.parkNanos(left);
          if (Thread.interrupted()) {
            throw new InterruptedException();
          }
        }
      };
}
