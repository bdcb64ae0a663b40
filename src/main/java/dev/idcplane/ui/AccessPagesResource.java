package dev.idcplane.ui;

import dev.idcplane.access.AccessReporter;
import dev.idcplane.access.AccessRow;
import dev.idcplane.error.ControlPlaneException;
import dev.idcplane.planning.MatrixInput;
import dev.idcplane.planning.PlanningService;
import dev.idcplane.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Access in the console: who can reach account X, or what principal Y can reach, from a fresh live
 * read and the configured matrix, with whether the matrix intends each assignment: the same
 * PlanningService preview and {@link AccessReporter} as {@code GET /api/v1/access}. Rows are paged
 * ({@value #PAGE} a page).
 */
@Path("/ui/access")
public class AccessPagesResource {
  static final int PAGE = 200;

  private final Pages pages;
  private final PlanningService planning;

  public AccessPagesResource(Pages pages, PlanningService planning) {
    this.pages = pages;
    this.planning = planning;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  public Response access(
      @QueryParam("account") @DefaultValue("") String account,
      @QueryParam("principal") @DefaultValue("") String principal,
      @QueryParam("page") @DefaultValue("1") int page) {
    Map<String, Object> data = new HashMap<>();
    data.put("account", account.trim());
    data.put("principal", principal.trim());
    data.put("asked", "");
    data.put(
        "pagerQuery",
        "account="
            + java.net.URLEncoder.encode(account.trim(), java.nio.charset.StandardCharsets.UTF_8)
            + "&principal="
            + java.net.URLEncoder.encode(
                principal.trim(), java.nio.charset.StandardCharsets.UTF_8));
    data.put("problem", "");
    data.put("rows", Paged.of(List.<AccessRow>of(), 1, PAGE));
    boolean byAccount = !account.isBlank();
    boolean byPrincipal = !principal.isBlank();
    if (!byAccount && !byPrincipal) {
      return pages.ok("access", data);
    }
    if (byAccount && byPrincipal) {
      data.put("problem", "Ask about an account or about a principal, not both at once.");
      return pages.page(400, "access", data);
    }
    try {
      var preview = planning.preview(MatrixInput.configured(Optional.empty()));
      var reporter =
          new AccessReporter(preview.live(), preview.resolution().desired(), preview.plan());
      List<AccessRow> rows;
      if (byAccount) {
        var found = reporter.account(account.trim());
        if (found.isEmpty()) {
          data.put("problem", "There is no account with the id or name " + account.trim() + ".");
          return pages.page(404, "access", data);
        }
        rows = reporter.byAccount(found.get());
        data.put("asked", "Who can reach account " + account.trim());
      } else {
        if (!reporter.knowsPrincipal(principal.trim())) {
          data.put(
              "problem",
              "Identity Center has no group or user named (or with the id) "
                  + principal.trim()
                  + ".");
          return pages.page(404, "access", data);
        }
        rows = reporter.byPrincipal(principal.trim());
        data.put("asked", "What " + principal.trim() + " can reach");
      }
      data.put("rows", Paged.of(rows, page, PAGE));
      data.put("readAt", preview.live().readAt().toString());
      return pages.ok("access", data);
    } catch (ControlPlaneException e) {
      data.put("problem", e.getMessage());
      return pages.page(e.httpStatus() >= 500 ? 503 : 422, "access", data);
    }
  }
}
