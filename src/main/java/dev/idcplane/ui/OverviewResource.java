package dev.idcplane.ui;

import dev.idcplane.config.IdcConfig;
import dev.idcplane.drift.DriftStore;
import dev.idcplane.persistence.PlanRepository;
import dev.idcplane.persistence.RunEntity;
import dev.idcplane.persistence.RunRepository;
import dev.idcplane.planning.MatrixInput;
import dev.idcplane.planning.PlanningService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The overview: the instance, the configured matrix and its newest plan's commit, the age of the
 * last scan, the last runs, and open drift by kind over the last {@value #DAYS} days.
 */
@Path("/ui/overview")
public class OverviewResource {
  static final int DAYS = 14;
  static final int RUNS = 5;

  private final Pages pages;
  private final IdcConfig config;
  private final PlanRepository plans;
  private final RunRepository runs;
  private final DriftStore drift;
  private final PlanningService planning;
  private final Clock clock;

  public OverviewResource(
      Pages pages,
      IdcConfig config,
      PlanRepository plans,
      RunRepository runs,
      DriftStore drift,
      PlanningService planning,
      Clock clock) {
    this.pages = pages;
    this.config = config;
    this.plans = plans;
    this.runs = runs;
    this.drift = drift;
    this.planning = planning;
    this.clock = clock;
  }

  @GET
  @RolesAllowed("**")
  public Response overview() {
    Instant now = clock.instant();
    Map<String, Object> data = new HashMap<>();
    boolean viewer = pages.me().viewer();
    data.put("viewer", viewer);
    data.put("backend", config.backend());
    data.put("source", planning.source().kind());
    if (!viewer) {
      return pages.ok("overview", data);
    }
    Optional<String[]> matrix = drift.latestMatrix();
    data.put(
        "instance", config.instanceArn().orElse(instanceOfNewestPlan().orElse("not read yet")));
    data.put("digest", matrix.map(m -> m[0]).orElse("no plan yet"));
    data.put("commit", matrix.map(m -> m[1]).filter(c -> c != null).orElse("—"));
    Optional<Instant> scan = plans.newestCreatedAt(MatrixInput.CONFIGURED);
    data.put("scanAge", Ago.of(scan.orElse(null), now));
    List<RunEntity> recent = runs.recent(RUNS);
    Map<UUID, Map<String, Long>> outcomes = runs.outcomes(recent.stream().map(r -> r.id).toList());
    data.put(
        "runs",
        recent.stream().map(r -> RunRow.of(r, outcomes.getOrDefault(r.id, Map.of()))).toList());
    List<DriftStore.OpenOnDay> history = drift.openByKindPerDay(now, DAYS);
    data.put("chart", DriftChart.svg(history, LocalDate.ofInstant(now, ZoneOffset.UTC), DAYS));
    data.put("openByKind", new TreeMap<>(drift.openByKind()));
    return pages.ok("overview", data);
  }

  private Optional<String> instanceOfNewestPlan() {
    return plans.recent(1, Optional.empty()).stream().map(p -> p.instanceArn).findFirst();
  }
}
