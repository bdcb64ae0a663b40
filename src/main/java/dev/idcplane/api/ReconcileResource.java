package dev.idcplane.api;

import dev.idcplane.api.dto.RunView;
import dev.idcplane.audit.AuditAction;
import dev.idcplane.audit.AuditTrail;
import dev.idcplane.planning.MatrixInput;
import dev.idcplane.planning.PlanningService;
import dev.idcplane.security.Caller;
import dev.idcplane.security.DeployerRequiredException;
import dev.idcplane.security.Roles;
import dev.idcplane.source.PushedSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.security.identity.SecurityIdentity;
import io.smallrye.common.annotation.Blocking;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * What a CI pipeline calls: plan, and in apply mode apply, the configured matrix or the one in the
 * body. {@code ci} may plan; apply mode needs {@code deployer} (403 {@code deployer_required}
 * before anything is planned or audited otherwise). Outcomes a CI job can branch on: 200 with no
 * changes; 200 with changes applied (or, in plan mode, listed); 202 + Location when not waiting;
 * 409 busy or stale; 422 invalid matrix or deletion guard; 502 when AWS failed part of the run. A
 * matrix in the body whose digest is not the configured matrix's is a preview: the answer's {@code
 * matrixOrigin} is {@code request} and its {@code warnings} say so. With {@code
 * idc.matrix.source=pushed}, an accepted apply with a body pushes that matrix: it becomes the
 * configured one (audited as {@code MATRIX_PUSHED}).
 */
@Path("/api/v1/reconcile")
public class ReconcileResource {
  private final PlanningService planning;
  private final RunStarter starter;
  private final SecurityIdentity identity;
  private final AuditTrail audit;

  public ReconcileResource(
      PlanningService planning, RunStarter starter, SecurityIdentity identity, AuditTrail audit) {
    this.planning = planning;
    this.starter = starter;
    this.identity = identity;
    this.audit = audit;
  }

  @POST
  @Blocking
  @RolesAllowed({Roles.CI, Roles.DEPLOYER})
  @Consumes(MediaType.WILDCARD)
  @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
  public CompletionStage<Response> reconcile(
      String body,
      @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
      @QueryParam("mode") String mode,
      @QueryParam("commit") String commit,
      @QueryParam("wait") boolean wait,
      @QueryParam("allowDeletes") boolean allowDeletes,
      @jakarta.ws.rs.core.Context HttpHeaders headers,
      @jakarta.ws.rs.core.Context UriInfo uri) {
    boolean apply = parseMode(mode);
    if (apply && !identity.hasRole(Roles.DEPLOYER)) {
      throw new DeployerRequiredException("reconcile?mode=apply");
    }
    var input = PlanRequests.parse(body, contentType, commit);
    Caller caller = Caller.of(identity);
    String subject = caller.subject();
    Optional<PushedSource> pushTo =
        apply && input.files().isPresent() && planning.source() instanceof PushedSource pushed
            ? Optional.of(pushed)
            : Optional.empty();
    PlanningService.StoredPlan plan = planning.plan(input, caller, pushTo.isPresent());
    boolean text = PlansResource.wantsText(headers);
    audit.record(
        AuditAction.RECONCILE,
        subject,
        new AuditTrail.MatrixRef(
            plan.plan().source().matrixDigest(), plan.plan().source().matrixCommit()),
        Map.of(
            "mode",
            apply ? "apply" : "plan",
            "planId",
            plan.view().id().toString(),
            "changes",
            plan.plan().changes().size(),
            "allowDeletes",
            allowDeletes));
    if (!apply || plan.plan().empty()) {
      pushTo.ifPresent(p -> push(p, input, plan, subject));
      return CompletableFuture.completedFuture(
          Response.ok(text ? plan.text() : outcome(plan, null, apply ? "no_changes" : "planned"))
              .type(text ? MediaType.TEXT_PLAIN_TYPE : MediaType.APPLICATION_JSON_TYPE)
              .build());
    }
    var started = starter.applyFresh(plan, allowDeletes, caller);
    pushTo.ifPresent(p -> push(p, input, plan, subject));
    if (!wait) {
      return starter.respond(started, false, uri);
    }
    return starter
        .ended(started)
        .thenApply(
            run ->
                Response.status("SUCCEEDED".equals(run.status()) ? 200 : 502)
                    .entity(outcome(plan, run, run.status().toLowerCase()))
                    .type(MediaType.APPLICATION_JSON_TYPE)
                    .build());
  }

  /** The accepted apply's matrix becomes the configured one of the {@code pushed} source. */
  private void push(
      PushedSource to, MatrixInput input, PlanningService.StoredPlan plan, String subject) {
    var source = plan.plan().source();
    QuarkusTransaction.joiningExisting()
        .run(
            () -> {
              to.push(
                  input.files().orElseThrow(),
                  source.matrixDigest(),
                  source.matrixCommit(),
                  subject,
                  plan.view().id());
              planning.recordDrift(plan);
              audit.record(
                  AuditAction.MATRIX_PUSHED,
                  subject,
                  new AuditTrail.MatrixRef(source.matrixDigest(), source.matrixCommit()),
                  Map.of(
                      "planId",
                      plan.view().id().toString(),
                      "files",
                      input.files().orElseThrow().size()));
            });
  }

  private static Map<String, Object> outcome(
      PlanningService.StoredPlan plan, RunView run, String result) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("result", result);
    out.put("planId", plan.view().id());
    out.put("matrixOrigin", plan.view().matrixOrigin());
    out.put("changes", plan.view().summary().totalChanges());
    out.put("summary", plan.view().summary());
    if (run != null) {
      out.put("run", run);
    }
    out.put("warnings", plan.view().warnings());
    return out;
  }

  private static boolean parseMode(String mode) {
    if (mode == null || mode.equals("plan")) {
      return false;
    }
    if (mode.equals("apply")) {
      return true;
    }
    throw new BadRequestException("mode must be plan or apply, not '" + mode + "'");
  }
}
