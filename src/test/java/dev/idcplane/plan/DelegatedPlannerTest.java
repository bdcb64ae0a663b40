package dev.idcplane.plan;

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
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The planner run as Identity Center's delegated administrator: nothing in the management account,
 * nothing in sets provisioned to it; what it would have done is drift it does not fix. Each case
 * also plans the same world as the management account, to show the difference is the caller.
 */
class DelegatedPlannerTest {
  static final String MGMT = "111111111111";
  static final String AUDIT = "333333333333";
  static final String DEV = "666666666666";
  static final SourceLocation AT = new SourceLocation("assignments.yaml", 3);

  final Map<String, LivePermissionSet> sets = new HashMap<>();
  final Set<AccountAssignment> assignments = new HashSet<>();
  final Map<String, DesiredPermissionSet> wantSets = new HashMap<>();
  final Map<AssignmentKey, DesiredAssignment> wantAssignments = new HashMap<>();

  static PermissionSetDefinition def(String duration) {
    return new PermissionSetDefinition(
        "d",
        duration,
        Set.of("arn:aws:iam::aws:policy/ReadOnlyAccess"),
        Set.of(),
        Optional.empty(),
        null,
        Map.of(),
        null);
  }

  void live(
      String name, PermissionSetDefinition d, Set<String> provisioned, Set<String> outOfSync) {
    sets.put(
        name,
        new LivePermissionSet(
            new PermissionSetInfo("arn:ps/" + name, name, d.description(), d.sessionDuration()),
            Optional.of(d),
            provisioned,
            outOfSync));
  }

  void declare(String name, PermissionSetDefinition d) {
    wantSets.put(name, new DesiredPermissionSet(name, AT, Optional.of(d)));
  }

  void want(String account, String set) {
    AssignmentKey k = new AssignmentKey(account, set, PrincipalType.GROUP, "g1");
    wantAssignments.put(k, new DesiredAssignment(k, "devs", "acct-" + account, List.of(AT)));
  }

  void liveAssignment(String account, String set) {
    assignments.add(new AccountAssignment(account, "arn:ps/" + set, PrincipalType.GROUP, "g1"));
  }

  Plan plan(String caller, PlanPolicy policy) {
    OrgTree tree =
        new OrgTree.Builder(new OrgUnit("r-1", "Root"))
            .account(new Account(MGMT, "management", "m@x", AccountStatus.ACTIVE), "r-1")
            .account(new Account(AUDIT, "audit", "a@x", AccountStatus.ACTIVE), "r-1")
            .account(new Account(DEV, "app-dev", "d@x", AccountStatus.ACTIVE), "r-1")
            .build();
    LiveState state =
        new LiveState(
            new Instance("arn:ins", "d-1"),
            new Organization("o-1", MGMT),
            tree,
            sets,
            assignments,
            Map.of("g1", new Principal(PrincipalType.GROUP, "g1", "devs")),
            Instant.EPOCH,
            caller);
    return new Planner()
        .plan(
            new DesiredState(wantSets, wantAssignments, List.of(), List.of(), List.of()),
            state,
            policy,
            new PlanSource("sha", null, "arn:ins", Instant.EPOCH));
  }

  Plan plan(String caller) {
    return plan(caller, PlanPolicy.defaults());
  }

  static List<ChangeAction> actions(Plan p) {
    return p.changes().stream().map(Change::action).toList();
  }

