package dev.idcplane.api;

import dev.idcplane.config.IdcConfig;
import dev.idcplane.doctor.DoctorCheck;
import dev.idcplane.doctor.ExchangeDoctor;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.Instance;
import dev.idcplane.identitycenter.LiveStateReader;
import dev.idcplane.identitycenter.Principal;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.apps.Applications;
import dev.idcplane.identitycenter.apps.TokenExchange;
import dev.idcplane.matrix.DeclaredApplication;
import dev.idcplane.matrix.Matrix;
import dev.idcplane.planning.DoctorService;
import dev.idcplane.planning.MatrixInput;
import dev.idcplane.planning.PlanningService;
import dev.idcplane.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/** Applications of the configured matrix: the doctor. */
@Path("/api/v1/applications")
public class ApplicationsResource {
  private final PlanningService planning;
  private final IdcConfig config;
  private final IdentityCenter identityCenter;
  private final Applications applications;
  private final TokenExchange tokenExchange;
  private final Clock clock;
  private final DoctorService doctors;

  public ApplicationsResource(
      PlanningService planning,
      IdcConfig config,
      IdentityCenter identityCenter,
      Applications applications,
      TokenExchange tokenExchange,
      Clock clock,
      DoctorService doctors) {
    this.planning = planning;
    this.config = config;
    this.identityCenter = identityCenter;
    this.applications = applications;
    this.tokenExchange = tokenExchange;
    this.clock = clock;
    this.doctors = doctors;
  }

  /** The body of an exchange check: a user's fresh token from the application's IdP. */
  public record ExchangeRequest(String token) {
    @Override
    public String toString() {
      return "ExchangeRequest[token=<redacted>]";
    }
  }

  /** The doctor's findings on one application: each check, and the worst result as verdict. */
  public record DoctorReport(
      String application, DoctorCheck.Result verdict, List<DoctorCheck> checks) {}

  /**
   * Read-only checks of a declared application against the live instance (see {@link
   * dev.idcplane.doctor.ApplicationDoctor}); {@code claim} is a user's claim value to look up in
   * the identity store.
   */
  @GET
  @Path("{name}/doctor")
  @RolesAllowed({Roles.VIEWER, Roles.CI})
  @Produces(MediaType.APPLICATION_JSON)
  public DoctorReport doctor(@PathParam("name") String name, @QueryParam("claim") String claim) {
    DoctorService.Report r =
        doctors
            .application(name, Optional.ofNullable(claim).filter(c -> !c.isBlank()))
            .orElseThrow(() -> new ApplicationNotDeclaredException(name));
    return new DoctorReport(r.name(), r.verdict(), r.checks());
  }

  /**
   * Opt-in: exchanges a user's fresh IdP token with CreateTokenWithIAM as the service (see {@link
   * ExchangeDoctor}) and reports who the resulting token is for. Admin only; the token is never
   * stored, logged or echoed.
   */
  @POST
  @Path("{name}/doctor/exchange")
  @RolesAllowed(Roles.ADMIN)
  @Consumes(MediaType.APPLICATION_JSON)
  @Produces(MediaType.APPLICATION_JSON)
  public ExchangeDoctor.Report exchange(@PathParam("name") String name, ExchangeRequest body) {
    if (body == null || body.token() == null || body.token().isBlank()) {
      throw new InvalidParameterException(
          "token: the body must be {\"token\": \"<a fresh token from the application's IdP>\"}");
    }
    Matrix matrix = planning.load(MatrixInput.configured(Optional.empty()));
    DeclaredApplication app = declared(matrix, name);
    Instance instance = instance();
    ExchangeDoctor doctor =
        new ExchangeDoctor(
            tokenExchange,
            userId ->
                identityCenter
                    .describePrincipal(instance.identityStoreId(), PrincipalType.USER, userId)
                    .map(Principal::name));
    return doctor.examine(
        app, applications.listApplications(instance.instanceArn()), body.token().strip());
  }

  private static DeclaredApplication declared(Matrix matrix, String name) {
    DeclaredApplication app = matrix.applications().get(name);
    if (app == null || app.absent()) {
      throw new ApplicationNotDeclaredException(name);
    }
    return app;
  }

  private Instance instance() {
    return new LiveStateReader(identityCenter, clock).chooseInstance(config.instanceArn());
  }
}
