package dev.idcplane.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.LiveStateReader;
import dev.idcplane.identitycenter.sandbox.SandboxIdentityCenter;
import dev.idcplane.matrix.Matrix;
import dev.idcplane.matrix.MatrixLoad;
import dev.idcplane.matrix.MatrixLoader;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The shipped matrix ({@code assignments/}) planned against the shipped sandbox seed: exactly the
 * creates, updates, provisions and deletes the seed's drift calls for, and the rest as drift.
 */
class ShippedExamplePlanTest {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 23);

  static Plan planShipped(LocalDate today) {
    SandboxIdentityCenter ic = SandboxIdentityCenter.fromSeed(Path.of("deploy/sandbox/seed.yaml"));
    MatrixLoad load = new MatrixLoader().load(Path.of("assignments"));
    assertThat(load.violations()).isEmpty();
    Matrix matrix = load.matrix();
    Clock clock = Clock.fixed(Instant.parse("2026-11-23T12:00:00Z"), ZoneOffset.UTC);
    LiveStateReader.Result live =
        new LiveStateReader(ic, clock).read(MatrixRequests.forMatrix(matrix, Optional.empty()));
    PlanPolicy policy = PlanPolicy.defaults();
    Resolution r = new Resolver().resolve(matrix, live, policy, today);
    assertThat(r.errors()).isEmpty();
    assertThat(Planner.missingExternalSets(r.desired(), live.state())).isEmpty();
    return new Planner()
        .plan(
            r.desired(),
            live.state(),
            policy,
            new PlanSource(
                matrix.digest(),
                null,
                live.state().instance().instanceArn(),
                live.state().readAt()));
  }

  static List<String> lines(Plan p, ChangeAction action) {
    return p.changes().stream()
        .filter(c -> c.action() == action)
        .map(
            c ->
                switch (c.action()) {
                  case CREATE_ASSIGNMENT -> {
                    var a = (Change.CreateAssignment) c;
                    yield a.assignment().permissionSetName()
                        + " "
                        + a.principalName()
                        + " "
                        + a.accountName();
                  }
                  case DELETE_ASSIGNMENT -> {
                    var d = (Change.DeleteAssignment) c;
                    yield d.assignment().permissionSetName()
                        + " "
                        + d.principalName()
                        + " "
                        + d.accountName();
                  }
                  default -> c.key();
                })
        .toList();
  }

  @Test
  void planIsExactlyWhatTheSeedsDriftCallsFor() {
    Plan p = planShipped(TODAY);
    assertThat(lines(p, ChangeAction.CREATE_PERMISSION_SET))
        .containsExactly("permission-set/BreakGlass", "permission-set/SecOpsResponder");
    assertThat(lines(p, ChangeAction.UPDATE_PERMISSION_SET))
        .containsExactly("permission-set/AppDeveloper");
    Change.UpdatePermissionSet update =
        (Change.UpdatePermissionSet)
            p.changes().stream()
                .filter(c -> c.action() == ChangeAction.UPDATE_PERMISSION_SET)
                .findFirst()
                .orElseThrow();
    assertThat(update.fields()).extracting(FieldChange::field).containsExactly("session_duration");
    assertThat(lines(p, ChangeAction.PROVISION_PERMISSION_SET))
        .containsExactly("provision/AppDeveloper", "provision/ReadOnlyAuditor");
    assertThat(lines(p, ChangeAction.CREATE_ASSIGNMENT))
        .containsExactlyInAnyOrder(
            "PowerUser aws-team-a-leads app-staging",
            "BillingViewer aws-finops sandbox-8",
            "SecOpsResponder aws-secops log-archive",
            "SecOpsResponder aws-secops audit",
            "SecOpsResponder aws-secops app-prod",
            "SecOpsResponder aws-secops data-prod",
            "BreakGlass aws-breakglass log-archive",
            "BreakGlass aws-breakglass audit",
            "BreakGlass aws-breakglass app-prod",
            "BreakGlass aws-breakglass data-prod",
            "BreakGlass aws-breakglass app-dev",
            "BreakGlass aws-breakglass app-staging",
            "BreakGlass aws-breakglass sandbox-7",
            "BreakGlass aws-breakglass sandbox-8",
            "BreakGlass aws-breakglass network",
            "BreakGlass aws-breakglass shared-services",
            "BreakGlass alice@example.com app-prod",
            "AWSReadOnlyAccess aws-security-auditors log-archive",
            "AWSReadOnlyAccess aws-security-auditors audit");
    assertThat(lines(p, ChangeAction.DELETE_ASSIGNMENT))
        .containsExactlyInAnyOrder(
            "AppDeveloper aws-team-a-engineers app-prod", "Admin bob@example.com sandbox-8");
    assertThat(p.changes()).hasSize(ShippedExample.PERMISSION_SET_CHANGES);
  }

  @Test
  void readCostsWhatTheReadmeSays() {
    SandboxIdentityCenter ic = SandboxIdentityCenter.fromSeed(Path.of("deploy/sandbox/seed.yaml"));
    Matrix matrix = new MatrixLoader().load(Path.of("assignments")).matrix();
    new LiveStateReader(ic, Clock.systemUTC())
        .read(MatrixRequests.forMatrix(matrix, Optional.empty()));
    // 5 + 2(O+1) + P + (P + P') + 5D + S with O=6, P=8, P'=7, D=6, S=39 (GetCallerIdentity is
    // the fifth fixed call); 8 + 3 principal lookups.
    assertThat(ic.totalCalls()).isEqualTo(5 + 14 + 8 + 15 + 30 + 39 + 8 + 3);
  }

  @Test
  void everythingElseIsReportedAsDrift() {
    Plan p = planShipped(TODAY);
    PlanSummary s = p.summary();
    assertThat(s.driftByKind().get(DriftKind.MISSING)).isEqualTo(19);
    assertThat(s.driftByKind().get(DriftKind.UNEXPECTED)).isEqualTo(4);
    assertThat(s.driftByKind().get(DriftKind.UNMANAGED)).isEqualTo(1);
    assertThat(s.driftByKind().get(DriftKind.PROTECTED)).isEqualTo(11);
    assertThat(s.driftByKind().get(DriftKind.DEFINITION)).isEqualTo(1);
    assertThat(s.driftByKind().get(DriftKind.OUT_OF_SYNC)).isEqualTo(1);
    assertThat(s.driftByKind().get(DriftKind.EXPIRED_USER_RULE)).isZero();
    assertThat(p.drift())
        .filteredOn(d -> d.kind() == DriftKind.UNEXPECTED && d.accountId().equals("111111111111"))
        .extracting(DriftFinding::detail)
        .allSatisfy(detail -> assertThat(detail).contains("management account"))
        .hasSize(2);
  }

  @Test
  void afterAliceExpiresHerAssignmentIsNotCreatedAndTheRuleIsReported() {
    Plan p = planShipped(LocalDate.of(2027, 7, 1));
    assertThat(lines(p, ChangeAction.CREATE_ASSIGNMENT))
        .doesNotContain("BreakGlass alice@example.com app-prod");
    assertThat(p.summary().driftByKind().get(DriftKind.EXPIRED_USER_RULE)).isEqualTo(1);
  }
}
