package dev.idcplane.run;

import dev.idcplane.apply.Operation;
import dev.idcplane.apply.RunStatus;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.function.Supplier;

/** Live progress of the runs this process executes, for Server-Sent Events subscribers. */
@ApplicationScoped
public class RunEvents {

  /** One event: an operation's new state, or the run's end (operation fields null). */
  public record RunEvent(
      String type,
      UUID runId,
      Integer seq,
      String kind,
      String changeKey,
      String outcome,
      String requestId,
      Integer attempts,
      String error,
      String runStatus,
      Instant at) {}

  private final Map<UUID, Set<MultiEmitter<? super RunEvent>>> listeners =
      new ConcurrentHashMap<>();
  private final java.time.Clock clock;

  public RunEvents(java.time.Clock clock) {
    this.clock = clock;
  }

  void operation(UUID runId, Operation op) {
    emit(
        runId,
        new RunEvent(
            "operation",
            runId,
            op.seq(),
            op.kind().name(),
            op.change().key(),
            op.outcome().name(),
            op.requestId(),
            op.attempts(),
            op.error(),
            null,
            clock.instant()));
  }

  void finished(UUID runId, RunStatus status) {
    RunEvent end =
        new RunEvent(
            "run", runId, null, null, null, null, null, null, null, status.name(), clock.instant());
    Set<MultiEmitter<? super RunEvent>> set = listeners.remove(runId);
    if (set != null) {
      set.forEach(
          e -> {
            e.emit(end);
            e.complete();
          });
    }
  }

  /**
   * Events of a run from now on; completes when the run ends. {@code endedAlready} is asked once
   * the subscriber is registered: a run that ended after the caller saw it RUNNING but before the
   * registration sent its end event to no one, and the stream would otherwise never complete. It
   * may block (it reads the database), so subscription runs on a worker thread.
   */
  public Multi<RunEvent> stream(UUID runId, Supplier<Optional<RunEvent>> endedAlready) {
    return Multi.createFrom()
        .<RunEvent>emitter(
            emitter -> {
              listeners.computeIfAbsent(runId, k -> new CopyOnWriteArraySet<>()).add(emitter);
              emitter.onTermination(
                  () ->
                      listeners.computeIfPresent(
                          runId,
                          (k, set) -> {
                            set.remove(emitter);
                            return set.isEmpty() ? null : set;
                          }));
              endedAlready
                  .get()
                  .ifPresent(
                      end -> {
                        emitter.emit(end);
                        emitter.complete();
                      });
            })
        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool());
  }

  private void emit(UUID runId, RunEvent event) {
    Set<MultiEmitter<? super RunEvent>> set = listeners.get(runId);
    if (set != null) {
      set.forEach(e -> e.emit(event));
    }
  }
}