  static DriftFinding finding(Plan p, DriftKind kind, String accountOrNull) {
    return p.drift().stream()
        .filter(d -> d.kind() == kind && java.util.Objects.equals(d.accountId(), accountOrNull))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + kind + " finding in " + p.drift()));
  }

  @Test
  void createsInTheManagementAccountAreWithheldAndReported() {
    declare("Dev", def("PT4H"));
    live("Dev", def("PT4H"), Set.of(), Set.of());
    want(MGMT, "Dev");
    want(DEV, "Dev");

    assertThat(actions(plan(MGMT)))
        .containsExactly(ChangeAction.CREATE_ASSIGNMENT, ChangeAction.CREATE_ASSIGNMENT);

    Plan p = plan(AUDIT);
    assertThat(p.changes())
        .singleElement()
        .satisfies(
            c -> assertThat(((Change.CreateAssignment) c).assignment().accountId()).isEqualTo(DEV));
    DriftFinding missing = finding(p, DriftKind.MISSING, MGMT);
    assertThat(missing.fixedByPlan()).isFalse();
    assertThat(missing.detail())
        .contains("delegated administrator (account " + AUDIT + ")")
        .contains("management account " + MGMT)
        .contains("assignments.yaml:3");
    assertThat(finding(p, DriftKind.MISSING, DEV).fixedByPlan()).isTrue();
    assertThat(p.delegation())
        .hasValueSatisfying(
            d -> {
              assertThat(d.callerAccountId()).isEqualTo(AUDIT);
              assertThat(d.withheld()).isEqualTo(1);
            });
  }

  @Test
  void deletesInTheManagementAccountAreWithheldEvenWhenThePolicyAllowsThem() {
    declare("Dev", def("PT4H"));
    live("Dev", def("PT4H"), Set.of(MGMT, DEV), Set.of());
    liveAssignment(MGMT, "Dev");
    liveAssignment(DEV, "Dev");
    PlanPolicy allow = new PlanPolicy(PlanPolicy.DEFAULT_PROTECTED, true);

    assertThat(actions(plan(MGMT, allow)))
        .containsExactly(ChangeAction.DELETE_ASSIGNMENT, ChangeAction.DELETE_ASSIGNMENT);

    Plan p = plan(AUDIT, allow);
    assertThat(p.changes())
        .singleElement()
        .satisfies(
            c -> assertThat(((Change.DeleteAssignment) c).assignment().accountId()).isEqualTo(DEV));
    DriftFinding kept = finding(p, DriftKind.UNEXPECTED, MGMT);
    assertThat(kept.fixedByPlan()).isFalse();
    assertThat(kept.detail()).contains("kept").contains("delegated administrator");
    assertThat(p.delegation().orElseThrow().withheld()).isEqualTo(1);
  }

  @Test
  void setsProvisionedToTheManagementAccountAreNeitherUpdatedNorProvisioned() {
    declare("Admin", def("PT4H"));
    live("Admin", def("PT1H"), Set.of(MGMT, DEV), Set.of(DEV));
    liveAssignment(MGMT, "Admin");
    want(MGMT, "Admin");
    declare("Dev", def("PT4H"));
    live("Dev", def("PT1H"), Set.of(DEV), Set.of());

    assertThat(actions(plan(MGMT)))
        .containsExactly(
            ChangeAction.UPDATE_PERMISSION_SET,
            ChangeAction.UPDATE_PERMISSION_SET,
            ChangeAction.PROVISION_PERMISSION_SET,
            ChangeAction.PROVISION_PERMISSION_SET);

    Plan p = plan(AUDIT);
    assertThat(p.changes()).extracting(Change::key).allSatisfy(k -> assertThat(k).contains("Dev"));
    assertThat(actions(p))
        .containsExactly(ChangeAction.UPDATE_PERMISSION_SET, ChangeAction.PROVISION_PERMISSION_SET);
    DriftFinding definition =
        p.drift().stream()
            .filter(d -> d.kind() == DriftKind.DEFINITION && d.permissionSetName().equals("Admin"))
            .findFirst()
            .orElseThrow();
    assertThat(definition.fixedByPlan()).isFalse();
    assertThat(definition.fields())
        .extracting(FieldChange::field)
        .containsExactly("session_duration");
    assertThat(definition.detail())
        .contains("not updated")
        .contains("provisioned to the management account " + MGMT);
    DriftFinding outOfSync = finding(p, DriftKind.OUT_OF_SYNC, null);
    assertThat(outOfSync.fixedByPlan()).isFalse();
    assertThat(outOfSync.detail()).contains("not provisioned").contains("delegated administrator");
    assertThat(
            p.drift().stream()
                .filter(
                    d -> d.kind() == DriftKind.DEFINITION && d.permissionSetName().equals("Dev")))
        .singleElement()
        .satisfies(d -> assertThat(d.fixedByPlan()).isTrue());
    assertThat(p.delegation().orElseThrow().readOnlyPermissionSets()).containsExactly("Admin");
    assertThat(p.delegation().orElseThrow().withheld()).isEqualTo(2);
  }

  @Test
  void theHeaderAndSummarySayThePlanRanAsDelegatedAdministrator() {
    declare("Admin", def("PT4H"));
    live("Admin", def("PT4H"), Set.of(MGMT), Set.of());
    liveAssignment(MGMT, "Admin");
    want(MGMT, "Admin");
    want(DEV, "Admin");

    Plan asManagement = plan(MGMT);
    assertThat(asManagement.delegation()).isEmpty();
    assertThat(asManagement.summary().delegatedAdministrator()).isFalse();
    assertThat(PlanTextRenderer.render(asManagement)).doesNotContain("delegated administrator");

    Plan p = plan(AUDIT);
    String header = PlanTextRenderer.render(p).split("\n\n")[0];
    assertThat(header)
        .contains("running as delegated administrator (account " + AUDIT + ")")
        .contains("management account " + MGMT)
        .contains("[Admin]")
        .contains("0 findings below are left for the management account");
    assertThat(p.summary().delegatedAdministrator()).isTrue();
    assertThat(p.summary().withheldByDelegation()).isZero();
  }

  @Test
  void aWithheldCreateIsCountedInTheSummary() {
    declare("Dev", def("PT4H"));
    live("Dev", def("PT4H"), Set.of(), Set.of());
    want(MGMT, "Dev");
    Plan p = plan(AUDIT);
    assertThat(p.changes()).isEmpty();
    assertThat(p.summary().withheldByDelegation()).isEqualTo(1);
    assertThat(PlanTextRenderer.render(p))
        .contains("1 findings below are left for the management account to fix")
        .contains("No changes.");
  }
}
