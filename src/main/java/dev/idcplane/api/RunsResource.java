package dev.idcplane.api;

import dev.idcplane.api.dto.RunView;
import dev.idcplane.persistence.RunEntity;
import dev.idcplane.persistence.RunRepository;
import dev.idcplane.run.OperationState;
import dev.idcplane.run.RunEvent;
import dev.idcplane.run.RunEvents;
import dev.idcplane.security.Roles;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jboss.resteasy.reactive.RestStreamElementType;

/** Apply runs: list, one run with progress and ETA, and live progress as Server-Sent Events. */
@Path("/api/v1/runs")
public class RunsResource {
  private final RunRepository runs;
  private final RunEvents events;
  private final Clock clock;

  public RunsResource(RunRepository runs, RunEvents events, Clock clock) {
    this.runs = runs;
    this.events = events;
    this.clock = clock;
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.CI})
  @Produces(MediaType.APPLICATION_JSON)
  public List<RunView> list(@QueryParam("limit") String limit) {
    List<RunEntity> recent = runs.recent(PlansResource.parseLimit(limit));
    Map<UUID, Map<String, Long>> outcomes = runs.outcomes(recent.stream().map(r -> r.id).toList());
    return recent.stream().map(r -> view(r, outcomes.getOrDefault(r.id, Map.of()), false)).toList();
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Roles.VIEWER, Roles.CI})
  @Produces(MediaType.APPLICATION_JSON)
  public RunView get(@PathParam("id") String id, @QueryParam("operations") boolean operations) {
    return view(find(id), operations);
  }

  /**
   * Each operation transition as it happens, then one {@code run} event when the run ends.
   * Blocking: the run is looked up in the database first, which must not happen on the event loop.
   */
  @GET
  @Blocking
  @Path("{id}/events")
  @RolesAllowed({Roles.VIEWER, Roles.CI})
  @Produces(MediaType.SERVER_SENT_EVENTS)
  @RestStreamElementType(MediaType.APPLICATION_JSON)
  public io.smallrye.mutiny.Multi<RunEvent> events(@PathParam("id") String id) {
    RunEntity run = find(id);
    if (!"RUNNING".equals(run.status)) {
      return io.smallrye.mutiny.Multi.createFrom().item(endOf(run));
    }
    return events.stream(
        run.id,
        () -> runs.find(run.id).filter(r -> !"RUNNING".equals(r.status)).map(RunsResource::endOf));
  }

  private static RunEvent endOf(RunEntity run) {
    return new RunEvent.RunEnded(run.id, run.status, run.error, run.finishedAt);
  }

  RunEntity find(String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new jakarta.ws.rs.BadRequestException("run id '" + id + "' is not a UUID");
    }
    return runs.find(uuid).orElseThrow(() -> new NotFoundException("no run " + id));
  }

  RunView view(RunEntity r, boolean withOperations) {
    return view(r, runs.outcomes(List.of(r.id)).getOrDefault(r.id, Map.of()), withOperations);
  }

  private RunView view(RunEntity r, Map<String, Long> outcomes, boolean withOperations) {
    long finished =
        outcomes.getOrDefault("SUCCEEDED", 0L)
            + outcomes.getOrDefault("FAILED", 0L)
            + outcomes.getOrDefault("SKIPPED", 0L);
    Duration elapsed =
        Duration.between(r.startedAt, r.finishedAt != null ? r.finishedAt : clock.instant());
    Double rate = finished == 0 || elapsed.isZero() ? null : finished / (elapsed.toNanos() / 1e9);
    Long eta =
        "RUNNING".equals(r.status) && rate != null
            ? Math.round((r.operationCount - finished) / rate)
            : null;
    List<OperationState> ops =
        withOperations ? runs.operations(r.id).stream().map(OperationState::of).toList() : null;
    return new RunView(
        r.id,
        r.planId,
        r.instanceArn,
        r.status,
        r.startedBy,
        r.startedByName,
        r.startedAt,
        r.finishedAt,
        r.matrixDigest,
        r.matrixCommit,
        r.operationCount,
        outcomes,
        rate,
        eta,
        r.awsCalls,
        r.retries,
        r.maxInFlight,
        r.error,
        ops);
  }
}
