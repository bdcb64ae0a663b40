package dev.idcplane.ui;

import dev.idcplane.persistence.PlanEntity;
import dev.idcplane.run.ApplyProblems;
import dev.idcplane.run.ApplyService;
import dev.idcplane.run.PlanNotFoundException;
import dev.idcplane.security.Caller;
import dev.idcplane.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.FormParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Applying a stored plan from the console (deployer, admin): a confirmation that lists the deletes
 * and asks for allowDeletes when the deletion guard requires it, then the same {@link
 * ApplyService#apply} as {@code POST /api/v1/plans/{id}/apply}. A refusal (stale plan, another run
 * busy, expired plan, guard) is answered as a plain sentence with the link to follow.
 */
@Path("/ui/plans/{id}/apply")
public class ApplyPagesResource {
  private final Pages pages;
  private final PlanPagesResource plans;
  private final ApplyService apply;
  private final SecurityIdentity identity;

  public ApplyPagesResource(
      Pages pages, PlanPagesResource plans, ApplyService apply, SecurityIdentity identity) {
    this.pages = pages;
    this.plans = plans;
    this.apply = apply;
    this.identity = identity;
  }

  @GET
  @RolesAllowed(Roles.DEPLOYER)
  public Response confirm(@PathParam("id") String id) {
    return confirmation(200, id, null);
  }

  @POST
  @RolesAllowed(Roles.DEPLOYER)
  @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
  public Response apply(
      @PathParam("id") String id,
      @FormParam(Csrf.FIELD) String csrf,
      @FormParam("allowDeletes") String allowDeletes) {
    pages.checkCsrf(csrf);
    Optional<PlanEntity> plan = plans.find(id);
    if (plan.isEmpty()) {
      return plans.notFound(id);
    }
    try {
      ApplyService.Started started =
          apply.apply(
              plan.get().id,
              new ApplyService.ApplyRequest("true".equals(allowDeletes)),
              Caller.of(identity));
      return Pages.seeOther("/ui/runs/" + started.runId());
    } catch (ApplyProblems.StalePlan e) {
      String fresh = String.valueOf(e.details().get(0));
      return refused(
          409,
          "This plan is out of date",
          "Identity Center or the matrix changed since this plan was made, so it was not applied."
              + " A new plan was made from what is there now: review it, then apply it.",
          "/ui/plans/" + fresh,
          "Review the new plan " + fresh);
    } catch (ApplyProblems.Busy e) {
      Optional<String> run = e.details().stream().findFirst().map(String::valueOf);
      return refused(
          409,
          "Another run is applying",
          "Another run is applying to this instance right now, so this plan was not applied."
              + " Wait for it to end, then apply again.",
          run.map(r -> "/ui/runs/" + r).orElse("/ui/runs"),
          run.map(r -> "Watch run " + r).orElse("See the runs"));
    } catch (ApplyProblems.PlanExpired e) {
      return refused(
          409,
          "This plan has expired",
          "This plan was made too long ago to be applied safely. Plan again and apply the new"
              + " plan.",
          "/ui/plans",
          "Plan again");
    } catch (ApplyProblems.GuardTripped e) {
      return confirmation(
          422,
          id,
          "The deletion guard stopped this apply: tick \"Allow deletes\" after reviewing the"
              + " deletes below, or fix the matrix.");
    } catch (PlanNotFoundException e) {
      return plans.notFound(id);
    }
  }

  private Response confirmation(int status, String id, String problem) {
    Optional<PlanEntity> plan = plans.find(id);
    if (plan.isEmpty()) {
      return plans.notFound(id);
    }
    Map<String, Object> data = new HashMap<>();
    data.put("plan", plans.detail(plan.get(), 1, 1));
    data.put("problem", problem == null ? "" : problem);
    return pages.page(status, "apply", data);
  }

  private Response refused(int status, String title, String sentence, String link, String text) {
    return pages.page(
        status,
        "message",
        Map.of("title", title, "message", sentence, "link", link, "linkText", text));
  }
}
