package dev.idcplane.api;

import dev.idcplane.persistence.PlanEntity;
import dev.idcplane.persistence.PlanRepository;
import dev.idcplane.planning.PlanningService;
import dev.idcplane.security.Caller;
import dev.idcplane.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletionStage;

/** Plans: compute one (read-only against Identity Center), fetch stored ones. */
@Path("/api/v1/plans")
public class PlansResource {
  private final PlanningService planning;
  private final PlanRepository plans;
  private final SecurityIdentity identity;
  private final RunStarter starter;

  public PlansResource(
      PlanningService planning,
      PlanRepository plans,
      SecurityIdentity identity,
      RunStarter starter) {
    this.planning = planning;
    this.plans = plans;
    this.identity = identity;
    this.starter = starter;
  }

  /**
   * Applies a stored plan if a fresh read still yields the same plan (409 with the new plan's id
   * otherwise). 202 with the run and its {@code Location}; with {@code wait=true}, 200 once the run
   * has ended. 422 when the deletion guard trips without {@code allowDeletes=true}; 409 while
   * another run holds the instance.
   */
  @POST
  @Blocking
  @Path("{id}/apply")
  @RolesAllowed(Roles.DEPLOYER)
  @Produces(MediaType.APPLICATION_JSON)
  public CompletionStage<Response> apply(
      @PathParam("id") String id,
      @QueryParam("allowDeletes") boolean allowDeletes,
      @QueryParam("wait") boolean wait,
      @jakarta.ws.rs.core.Context UriInfo uri) {
    var started = starter.applyStored(parseId(id), allowDeletes, Caller.of(identity));
    return starter.respond(started, wait, uri);
  }

  /**
   * Plans the configured matrix, or the matrix in the body: JSON {@code {"files": {...}, "commit":
   * "..."}} or one YAML document. Answers 201 with the plan as JSON, or as text with {@code Accept:
   * text/plain}; 422 with every violation when the matrix is invalid.
   */
  @POST
  @RolesAllowed({Roles.CI, Roles.DEPLOYER})
  @Consumes(MediaType.WILDCARD)
  @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
  public Response create(
      String body,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @QueryParam("commit") String commit,
      @jakarta.ws.rs.core.Context HttpHeaders headers,
      @jakarta.ws.rs.core.Context UriInfo uri) {
    var input = PlanRequests.parse(body, contentType, commit);
    var stored = planning.plan(input, Caller.of(identity));
    var location = uri.getAbsolutePathBuilder().path(stored.view().id().toString()).build();
    return Response.created(location)
        .entity(wantsText(headers) ? stored.text() : stored.view())
        .type(wantsText(headers) ? MediaType.TEXT_PLAIN_TYPE : MediaType.APPLICATION_JSON_TYPE)
        .build();
  }

  @GET
  @Path("{id}")
  @RolesAllowed({Roles.VIEWER, Roles.CI})
  @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
  public Response get(@PathParam("id") String id, @jakarta.ws.rs.core.Context HttpHeaders headers) {
    PlanEntity plan =
        plans.find(parseId(id)).orElseThrow(() -> new NotFoundException("no plan " + id));
    return wantsText(headers)
        ? Response.ok(plan.renderedText, MediaType.TEXT_PLAIN_TYPE).build()
        : Response.ok(plan.document, MediaType.APPLICATION_JSON_TYPE).build();
  }

  /**
   * Stored plans, newest first: {@code limit} (1..200, default 50), {@code before} (ISO instant).
   */
  @GET
  @RolesAllowed({Roles.VIEWER, Roles.CI})
  @Produces(MediaType.APPLICATION_JSON)
  public List<PlanListItem> list(
      @QueryParam("limit") String limit, @QueryParam("before") String before) {
    int n = parseLimit(limit);
    Optional<Instant> until = Optional.ofNullable(before).map(PlansResource::parseInstant);
    return plans.recent(n, until).stream().map(PlanListItem::of).toList();
  }

  /** One line of the plan list. */
  public record PlanListItem(
      UUID id,
      Instant createdAt,
      String createdBy,
      String instanceArn,
      String matrixDigest,
      String matrixCommit,
      String matrixOrigin,
      int changes,
      int drift) {
    static PlanListItem of(PlanEntity e) {
      return new PlanListItem(
          e.id,
          e.createdAt,
          e.createdBy,
          e.instanceArn,
          e.matrixDigest,
          e.matrixCommit,
          e.matrixOrigin,
          e.changeCount,
          e.driftCount);
    }
  }

  static boolean wantsText(HttpHeaders headers) {
    for (MediaType t : headers.getAcceptableMediaTypes()) {
      if (t.isCompatible(MediaType.APPLICATION_JSON_TYPE) && !t.isWildcardType()) {
        return false;
      }
      if (t.isCompatible(MediaType.TEXT_PLAIN_TYPE) && !t.isWildcardType()) {
        return true;
      }
    }
    return false;
  }

  static UUID parseId(String id) {
    try {
      return UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new BadRequestException("plan id '" + id + "' is not a UUID");
    }
  }

  static int parseLimit(String limit) {
    if (limit == null) {
      return 50;
    }
    try {
      int n = Integer.parseInt(limit);
      if (n >= 1 && n <= 200) {
        return n;
      }
    } catch (NumberFormatException e) {
      // fall through to the same message
    }
    throw new BadRequestException(
        "limit must be a whole number from 1 to 200, not '" + limit + "'");
  }

  static Instant parseInstant(String s) {
    return QueryParams.instant("before", s);
  }
}
