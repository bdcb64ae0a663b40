package dev.idcplane.run;

import dev.idcplane.config.IdcConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Qualifier;
import jakarta.inject.Singleton;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.eclipse.microprofile.context.ManagedExecutor;
import org.eclipse.microprofile.context.ThreadContext;

/**
 * Produces the one executor runs execute on: a managed executor of {@code
 * idc.apply.max-concurrent-runs} threads with an unbounded queue (a run never waits for another
 * run, so a queued one only starts later), no context propagated (a run outlives the request that
 * started it), shut down by the container.
 */
@ApplicationScoped
public class RunExecutor {

  /** The executor runs execute on. */
  @Qualifier
  @Retention(RetentionPolicy.RUNTIME)
  @Target({ElementType.FIELD, ElementType.PARAMETER, ElementType.METHOD, ElementType.TYPE})
  public @interface Runs {}

  @Produces
  @Singleton
  @Runs
  ManagedExecutor runs(IdcConfig config) {
    return ManagedExecutor.builder()
        .maxAsync(config.apply().maxConcurrentRuns())
        .maxQueued(-1)
        .propagated(ThreadContext.NONE)
        .cleared(ThreadContext.ALL_REMAINING)
        .build();
  }

  void close(@Disposes @Runs ManagedExecutor runs) {
    runs.shutdownNow();
  }
}
