package dev.idcplane.api;

import dev.idcplane.adopt.ImportedMatrix;
import dev.idcplane.adopt.MatrixImporter;
import dev.idcplane.config.IdcConfig;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.Instance;
import dev.idcplane.identitycenter.LiveStateReader;
import dev.idcplane.identitycenter.Principal;
import dev.idcplane.identitycenter.apps.Applications;
import dev.idcplane.identitycenter.apps.LiveApplications;
import dev.idcplane.plan.PlanPolicy;
import dev.idcplane.security.Roles;
import dev.idcplane.terraform.TerraformStates;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

/**
 * Adopt: the matrix that declares exactly what is live ({@link MatrixImporter}), as JSON or as a
 * zip of the matrix folder. Read-only; admin only, since it exposes every assignment at once.
 */
@Path("/api/v1/import")
public class ImportResource {
  private final IdentityCenter identityCenter;
  private final IdcConfig config;
  private final PlanPolicy policy;
  private final Clock clock;
  private final Applications applications;
  private final TerraformStates terraform;

  public ImportResource(
      IdentityCenter identityCenter,
      IdcConfig config,
      PlanPolicy policy,
      Clock clock,
      Applications applications,
      TerraformStates terraform) {
    this.identityCenter = identityCenter;
    this.config = config;
    this.policy = policy;
    this.clock = clock;
    this.applications = applications;
    this.terraform = terraform;
  }

  /** The imported matrix: {@code files} (name, YAML content) and {@code todo}. */
  @POST
  @RolesAllowed(Roles.ADMIN)
  @Produces(MediaType.APPLICATION_JSON)
  public ImportedMatrix json() {
    return read();
  }

  /** The imported matrix folder as a zip ({@code Accept: application/zip}). */
  @POST
  @RolesAllowed(Roles.ADMIN)
  @Produces("application/zip")
  public Response zip() {
    ImportedMatrix m = read();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
      for (ImportedMatrix.File f : m.files()) {
        zip.putNextEntry(new ZipEntry("assignments/" + f.name()));
        zip.write(f.content().getBytes(StandardCharsets.UTF_8));
        zip.closeEntry();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return Response.ok(bytes.toByteArray(), "application/zip")
        .header("Content-Disposition", "attachment; filename=\"matrix-import.zip\"")
        .header("X-Import-Todo", m.todo().size())
        .build();
  }

  private ImportedMatrix read() {
    var live =
        new LiveStateReader(identityCenter, clock)
            .read(LiveStateReader.Request.everything(config.instanceArn()));
    Instance instance = live.state().instance();
    String store = instance.identityStoreId();
    return new MatrixImporter(policy)
        .importFrom(
            live.state(),
            LiveApplications.read(applications, instance.instanceArn()),
            (type, id) ->
                identityCenter.describePrincipal(store, type, id).map(Principal::name).orElse(id),
            terraform.ownership());
  }
}
