package dev.idcplane.planning;

import dev.idcplane.config.IdcConfig;
import dev.idcplane.doctor.ApplicationDoctor;
import dev.idcplane.doctor.DoctorCheck;
import dev.idcplane.doctor.IssuerDiscovery;
import dev.idcplane.doctor.IssuerDoctor;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.Instance;
import dev.idcplane.identitycenter.LiveStateReader;
import dev.idcplane.identitycenter.apps.Applications;
import dev.idcplane.identitycenter.apps.LiveApplications;
import dev.idcplane.matrix.DeclaredApplication;
import dev.idcplane.matrix.Matrix;
import dev.idcplane.plan.apps.AppPlan;
import dev.idcplane.plan.apps.AppPlanner;
import dev.idcplane.plan.apps.PrincipalLookup;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The doctor of the configured matrix's applications and trusted token issuers, read-only, against
 * the live instance: what {@code GET /api/v1/applications/{name}/doctor} answers and what the
 * console's matrix page shows. Each call reads the matrix and the instance's applications afresh
 * (and fetches each issuer's discovery document), so it is as slow as those reads.
 */
@ApplicationScoped
public class DoctorService {
  private final PlanningService planning;
  private final IdcConfig config;
  private final IdentityCenter identityCenter;
  private final Applications applications;
  private final IssuerDiscovery discovery;
  private final Clock clock;

  public DoctorService(
      PlanningService planning,
      IdcConfig config,
      IdentityCenter identityCenter,
      Applications applications,
      IssuerDiscovery discovery,
      Clock clock) {
    this.planning = planning;
    this.config = config;
    this.identityCenter = identityCenter;
    this.applications = applications;
    this.discovery = discovery;
    this.clock = clock;
  }

  /** One application's or issuer's checks, and the worst result as verdict. */
  public record Report(String name, DoctorCheck.Result verdict, List<DoctorCheck> checks) {
    static Report of(String name, List<DoctorCheck> checks) {
      return new Report(name, DoctorCheck.worst(checks), List.copyOf(checks));
    }
  }

  /** Every declared (not to-be-deleted) issuer and application, each with its report, by name. */
  public record Findings(List<Report> issuers, List<Report> applications) {}

  /**
   * The checks of the declared application {@code name}; {@code claim} is a user's claim value to
   * look up in the identity store. Empty when the matrix does not declare it (or declares it
   * absent).
   */
  public Optional<Report> application(String name, Optional<String> claim) {
    Matrix matrix = planning.load(MatrixInput.configured(Optional.empty()));
    DeclaredApplication app = matrix.applications().get(name);
    if (app == null || app.absent()) {
      return Optional.empty();
    }
    Instance instance = instance();
    LiveApplications live = LiveApplications.read(applications, instance.instanceArn());
    PrincipalLookup principals = principals(instance);
    AppPlan plan = AppPlanner.plan(matrix, live, principals);
    return Optional.of(
        Report.of(name, applicationDoctor(instance).examine(app, matrix, live, plan, claim)));
  }

  /** The reports of every declared issuer and application, from one read of the instance. */
  public Findings all() {
    Matrix matrix = planning.load(MatrixInput.configured(Optional.empty()));
    Instance instance = instance();
    LiveApplications live = LiveApplications.read(applications, instance.instanceArn());
    PrincipalLookup principals = principals(instance);
    // one plan of the applications for every report: each one's configuration check reads it
    AppPlan plan = AppPlanner.plan(matrix, live, principals);
    IssuerDoctor issuers = new IssuerDoctor(discovery);
    ApplicationDoctor apps = applicationDoctor(instance);
    return new Findings(
        matrix.trustedTokenIssuers().values().stream()
            .filter(i -> !i.absent())
            .map(i -> Report.of(i.name(), issuers.examine(i, live, plan)))
            .toList(),
        matrix.applications().values().stream()
            .filter(a -> !a.absent())
            .map(a -> Report.of(a.name(), apps.examine(a, matrix, live, plan, Optional.empty())))
            .toList());
  }

  private ApplicationDoctor applicationDoctor(Instance instance) {
    return new ApplicationDoctor(
        discovery,
        (path, value) ->
            identityCenter.findUserIdByAttribute(instance.identityStoreId(), path, value));
  }

  private PrincipalLookup principals(Instance instance) {
    return PrincipalLookup.of(identityCenter, instance.identityStoreId()).memoized();
  }

  private Instance instance() {
    return new LiveStateReader(identityCenter, clock).chooseInstance(config.instanceArn());
  }
}
