package dev.idcplane.ui;

import dev.idcplane.error.ControlPlaneException;
import dev.idcplane.planning.DoctorService;
import dev.idcplane.planning.PlanningService;
import dev.idcplane.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The configured matrix in the console, read from its source as planning reads it (a matrix with
 * problems still shows what could be read, with every problem and its file:line). The doctor's
 * findings on its issuers and applications read the live instance and each issuer's discovery
 * document, so the page loads them afterwards (htmx, {@code /ui/matrix/doctor}); without
 * JavaScript, {@code ?doctor=true} renders them in the page.
 */
@Path("/ui/matrix")
public class MatrixPagesResource {
  private final Pages pages;
  private final PlanningService planning;
  private final DoctorService doctors;
  private final Clock clock;

  public MatrixPagesResource(
      Pages pages, PlanningService planning, DoctorService doctors, Clock clock) {
    this.pages = pages;
    this.planning = planning;
    this.doctors = doctors;
    this.clock = clock;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  public Response matrix(
      @QueryParam("by") @DefaultValue("principal") String by,
      @QueryParam("doctor") boolean doctor) {
    try {
      var current = planning.source().current(false);
      Map<String, Object> data = new HashMap<>();
      data.put("m", MatrixView.of(current.load(), by));
      data.put("source", planning.source().kind());
      data.put("commit", current.origin().commit() == null ? "—" : current.origin().commit());
      data.put("doctor", doctor ? Optional.of(examine()) : Optional.empty());
      return pages.ok("matrix", data);
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

  /** The doctor's findings alone, for the matrix page to swap in. */
  @GET
  @Path("doctor")
  @RolesAllowed(Roles.VIEWER)
  public Response doctor() {
    DoctorView v = examine();
    return pages.fragment(
        "doctor", Map.of("reports", v.reports(), "problem", v.problem(), "at", v.at()));
  }

  private DoctorView examine() {
    try {
      return DoctorView.of(doctors.all(), clock.instant());
    } catch (ControlPlaneException e) {
      return DoctorView.failed(e.getMessage(), clock.instant());
    }
  }
}
