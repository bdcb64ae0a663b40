package dev.idcplane.doctor;

import dev.idcplane.identitycenter.apps.LiveApplications;
import dev.idcplane.identitycenter.apps.TrustedTokenIssuer;
import dev.idcplane.matrix.DeclaredTrustedTokenIssuer;
import dev.idcplane.plan.apps.AppPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Diagnoses one declared trusted token issuer against the live instance, read-only: does it exist,
 * does its live configuration equal the declaration (a plan would change nothing on it), and is its
 * discovery document reachable and consistent (as {@link ApplicationDoctor} checks it for each
 * application's grant).
 */
public final class IssuerDoctor {
  private final IssuerDiscovery discovery;

  public IssuerDoctor(IssuerDiscovery discovery) {
    this.discovery = discovery;
  }

  /**
   * The checks of {@code issuer}; {@code plan} is the plan of the matrix's applications against
   * {@code live}.
   */
  public List<DoctorCheck> examine(
      DeclaredTrustedTokenIssuer issuer, LiveApplications live, AppPlan plan) {
    List<DoctorCheck> checks = new ArrayList<>();
    Optional<TrustedTokenIssuer> found =
        live.issuers().stream().filter(t -> t.name().equals(issuer.name())).findFirst();
    String title = "The trusted token issuer exists";
    if (found.isEmpty()) {
      checks.add(
          DoctorCheck.fail(
              "exists",
              title,
              "no trusted token issuer named " + issuer.name() + " in the instance",
              "apply the matrix (it is declared at " + issuer.at() + ")"));
    } else {
      checks.add(DoctorCheck.pass("exists", title, found.get().arn()));
      checks.add(configuration(issuer, plan));
    }
    IssuerDiscovery.Found f = discovery.check(issuer.issuerUrl());
    String id = "issuer_discovery";
    String discoveryTitle = "The issuer's discovery document and keys are served over HTTPS";
    checks.add(
        f.ok()
            ? DoctorCheck.pass(id, discoveryTitle, f.keys() + " key(s) at " + f.jwksUri())
            : DoctorCheck.fail(
                id,
                discoveryTitle,
                f.problem(),
                "serve /.well-known/openid-configuration at the issuer URL over HTTPS, with"
                    + " issuer equal to the URL and a jwks_uri holding the signing keys"));
    return checks;
  }

  /** The changes {@code plan} (of the matrix) would make to this issuer. */
  private static DoctorCheck configuration(DeclaredTrustedTokenIssuer issuer, AppPlan plan) {
    return ConfigurationCheck.of(plan, List.of("issuer/" + issuer.name() + "/"), List.of());
  }
}
