package dev.idcplane.api;

import dev.idcplane.planning.PlanningService;
import dev.idcplane.run.ApplyService;
import dev.idcplane.security.Caller;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** Starts runs for the API and answers with 202 + Location, or waits and answers with the run. */
@ApplicationScoped
public class RunStarter {
  static final long WAIT_HOURS = 2;
  private final ApplyService apply;
  private final RunsResource runs;

  public RunStarter(ApplyService apply, RunsResource runs) {
    this.apply = apply;
    this.runs = runs;
  }

  ApplyService.Started applyStored(UUID planId, boolean allowDeletes, Caller caller) {
    return apply.apply(planId, new ApplyService.ApplyRequest(allowDeletes), caller);
  }

  ApplyService.Started applyFresh(
      PlanningService.StoredPlan plan, boolean allowDeletes, Caller caller) {
    return apply.applyFresh(plan, new ApplyService.ApplyRequest(allowDeletes), caller);
  }

  /** Waits for the run when asked; returns its final view, or null when not waiting. */
  dev.idcplane.api.dto.RunView await(ApplyService.Started started, boolean wait) {
    if (!wait) {
      return null;
    }
    try {
      started.done().get(WAIT_HOURS, TimeUnit.HOURS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // fall through: the view says where the run stands
    }
    return runs.view(runs.find(started.runId().toString()), false);
  }

  Response respond(ApplyService.Started started, boolean wait, UriInfo uri) {
    URI location =
        uri.getBaseUriBuilder().path("api/v1/runs").path(started.runId().toString()).build();
    var view = await(started, wait);
    if (view == null) {
      return Response.accepted(runs.view(runs.find(started.runId().toString()), false))
          .location(location)
          .type(MediaType.APPLICATION_JSON_TYPE)
          .build();
    }
    return Response.ok(view).location(location).type(MediaType.APPLICATION_JSON_TYPE).build();
  }
}
