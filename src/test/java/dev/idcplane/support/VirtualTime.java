package dev.idcplane.support;

import dev.idcplane.apply.Sleeper;
import java.time.Duration;
import java.time.Instant;
import java.util.PriorityQueue;

/**
 * Simulated time for concurrent tests: a {@link Sleeper} over a {@link MutableClock} that moves the
 * clock only when every registered thread is asleep, and then just to the earliest wake-up. So time
 * never passes while a thread is between two steps (say, a rate limiter's grant and the call it
 * allows), as on a real clock with instant work, and a run of minutes of waits takes milliseconds.
 * Threads {@link #enter()} before their work and {@link #exit()} after it. As a real sleep, {@link
 * #sleep} throws {@link InterruptedException} for an interrupted thread.
 */
public final class VirtualTime implements Sleeper {
  private final MutableClock clock;
  private final PriorityQueue<Instant> wakeups = new PriorityQueue<>();
  private int awake;

  public VirtualTime(MutableClock clock) {
    this.clock = clock;
  }

  public MutableClock clock() {
    return clock;
  }

  public synchronized void enter() {
    awake++;
  }

  public synchronized void exit() {
    awake--;
    advanceIfAllAsleep();
  }

  @Override
  public void sleep(Duration d) throws InterruptedException {
    if (d.isZero() || d.isNegative()) {
      return;
    }
    if (Thread.interrupted()) {
      throw new InterruptedException(); // as a real sleep: an interrupted thread does not wait
    }
    synchronized (this) {
      Instant wake = clock.instant().plus(d);
      wakeups.add(wake);
      awake--;
      advanceIfAllAsleep();
      try {
        while (clock.instant().isBefore(wake)) {
          wait();
        }
      } catch (InterruptedException e) {
        if (clock.instant().isBefore(wake)) { // not woken yet: drop its wake-up, it is awake again
          wakeups.remove(wake);
          awake++;
        }
        throw e;
      }
    }
  }

  /** Moves to the earliest wake-up and counts everyone due then as awake again, at once. */
  private void advanceIfAllAsleep() {
    if (awake > 0 || wakeups.isEmpty()) {
      return;
    }
    Instant next = wakeups.peek();
    Instant now = clock.instant();
    if (next.isAfter(now)) {
      clock.advance(Duration.between(now, next));
    }
    while (!wakeups.isEmpty() && !wakeups.peek().isAfter(clock.instant())) {
      wakeups.poll();
      awake++;
    }
    notifyAll();
  }
}
