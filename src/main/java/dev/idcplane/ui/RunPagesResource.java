package dev.idcplane.ui;

import dev.idcplane.apply.RunStatus;
import dev.idcplane.persistence.RunEntity;
import dev.idcplane.persistence.RunHistory;
import dev.idcplane.persistence.RunRepository;
import dev.idcplane.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs in the console: the run history, filtered by status, starter, plan and start time (all in
 * the query string) and paged in the database, and one run, server-rendered as it stands and then
 * followed live through {@code GET /api/v1/runs/{id}/events} (EventSource).
 */
@Path("/ui/runs")
public class RunPagesResource {
  static final int PAGE = 50;

  private final Pages pages;
  private final RunRepository runs;
  private final RunHistory history;
  private final Clock clock;

  public RunPagesResource(Pages pages, RunRepository runs, RunHistory history, Clock clock) {
    this.pages = pages;
    this.runs = runs;
    this.history = history;
    this.clock = clock;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  public Response list(
      @QueryParam("status") String status,
      @QueryParam("startedBy") String startedBy,
      @QueryParam("plan") String plan,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("page") String page) {
    RunFilterForm form = RunFilterForm.of(status, startedBy, plan, from, to);
    Map<String, Object> data = new HashMap<>();
    data.put("f", form);
    data.put("query", form.query());
    data.put("statuses", Arrays.stream(RunStatus.values()).map(Enum::name).toList());
    String problem = "";
    Paged<RunRow> rows = new Paged<>(List.of(), 1, 1, 0, 1, 0);
    try {
      int p = pageNumber(page);
      RunHistory.Slice slice = history.page(form.filter(), p, PAGE);
      Map<UUID, Map<String, Long>> outcomes =
          runs.outcomes(slice.runs().stream().map(r -> r.id).toList());
      List<RunRow> shown =
          slice.runs().stream()
              .map(r -> RunRow.of(r, outcomes.getOrDefault(r.id, Map.of())))
              .toList();
      int pages = (int) Math.max(1, (slice.total() + PAGE - 1) / PAGE);
      int fromRow = (p - 1) * PAGE + 1;
      rows = new Paged<>(shown, p, pages, (int) slice.total(), fromRow, fromRow + shown.size() - 1);
    } catch (IllegalArgumentException e) {
      problem = e.getMessage();
    }
    data.put("problem", problem);
    data.put("runs", rows);
    return pages.page(problem.isEmpty() ? 200 : 400, "runs", data);
  }

  private static int pageNumber(String page) {
    if (page == null || page.isBlank()) {
      return 1;
    }
    try {
      int p = Integer.parseInt(page.trim());
      if (p >= 1) {
        return p;
      }
    } catch (NumberFormatException e) {
      // the sentence below
    }
    throw new IllegalArgumentException("page must be a number from 1, not '" + page.trim() + "'");
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
