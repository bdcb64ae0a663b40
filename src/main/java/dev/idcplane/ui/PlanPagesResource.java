package dev.idcplane.ui;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.matrix.MatrixInvalidException;
import dev.idcplane.persistence.PlanEntity;
import dev.idcplane.persistence.PlanRepository;
import dev.idcplane.planning.MatrixInput;
import dev.idcplane.planning.PlanningService;
import dev.idcplane.security.Caller;
import dev.idcplane.security.Roles;
import dev.idcplane.view.PlanView;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Plans in the console: the stored plans (newest first, paged by time), "Plan now" for the
 * configured matrix (ci, deployer, admin), and one stored plan read like {@code terraform plan}.
 * The same PlanningService and PlanRepository as {@code /api/v1/plans}.
 */
@Path("/ui/plans")
public class PlanPagesResource {
  static final int LIST_PAGE = 50;

  private final Pages pages;
  private final PlanningService planning;
  private final PlanRepository plans;
  private final SecurityIdentity identity;
  private final ObjectMapper json;

  public PlanPagesResource(
      Pages pages,
      PlanningService planning,
      PlanRepository plans,
      SecurityIdentity identity,
      ObjectMapper json) {
    this.pages = pages;
    this.planning = planning;
    this.plans = plans;
    this.identity = identity;
    this.json = json;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  public Response list(@QueryParam("before") String before) {
    return listPage(200, before, List.of(), null);
  }

  /** Plans the configured matrix and shows the plan; an invalid matrix lists every problem. */
  @POST
  @RolesAllowed(Roles.CI)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response planNow(@FormParam(Csrf.FIELD) String csrf) {
    pages.checkCsrf(csrf);
    try {
      var stored = planning.plan(MatrixInput.configured(Optional.empty()), Caller.of(identity));
      return Pages.seeOther("/ui/plans/" + stored.view().id());
    } catch (MatrixInvalidException e) {
      return listPage(422, null, e.details(), "The matrix has problems; nothing was planned.");
    }
  }

  @GET
  @Path("{id}")
  @RolesAllowed(Roles.VIEWER)
  public Response plan(
      @PathParam("id") String id,
      @QueryParam("page") @DefaultValue("1") int page,
      @QueryParam("driftPage") @DefaultValue("1") int driftPage) {
    Optional<PlanEntity> found = find(id);
    if (found.isEmpty()) {
      return notFound(id);
    }
    PlanDetail detail = detail(found.get(), page, driftPage);
    return pages.ok("plan", Map.of("plan", detail));
  }

  PlanDetail detail(PlanEntity e, int page, int driftPage) {
    try {
      PlanView view = json.readValue(e.document, PlanView.class);
      return PlanDetail.of(view, e.renderedText, page, driftPage);
    } catch (IOException ex) {
      throw new IllegalStateException("plan " + e.id + " has an unreadable document", ex);
    }
  }

  Optional<PlanEntity> find(String id) {
    try {
      return plans.find(UUID.fromString(id));
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  Response notFound(String id) {
    return pages.page(
        404,
        "message",
        Map.of(
            "title",
            "No such plan",
            "message",
            "There is no plan " + id + ". It may have been purged, or the link is wrong.",
            "link",
            "/ui/plans",
            "linkText",
            "All plans"));
  }

  private Response listPage(int status, String before, List<?> problems, String problemMessage) {
    Optional<Instant> until = Optional.empty();
    if (before != null && !before.isBlank()) {
      try {
        until = Optional.of(Instant.parse(before));
      } catch (DateTimeParseException e) {
        until = Optional.empty();
      }
    }
    List<PlanEntity> recent = plans.recent(LIST_PAGE + 1, until);
    boolean more = recent.size() > LIST_PAGE;
    List<PlanEntity> shown = more ? recent.subList(0, LIST_PAGE) : recent;
    Map<String, Object> data = new HashMap<>();
    data.put("plans", shown.stream().map(PlanRow::of).toList());
    data.put("next", more ? shown.get(shown.size() - 1).createdAt.toString() : "");
    data.put("problems", problems);
    data.put("problemMessage", problemMessage == null ? "" : problemMessage);
    data.put("source", planning.source().kind());
    return pages.page(status, "plans", data);
  }

  /** One stored plan in the list. */
  public record PlanRow(
      UUID id, Instant createdAt, String by, String origin, String commit, int changes, int drift) {
    static PlanRow of(PlanEntity e) {
      return new PlanRow(
          e.id,
          e.createdAt,
          e.createdByName == null ? e.createdBy : e.createdByName,
          e.matrixOrigin,
          e.matrixCommit == null ? "—" : e.matrixCommit,
          e.changeCount,
          e.driftCount);
    }
  }
}
