package dev.idcplane.ui;

import dev.idcplane.persistence.RunEntity;
import dev.idcplane.persistence.RunRepository;
import dev.idcplane.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs in the console: the recent runs with a status filter, and one run, server-rendered as it
 * stands and then followed live through {@code GET /api/v1/runs/{id}/events} (EventSource).
 */
@Path("/ui/runs")
public class RunPagesResource {
  static final int LIST_LIMIT = 200;

  private final Pages pages;
  private final RunRepository runs;
  private final Clock clock;

  public RunPagesResource(Pages pages, RunRepository runs, Clock clock) {
    this.pages = pages;
    this.runs = runs;
    this.clock = clock;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  public Response list(@QueryParam("status") @DefaultValue("") String status) {
    List<RunEntity> recent = runs.recent(LIST_LIMIT);
    List<RunEntity> shown =
        status.isBlank() ? recent : recent.stream().filter(r -> r.status.equals(status)).toList();
    Map<UUID, Map<String, Long>> outcomes = runs.outcomes(shown.stream().map(r -> r.id).toList());
    return pages.ok(
        "runs",
        Map.of(
            "runs",
            shown.stream().map(r -> RunRow.of(r, outcomes.getOrDefault(r.id, Map.of()))).toList(),
            "status",
            status,
            "statuses",
            List.of("RUNNING", "SUCCEEDED", "PARTIAL", "FAILED", "INTERRUPTED"),
            "limit",
            LIST_LIMIT));
  }

  @GET
  @Path("{id}")
  @RolesAllowed(Roles.VIEWER)
  public Response run(@PathParam("id") String id) {
    Optional<RunEntity> run;
    try {
      run = runs.find(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      run = Optional.empty();
    }
    if (run.isEmpty()) {
      return pages.page(
          404,
          "message",
          Map.of(
              "title", "No such run",
              "message", "There is no run " + id + ".",
              "link", "/ui/runs",
              "linkText", "All runs"));
    }
    RunEntity r = run.get();
    return pages.ok("run", Map.of("p", RunProgress.of(r, runs.operations(r.id), clock.instant())));
  }
}
