package dev.idcplane.ui;

import dev.idcplane.error.ControlPlaneException;
import dev.idcplane.planning.PlanningService;
import dev.idcplane.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.util.Map;

/**
 * The configured matrix in the console, read from its source as planning reads it (a matrix with
 * problems still shows what could be read, with every problem and its file:line).
 */
@Path("/ui/matrix")
public class MatrixPagesResource {
  private final Pages pages;
  private final PlanningService planning;

  public MatrixPagesResource(Pages pages, PlanningService planning) {
    this.pages = pages;
    this.planning = planning;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  public Response matrix(@QueryParam("by") @DefaultValue("principal") String by) {
    try {
      var current = planning.source().current(false);
      return pages.ok(
          "matrix",
          Map.of(
              "m",
              MatrixView.of(current.load(), by),
              "source",
              planning.source().kind(),
              "commit",
              current.origin().commit() == null ? "—" : current.origin().commit()));
    } catch (ControlPlaneException e) {
      return pages.page(
          e.httpStatus() >= 500 ? 503 : 422,
          "message",
          Map.of(
              "title",
              "The matrix could not be read",
              "message",
              e.getMessage(),
              "link",
              "/ui/overview",
              "linkText",
              "Back to the overview"));
    }
  }
}
