package dev.idcplane.run;

import dev.idcplane.apply.Operation;
import dev.idcplane.apply.RunStatus;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import io.smallrye.mutiny.subscription.MultiEmitter;
import jakarta.enterprise.context.ApplicationScoped;
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

  private final Map<UUID, Set<MultiEmitter<? super RunEvent>>> listeners =
      new ConcurrentHashMap<>();
  private final java.time.Clock clock;

  public RunEvents(java.time.Clock clock) {
    this.clock = clock;
  }

  void operation(UUID runId, Operation op) {
    emit(runId, new RunEvent.OperationChanged(runId, OperationState.of(op), clock.instant()));
  }

  void finished(UUID runId, RunStatus status) {
    RunEvent end = new RunEvent.RunEnded(runId, status.name(), null, clock.instant());
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
