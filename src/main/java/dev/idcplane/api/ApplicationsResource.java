package dev.idcplane.api;

import dev.idcplane.config.IdcConfig;
import dev.idcplane.doctor.ApplicationDoctor;
import dev.idcplane.doctor.DoctorCheck;
import dev.idcplane.doctor.IssuerDiscovery;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.Instance;
import dev.idcplane.identitycenter.apps.Applications;
import dev.idcplane.identitycenter.apps.LiveApplications;
import dev.idcplane.matrix.DeclaredApplication;
import dev.idcplane.matrix.Matrix;
import dev.idcplane.plan.apps.PrincipalLookup;
import dev.idcplane.planning.MatrixInput;
import dev.idcplane.planning.PlanningService;
import dev.idcplane.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/** Applications of the configured matrix: the doctor. */
@Path("/api/v1/applications")
public class ApplicationsResource {
  private final PlanningService planning;
  private final IdcConfig config;
  private final IdentityCenter identityCenter;
  private final Applications applications;
  private final IssuerDiscovery discovery;

  public ApplicationsResource(
      PlanningService planning,
      IdcConfig config,
      IdentityCenter identityCenter,
      Applications applications,
      IssuerDiscovery discovery) {
    this.planning = planning;
    this.config = config;
    this.identityCenter = identityCenter;
    this.applications = applications;
    this.discovery = discovery;
  }

  /** The doctor's findings on one application: each check, and the worst result as verdict. */
  public record DoctorReport(
      String application, DoctorCheck.Result verdict, List<DoctorCheck> checks) {}

  /**
   * Read-only checks of a declared application against the live instance (see {@link
   * ApplicationDoctor}); {@code claim} is a user's claim value to look up in the identity store.
   */
  @GET
  @Path("{name}/doctor")
  @RolesAllowed({Roles.VIEWER, Roles.CI})
  @Produces(MediaType.APPLICATION_JSON)
  public DoctorReport doctor(@PathParam("name") String name, @QueryParam("claim") String claim) {
    Matrix matrix = planning.load(MatrixInput.configured(Optional.empty()));
    DeclaredApplication app = matrix.applications().get(name);
    if (app == null || app.absent()) {
      throw new ApplicationNotDeclaredException(name);
    }
    Instance instance =
        config
            .instanceArn()
            .flatMap(
                arn ->
                    identityCenter.listInstances().stream()
                        .filter(i -> i.instanceArn().equals(arn))
                        .findFirst())
            .orElseGet(() -> identityCenter.listInstances().get(0));
    LiveApplications live = LiveApplications.read(applications, instance.instanceArn());
    ApplicationDoctor doctor =
        new ApplicationDoctor(
            discovery,
            PrincipalLookup.of(identityCenter, instance.identityStoreId()),
            (path, value) ->
                identityCenter.findUserIdByAttribute(instance.identityStoreId(), path, value));
    List<DoctorCheck> checks =
        doctor.examine(app, matrix, live, Optional.ofNullable(claim).filter(c -> !c.isBlank()));
    DoctorCheck.Result verdict =
        checks.stream()
            .map(DoctorCheck::result)
            .max(Comparator.naturalOrder())
            .orElse(DoctorCheck.Result.PASS);
    return new DoctorReport(name, verdict, checks);
  }
}
