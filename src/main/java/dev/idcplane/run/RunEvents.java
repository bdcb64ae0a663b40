package dev.idcplane.run;

import dev.idcplane.config.IdcConfig;
import dev.idcplane.persistence.RunLog;
import dev.idcplane.persistence.RunLogEntry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The events of any run, read from its journal log in PostgreSQL, so a run executed by another
 * replica streams the same as one of this process. Each subscriber reads the log every {@code
 * idc.runs.events-poll-interval}; a transition this process records ({@link #changed}) wakes the
 * run's subscribers at once, only to lower the latency: the log stays the one source of events.
 */
@ApplicationScoped
public class RunEvents {

  private final RunLog log;
  private final Duration pollInterval;
  private final ScheduledExecutorService ticker;
  private final Executor readers;
  private final Map<UUID, Set<JournalFollower>> followers = new ConcurrentHashMap<>();

  public RunEvents(RunLog log, IdcConfig config) {
    this.log = log;
    this.pollInterval = config.runs().eventsPollInterval();
    this.ticker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "run-events-ticker");
              t.setDaemon(true);
              return t;
            });
    this.readers = Infrastructure.getDefaultWorkerPool();
  }

  /** This process recorded a transition or the end of the run: its subscribers read now. */
  void changed(UUID runId) {
    Set<JournalFollower> set = followers.get(runId);
    if (set != null) {
      set.forEach(JournalFollower::wake);
    }
  }

  /** How many streams of the run this process serves now: for diagnostics and tests. */
  public int followers(UUID runId) {
    return followers.getOrDefault(runId, Set.of()).size();
  }

  /**
   * The run's events after {@code position} (0: from its first), in order, then live until an end
   * of the run that is the log's last entry; empty when {@code position} is beyond the run's log
   * (no stream of it sent that id) or there is no such run. Reads the database: call it off the
   * event loop.
   */
  public Optional<Multi<PositionedEvent>> stream(UUID runId, long position) {
    Optional<RunLog.Tail> tail = log.tail(runId).filter(t -> position <= t.position());
    if (tail.isEmpty()) {
      return Optional.empty();
    }
    boolean ended = position == tail.get().position() && tail.get().ended();
    return Optional.of(
        Multi.createFrom()
            .emitter(
                emitter -> {
                  JournalFollower follower =
                      new JournalFollower(runId, position, ended, log, emitter, readers);
                  followers
                      .computeIfAbsent(runId, k -> ConcurrentHashMap.newKeySet())
                      .add(follower);
                  ScheduledFuture<?> tick =
                      ticker.scheduleWithFixedDelay(
                          follower::wake,
                          pollInterval.toNanos(),
                          pollInterval.toNanos(),
                          TimeUnit.NANOSECONDS);
                  emitter.onRequest(n -> follower.demanded());
                  emitter.onTermination(
                      () -> {
                        tick.cancel(false);
                        followers.computeIfPresent(
                            runId,
                            (k, set) -> {
                              set.remove(follower);
                              return set.isEmpty() ? null : set;
                            });
                      });
                  follower.wake();
                }));
  }

  static RunEvent eventOf(UUID runId, RunLogEntry entry) {
    if (entry instanceof RunLogEntry.OperationEntry o) {
      return new RunEvent.OperationChanged(runId, OperationState.of(o.operation()), o.at());
    }
    RunLogEntry.EndEntry e = (RunLogEntry.EndEntry) entry; // the other of the sealed two
    return new RunEvent.RunEnded(runId, e.status(), e.error(), e.at());
  }

  @PreDestroy
  void close() {
    ticker.shutdownNow();
  }
}
