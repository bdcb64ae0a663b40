package dev.idcplane.access;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.Account;
import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.AccountStatus;
import dev.idcplane.identitycenter.Instance;
import dev.idcplane.identitycenter.LivePermissionSet;
import dev.idcplane.identitycenter.LiveState;
import dev.idcplane.identitycenter.OrgTree;
import dev.idcplane.identitycenter.OrgUnit;
import dev.idcplane.identitycenter.Organization;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PermissionSetInfo;
import dev.idcplane.identitycenter.Principal;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.matrix.SourceLocation;
import dev.idcplane.plan.DesiredPermissionSet;
import dev.idcplane.plan.DesiredState;
import dev.idcplane.plan.Plan;
import dev.idcplane.plan.PlanPolicy;
import dev.idcplane.plan.PlanSource;
import dev.idcplane.plan.Planner;
import dev.idcplane.view.PlanView;
import dev.idcplane.view.PlanViews;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Access reports never call an assignment in the management account fixable for a delegated admin.
 */
class AccessReporterDelegationTest {
  static final String MGMT = "111111111111";
  static final String AUDIT = "333333333333";
  static final String DEV = "666666666666";
  static final PlanPolicy ALLOW_MANAGEMENT_DELETES =
      new PlanPolicy(PlanPolicy.DEFAULT_PROTECTED, true);
  static final PermissionSetDefinition DEF =
      new PermissionSetDefinition(
          "d",
          "PT1H",
          Set.of("arn:aws:iam::aws:policy/ReadOnlyAccess"),
          Set.of(),
          Optional.empty(),
          null,
          Map.of(),
          null);

  static LiveState live(String caller) {
    OrgTree tree =
        new OrgTree.Builder(new OrgUnit("r-1", "Root"))
            .account(new Account(MGMT, "management", "m@x", AccountStatus.ACTIVE), "r-1")
            .account(new Account(AUDIT, "audit", "a@x", AccountStatus.ACTIVE), "r-1")
            .account(new Account(DEV, "app-dev", "d@x", AccountStatus.ACTIVE), "r-1")
            .build();
    LivePermissionSet dev =
        new LivePermissionSet(
            new PermissionSetInfo("arn:ps/Dev", "Dev", "d", "PT1H"),
            Optional.of(DEF),
            Set.of(MGMT, DEV),
            Set.of());
    Set<AccountAssignment> assignments =
        Set.of(
            new AccountAssignment(MGMT, "arn:ps/Dev", PrincipalType.GROUP, "g1"),
            new AccountAssignment(DEV, "arn:ps/Dev", PrincipalType.GROUP, "g1"));
    return new LiveState(
        new Instance("arn:ins", "d-1"),
        new Organization("o-1", MGMT),
        tree,
        Map.of("Dev", dev),
        assignments,
        Map.of("g1", new Principal(PrincipalType.GROUP, "g1", "devs")),
        Instant.EPOCH,
        caller);
  }

  static final DesiredState DESIRED =
      new DesiredState(
          Map.of(
              "Dev",
              new DesiredPermissionSet("Dev", new SourceLocation("a.yaml", 1), Optional.of(DEF))),
          Map.of(),
          List.of(),
          List.of(),
          List.of());

  static Plan plan(LiveState live) {
    return new Planner()
        .plan(
            DESIRED,
            live,
            ALLOW_MANAGEMENT_DELETES,
            new PlanSource("sha", null, "arn:ins", Instant.EPOCH));
  }

  static AccessRow row(AccessReporter r, String account) {
    return r.byAccount(r.account(account).orElseThrow()).get(0);
  }

  @Test
  void asManagementAccountBothUnexpectedAssignmentsAreFixedByThePlan() {
    LiveState live = live(MGMT);
    AccessReporter r = new AccessReporter(live, DESIRED, plan(live));
    assertThat(row(r, MGMT).fixedByPlan()).isTrue();
    assertThat(row(r, DEV).fixedByPlan()).isTrue();
  }

  @Test
  void asDelegatedAdministratorTheManagementAccountRowIsNotFixable() {
    LiveState live = live(AUDIT);
    AccessReporter r = new AccessReporter(live, DESIRED, plan(live));
    AccessRow management = row(r, MGMT);
    assertThat(management.status()).isEqualTo(AccessStatus.UNEXPECTED);
    assertThat(management.fixedByPlan()).isFalse();
    assertThat(management.detail()).contains("delegated administrator").contains("kept");
    assertThat(row(r, DEV).fixedByPlan()).isTrue();
  }

  @Test
  void aPlanThatWouldFixTheManagementAccountIsNotBelievedForADelegatedSnapshot() {
    AccessReporter r = new AccessReporter(live(AUDIT), DESIRED, plan(live(MGMT)));
    assertThat(row(r, MGMT).fixedByPlan()).isFalse();
    assertThat(row(r, DEV).fixedByPlan()).isTrue();
  }

  @Test
  void theJsonViewOfADelegatedPlanCarriesTheDelegation() {
    PlanView asManagement =
        PlanViews.of(UUID.randomUUID(), Instant.EPOCH, "t", "request", plan(live(MGMT)));
    assertThat(asManagement.delegation()).isNull();
    assertThat(asManagement.summary().delegatedAdministrator()).isFalse();

    PlanView view =
        PlanViews.of(UUID.randomUUID(), Instant.EPOCH, "t", "request", plan(live(AUDIT)));
    assertThat(view.delegation().callerAccountId()).isEqualTo(AUDIT);
    assertThat(view.delegation().managementAccountId()).isEqualTo(MGMT);
    assertThat(view.delegation().readOnlyPermissionSets()).containsExactly("Dev");
    assertThat(view.delegation().withheld()).isEqualTo(1);
    assertThat(view.summary().delegatedAdministrator()).isTrue();
    assertThat(view.summary().withheldByDelegation()).isEqualTo(1);
    assertThat(view.summary().changes()).containsEntry("delete_assignment", 1);
  }
}
