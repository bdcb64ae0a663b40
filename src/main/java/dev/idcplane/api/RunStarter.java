package dev.idcplane.api;

import dev.idcplane.api.dto.RunView;
import dev.idcplane.planning.PlanningService;
import dev.idcplane.run.ApplyService;
import dev.idcplane.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.eclipse.microprofile.context.ManagedExecutor;

/**
 * Starts runs for the API and answers with 202 + Location, or, asked to wait, with the run once it
 * has ended (or after {@value #WAIT_HOURS} hours, with the run as it stands). Waiting holds no
 * thread: the answer is a stage completed when the run ends.
 */
@ApplicationScoped
public class RunStarter {
  static final long WAIT_HOURS = 2;
  private final ApplyService apply;
  private final RunsResource runs;
  private final ManagedExecutor workers;

  public RunStarter(ApplyService apply, RunsResource runs, ManagedExecutor workers) {
    this.apply = apply;
    this.runs = runs;
    this.workers = workers;
  }

  ApplyService.Started applyStored(UUID planId, boolean allowDeletes, Caller caller) {
    return apply.apply(planId, new ApplyService.ApplyRequest(allowDeletes), caller);
  }

  ApplyService.Started applyFresh(
      PlanningService.StoredPlan plan, boolean allowDeletes, Caller caller) {
    return apply.applyFresh(plan, new ApplyService.ApplyRequest(allowDeletes), caller);
  }

  /**
   * The run's view once it has ended, or after {@value #WAIT_HOURS} hours as it stands then. Read
   * on a worker thread: the run's own thread completes the wait and must not do the API's work.
   */
  CompletionStage<RunView> ended(ApplyService.Started started) {
    return started
        .done()
        .copy() // a timeout of this wait must not complete the run's own future
        .orTimeout(WAIT_HOURS, TimeUnit.HOURS)
        .handle((status, failure) -> started.runId())
        .thenApplyAsync(id -> runs.view(runs.find(id.toString()), false), workers);
  }

  /** 202 with the run at once, or (waiting) 200 with the run once it has ended. */
  CompletionStage<Response> respond(ApplyService.Started started, boolean wait, UriInfo uri) {
    return respond(started, wait, location(uri, started.runId()));
  }

  CompletionStage<Response> respond(ApplyService.Started started, boolean wait, URI location) {
    if (!wait) {
      return CompletableFuture.completedFuture(
          Response.accepted(runs.view(runs.find(started.runId().toString()), false))
              .location(location)
              .type(MediaType.APPLICATION_JSON_TYPE)
              .build());
    }
    return ended(started)
        .thenApply(
            view ->
                Response.ok(view).location(location).type(MediaType.APPLICATION_JSON_TYPE).build());
  }

  static URI location(UriInfo uri, UUID runId) {
    return uri.getBaseUriBuilder().path("api/v1/runs").path(runId.toString()).build();
  }
}
