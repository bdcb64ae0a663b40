package dev.idcplane.api;

import dev.idcplane.export.ApplicationsHcl;
import dev.idcplane.export.TerraformExporter;
import dev.idcplane.planning.MatrixInput;
import dev.idcplane.planning.PlanningService;
import dev.idcplane.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;
import java.util.Optional;

/** Export: the configured matrix, resolved against the live instance, as Terraform. */
@Path("/api/v1/export")
public class ExportResource {
  private final PlanningService planning;

  public ExportResource(PlanningService planning) {
    this.planning = planning;
  }

  /**
   * HCL for the configured matrix with an import block for every resource that exists ({@link
   * TerraformExporter}); 422 when the matrix is invalid, as a plan would be.
   */
  @GET
  @Path("terraform")
  @RolesAllowed({Roles.ADMIN, Roles.AUDITOR})
  @Produces("text/plain")
  public Response terraform() {
    PlanningService.Preview preview = planning.preview(MatrixInput.configured(Optional.empty()));
    String hcl =
        new TerraformExporter()
            .export(
                preview.resolution().desired(),
                preview.live(),
                preview.terraform(),
                Optional.of(
                    new ApplicationsHcl.Input(
                        preview.matrix(), preview.applications(), preview.principals())));
    return Response.ok(hcl, "text/plain; charset=utf-8")
        .header("Content-Disposition", "attachment; filename=\"idc-control-plane.tf\"")
        .build();
  }
}
