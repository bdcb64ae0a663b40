package dev.idcplane.api;

import dev.idcplane.api.dto.RunView;
import dev.idcplane.persistence.RunEntity;
import dev.idcplane.persistence.RunHistory;
import dev.idcplane.persistence.RunRepository;
import dev.idcplane.run.OperationState;
import dev.idcplane.run.RunEvents;
import dev.idcplane.security.Roles;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.sse.OutboundSseEvent;
import jakarta.ws.rs.sse.Sse;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Apply runs: list, one run with progress and ETA, and live progress as Server-Sent Events. */
@Path("/api/v1/runs")
public class RunsResource {
  private final RunRepository runs;
  private final RunEvents events;
  private final Clock clock;

  private final RunHistory history;

  public RunsResource(RunRepository runs, RunEvents events, Clock clock, RunHistory history) {
    this.runs = runs;
    this.history = history;
    this.events = events;
    this.clock = clock;
  }

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.CI})
  @Produces(MediaType.APPLICATION_JSON)
  public List<RunView> list(
      @QueryParam("limit") String limit,
      @QueryParam("status") String status,
      @QueryParam("startedBy") String startedBy,
      @QueryParam("plan") String plan,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    int n = PlansResource.parseLimit(limit);
    RunHistory.Filter filter;
    try {
      filter = RunHistory.Filter.parse(status, startedBy, plan, from, to);
    } catch (IllegalArgumentException e) {
      throw new InvalidParameterException(e.getMessage());
    }
    List<RunEntity> recent = filter.all() ? runs.recent(n) : history.page(filter, 1, n).runs();
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
   * The run's journal as Server-Sent Events: each operation transition ({@code event: operation})
   * and each end of the run ({@code event: run}), with the entry's position in the run's journal as
   * {@code id}. Replays what the journal holds after {@code Last-Event-ID} (or {@code ?after=};
   * from the first event without either), then follows it live and completes after the run's end.
   * Blocking: the run and its journal are looked up first, which must not happen on the event loop.
   */
  @GET
  @Blocking
  @Path("{id}/events")
  @RolesAllowed({Roles.VIEWER, Roles.CI})
  @Produces(MediaType.SERVER_SENT_EVENTS)
  public Multi<OutboundSseEvent> events(
      @PathParam("id") String id,
      @HeaderParam(EventPositions.HEADER) String lastEventId,
      @QueryParam(EventPositions.QUERY) String after,
      @Context Sse sse) {
    long position = EventPositions.after(lastEventId, after);
    RunEntity run = find(id);
    return events.stream(run.id, position)
        .orElseThrow(() -> EventPositions.beyond(lastEventId, after, id))
        .map(
            e ->
                sse.newEventBuilder()
                    .id(Long.toString(e.position()))
                    .name(e.event().type())
                    .mediaType(MediaType.APPLICATION_JSON_TYPE)
                    .data(e.event())
                    .build());
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
