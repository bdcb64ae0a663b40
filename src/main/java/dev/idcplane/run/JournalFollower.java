package dev.idcplane.run;

import dev.idcplane.persistence.RunLog;
import dev.idcplane.persistence.RunLogEntry;
import io.smallrye.mutiny.subscription.MultiEmitter;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * One subscriber's cursor in a run's journal log: each {@link #wake()} (a tick, or a transition
 * this process recorded) reads what the log holds after the last position sent and emits it in
 * order; it completes after sending an end of the run that is the log's last entry, unless the run
 * was resumed since (a run that ended INTERRUPTED may be). Wakes that arrive while a read is under
 * way fold into one more read, and reads never overlap, so events leave in position order, each
 * once. It reads only while the subscriber has demand, so a slow client holds at most one batch in
 * memory; new demand after a pause wakes it.
 */
final class JournalFollower {
  private static final Logger LOG = Logger.getLogger(JournalFollower.class);

  /** Entries read per query; a longer log takes several. */
  static final int BATCH = 500;

  private final UUID runId;
  private final RunLog log;
  private final MultiEmitter<? super PositionedEvent> emitter;
  private final Executor readers;
  private final AtomicInteger wanted = new AtomicInteger();
  private final AtomicBoolean starved = new AtomicBoolean();
  // Touched only by the one read under way (wanted orders the reads).
  private long position;
  private boolean ended;

  /**
   * Follows the log after {@code position}; {@code ended} says whether the run has ended at {@code
   * position} ({@link RunLog.Tail#ended()}), so a subscriber that already has the end completes at
   * once.
   */
  JournalFollower(
      UUID runId,
      long position,
      boolean ended,
      RunLog log,
      MultiEmitter<? super PositionedEvent> emitter,
      Executor readers) {
    this.runId = runId;
    this.position = position;
    this.ended = ended;
    this.log = log;
    this.emitter = emitter;
    this.readers = readers;
  }

  /** Reads the log soon, on a reader thread; thread-safe. */
  void wake() {
    if (wanted.getAndIncrement() == 0) {
      readers.execute(this::drain);
    }
  }

  /** The subscriber asked for more: reads now if a read stopped for want of demand. */
  void demanded() {
    if (starved.compareAndSet(true, false)) {
      wake();
    }
  }

  private void drain() {
    int missed = 1;
    do {
      if (!read()) {
        return; // over: wanted stays above 0, so later wakes read nothing
      }
      missed = wanted.addAndGet(-missed);
    } while (missed != 0);
  }

  /** Emits what the log holds after the position; false once the stream is over. */
  private boolean read() {
    while (true) {
      if (emitter.isCancelled()) {
        return false;
      }
      if (emitter.requested() <= 0) {
        starved.set(true);
        if (emitter.requested() <= 0 || !starved.compareAndSet(true, false)) {
          return true; // demanded() (or the next tick) reads on
        }
      }
      List<RunLogEntry> batch;
      try {
        batch = log.after(runId, position, BATCH);
        for (RunLogEntry entry : batch) {
          emitter.emit(new PositionedEvent(entry.position(), RunEvents.eventOf(runId, entry)));
          position = entry.position();
          ended = entry instanceof RunLogEntry.EndEntry;
        }
        if (batch.size() == BATCH) {
          continue;
        }
        if (!ended) {
          return true;
        }
        // The last entry sent ends the run: over, unless the run was resumed or wrote on since.
        Optional<RunLog.Tail> tail = log.tail(runId);
        if (tail.isEmpty() || tail.get().position() == position && tail.get().ended()) {
          emitter.complete();
          return false;
        }
        if (tail.get().position() == position) {
          ended = false; // resumed: its next entries come on the next wakes
          return true;
        }
      } catch (RuntimeException e) {
        // The next tick reads again from the same position; the subscriber only waits.
        LOG.warnf("events of run %s: reading the journal failed: %s", runId, e.getMessage());
        return true;
      }
    }
  }
}
