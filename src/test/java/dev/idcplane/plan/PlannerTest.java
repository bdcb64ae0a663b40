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
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class PlannerTest {
  static final String MGMT = "111111111111";
  static final String DEV = "666666666666";
  static final String PROD = "444444444444";
  static final SourceLocation AT = new SourceLocation("assignments.yaml", 7);
  static final String POLICY_A =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Action\":[\"s3:*\",\"logs:*\"],\"Resource\":\"*\"}]}";
  static final String POLICY_A_REFORMATTED =
      "{\n  \"Statement\": {\"Resource\": [\"*\"], \"Action\": [\"logs:*\", \"s3:*\"], \"Effect\": \"Allow\"},\n  \"Version\": \"2012-10-17\"\n}";

  final Planner planner = new Planner();
  final Map<String, LivePermissionSet> sets = new HashMap<>();
  final Set<AccountAssignment> assignments = new HashSet<>();
  final Map<String, DesiredPermissionSet> wantSets = new HashMap<>();
  final Map<AssignmentKey, DesiredAssignment> wantAssignments = new HashMap<>();
  final List<UserException> expired = new ArrayList<>();
  final List<UserException> expiring = new ArrayList<>();

  static PermissionSetDefinition def(String duration, String inline) {
    return new PermissionSetDefinition(
        "d",
        duration,
        Set.of("arn:aws:iam::aws:policy/ReadOnlyAccess"),
        Set.of(),
        Optional.empty(),
        inline,
        Map.of("ManagedBy", "idc-control-plane"),
        null);
  }

  static PermissionSetDefinition relay(PermissionSetDefinition d, String relayState) {
    return new PermissionSetDefinition(
        d.description(),
        d.sessionDuration(),
        d.managedPolicies(),
        d.customerManagedPolicies(),
        d.permissionsBoundary(),
        d.inlinePolicy(),
        d.tags(),
        relayState);
  }

  void live(
      String name, PermissionSetDefinition d, Set<String> provisioned, Set<String> outOfSync) {
    sets.put(
        name,
        new LivePermissionSet(
            new PermissionSetInfo(
                "arn:ps/" + name,
                name,
                d == null ? null : d.description(),
                d == null ? "PT1H" : d.sessionDuration()),
            Optional.ofNullable(d),
            provisioned,
            outOfSync));
  }

  void liveAssignment(String account, String set, String group) {
    assignments.add(new AccountAssignment(account, "arn:ps/" + set, PrincipalType.GROUP, group));
  }

  void want(String account, String set, String group) {
    AssignmentKey k = new AssignmentKey(account, set, PrincipalType.GROUP, group);
    wantAssignments.put(
        k, new DesiredAssignment(k, group + "-name", "acct-" + account, List.of(AT)));
  }

  void declare(String name, PermissionSetDefinition d) {
    wantSets.put(name, new DesiredPermissionSet(name, AT, Optional.ofNullable(d)));
  }

  Plan plan(PlanPolicy policy) {
    OrgTree tree =
        new OrgTree.Builder(new OrgUnit("r-1", "Root"))
            .account(new Account(MGMT, "management", "m@x", AccountStatus.ACTIVE), "r-1")
            .account(new Account(DEV, "app-dev", "d@x", AccountStatus.ACTIVE), "r-1")
            .account(new Account(PROD, "app-prod", "p@x", AccountStatus.ACTIVE), "r-1")
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
            MGMT);
    DesiredState desired =
        new DesiredState(wantSets, wantAssignments, expired, expiring, List.of());
    return planner.plan(
        desired, state, policy, new PlanSource("sha", null, "arn:ins", Instant.EPOCH));
  }

  Plan plan() {
    return plan(PlanPolicy.defaults());
  }

  static List<ChangeAction> actions(Plan p) {
    return p.changes().stream().map(Change::action).toList();
  }

  static List<DriftKind> driftKinds(Plan p) {
    return p.drift().stream().map(DriftFinding::kind).toList();
  }

  @Test
  void matchingStateGivesEmptyPlan() {
    declare("Dev", def("PT4H", POLICY_A));
    live("Dev", def("PT4H", POLICY_A_REFORMATTED), Set.of(DEV), Set.of());
    want(DEV, "Dev", "g1");
    liveAssignment(DEV, "Dev", "g1");
    Plan p = plan();
    assertThat(p.changes()).isEmpty();
    assertThat(p.drift()).isEmpty();
  }

  @Test
  void missingAssignmentIsCreatedNamingTheRule() {
    declare("Dev", def("PT4H", null));
    live("Dev", def("PT4H", null), Set.of(), Set.of());
    want(DEV, "Dev", "g1");
    Plan p = plan();
    assertThat(actions(p)).containsExactly(ChangeAction.CREATE_ASSIGNMENT);
    Change.CreateAssignment c = (Change.CreateAssignment) p.changes().get(0);
    assertThat(c.permissionSetArn()).isEqualTo("arn:ps/Dev");
    assertThat(c.wantedBy()).containsExactly(AT);
    assertThat(c.reason()).contains("assignments.yaml:7");
    assertThat(driftKinds(p)).containsExactly(DriftKind.MISSING);
  }

  @Test
  void unexpectedAssignmentOfManagedSetIsDeleted() {
    declare("Dev", def("PT4H", null));
    live("Dev", def("PT4H", null), Set.of(PROD), Set.of());
    liveAssignment(PROD, "Dev", "g1");
    Plan p = plan();
    assertThat(actions(p)).containsExactly(ChangeAction.DELETE_ASSIGNMENT);
    Change.DeleteAssignment d = (Change.DeleteAssignment) p.changes().get(0);
    assertThat(d.principalName()).isEqualTo("devs");
    assertThat(d.accountName()).isEqualTo("app-prod");
    assertThat(driftKinds(p)).containsExactly(DriftKind.UNEXPECTED);
    assertThat(p.drift().get(0).fixedByPlan()).isTrue();
  }

  @Test
  void externalSetAssignmentsAreManagedButDefinitionIsNot() {
    declare("Ext", null);
    live("Ext", null, Set.of(PROD), Set.of(PROD));
    liveAssignment(PROD, "Ext", "g1");
    want(DEV, "Ext", "g1");
    Plan p = plan();
    assertThat(actions(p))
        .containsExactly(ChangeAction.CREATE_ASSIGNMENT, ChangeAction.DELETE_ASSIGNMENT);
    assertThat(driftKinds(p)).contains(DriftKind.OUT_OF_SYNC);
  }

  @Test
  void undeclaredSetIsUnmanagedDriftNeverDeleted() {
    live("Legacy", null, Set.of(DEV), Set.of());
    liveAssignment(DEV, "Legacy", "g1");
    Plan p = plan();
    assertThat(p.changes()).isEmpty();
    assertThat(driftKinds(p)).containsExactly(DriftKind.UNMANAGED);
  }

  @Test
  void protectedSetIsNeverChangedEvenWhenDeclaredExternal() {
    live("AWSAdministratorAccess", null, Set.of(DEV), Set.of(DEV));
    liveAssignment(DEV, "AWSAdministratorAccess", "g1");
    declare("AWSReadOnlyAccess", null);
    live("AWSReadOnlyAccess", null, Set.of(PROD), Set.of());
    liveAssignment(PROD, "AWSReadOnlyAccess", "g1");
    Plan p = plan();
    assertThat(p.changes()).isEmpty();
    assertThat(driftKinds(p))
        .containsExactlyInAnyOrder(DriftKind.PROTECTED, DriftKind.PROTECTED, DriftKind.OUT_OF_SYNC);
  }

  @Test
  void managementAccountAssignmentsAreKeptUnlessAllowed() {
    declare("Admin", def("PT1H", null));
    live("Admin", def("PT1H", null), Set.of(MGMT), Set.of());
    liveAssignment(MGMT, "Admin", "g1");
    Plan kept = plan();
    assertThat(kept.changes()).isEmpty();
    assertThat(kept.drift())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.detail()).contains("management account");
              assertThat(d.fixedByPlan()).isFalse();
            });
    Plan allowed = plan(new PlanPolicy(List.of("AWS*"), true));
    assertThat(actions(allowed)).containsExactly(ChangeAction.DELETE_ASSIGNMENT);
  }

  @Test
  void definitionDriftUpdatesAndProvisionsWhenProvisioned() {
    declare("Dev", def("PT4H", POLICY_A));
    live(
        "Dev", def("PT8H", POLICY_A_REFORMATTED.replace("logs:*", "ec2:*")), Set.of(DEV), Set.of());
    want(DEV, "Dev", "g1");
    liveAssignment(DEV, "Dev", "g1");
    Plan p = plan();
    assertThat(actions(p))
        .containsExactly(ChangeAction.UPDATE_PERMISSION_SET, ChangeAction.PROVISION_PERMISSION_SET);
    Change.UpdatePermissionSet u = (Change.UpdatePermissionSet) p.changes().get(0);
    assertThat(u.fields())
        .extracting(FieldChange::field)
        .containsExactly("session_duration", "inline_policy");
    assertThat(u.fields().get(0).before()).isEqualTo("PT8H");
    assertThat(u.fields().get(0).after()).isEqualTo("PT4H");
    assertThat(driftKinds(p)).containsExactly(DriftKind.DEFINITION);
    assertThat(p.drift().get(0).fields()).isEqualTo(u.fields());
  }

  @Test
  void onlyDefinitionFindingsCarryFields() {
    declare("Dev", def("PT4H", null));
    live("Dev", def("PT4H", null), Set.of(DEV), Set.of(DEV));
    liveAssignment(PROD, "Dev", "g1");
    Plan p = plan();
    assertThat(driftKinds(p)).containsExactly(DriftKind.UNEXPECTED, DriftKind.OUT_OF_SYNC);
    assertThat(p.drift()).allSatisfy(d -> assertThat(d.fields()).isEmpty());
  }

  @Test
  void expiringUserRuleIsReportedWhileItsAssignmentStays() {
    declare("BreakGlass", def("PT1H", null));
    live("BreakGlass", def("PT1H", null), Set.of(PROD), Set.of());
    AssignmentKey k = new AssignmentKey(PROD, "BreakGlass", PrincipalType.USER, "u1");
    assignments.add(new AccountAssignment(PROD, "arn:ps/BreakGlass", PrincipalType.USER, "u1"));
    wantAssignments.put(k, new DesiredAssignment(k, "alice", "app-prod", List.of(AT)));
    expiring.add(
        new UserException(AT, "alice", "BreakGlass", "secops@x", LocalDate.of(2026, 12, 1)));
    Plan p = plan();
    assertThat(p.changes()).isEmpty();
    assertThat(p.drift())
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.kind()).isEqualTo(DriftKind.EXPIRING_USER_RULE);
              assertThat(d.key()).isEqualTo("expiring_user_rule/alice/BreakGlass/2026-12-01");
              assertThat(d.principalName()).isEqualTo("alice");
              assertThat(d.detail()).contains("valid through 2026-12-01").contains("secops@x");
              assertThat(d.fixedByPlan()).isFalse();
            });
  }

  @Test
  void durationsCompareByLength() {
    declare("Dev", def("PT60M", null));
    live("Dev", def("PT1H", null), Set.of(), Set.of());
    assertThat(plan().changes()).isEmpty();
  }

  @Test
  void updateOfUnprovisionedSetNeedsNoProvisioning() {
    declare("Dev", def("PT4H", null));
    live("Dev", def("PT2H", null), Set.of(), Set.of());
    assertThat(actions(plan())).containsExactly(ChangeAction.UPDATE_PERMISSION_SET);
  }

  @Test
  void outOfSyncManagedSetIsProvisioned() {
    declare("Dev", def("PT4H", null));
    live("Dev", def("PT4H", null), Set.of(DEV, PROD), Set.of(PROD));
    Plan p = plan();
    assertThat(actions(p)).containsExactly(ChangeAction.PROVISION_PERMISSION_SET);
    assertThat(((Change.ProvisionPermissionSet) p.changes().get(0)).outOfSyncAccounts())
        .containsExactly(PROD);
    assertThat(driftKinds(p)).containsExactly(DriftKind.OUT_OF_SYNC);
  }

  @Test
  void newSetIsCreatedBeforeItsAssignments() {
    declare("New", def("PT1H", null));
    want(DEV, "New", "g1");
    Plan p = plan();
    assertThat(actions(p))
        .containsExactly(ChangeAction.CREATE_PERMISSION_SET, ChangeAction.CREATE_ASSIGNMENT);
    assertThat(((Change.CreateAssignment) p.changes().get(1)).permissionSetArn()).isNull();
  }

  @Test
  void createsComeBeforeDeletes() {
    declare("Dev", def("PT4H", null));
    live("Dev", def("PT4H", null), Set.of(PROD), Set.of());
    liveAssignment(PROD, "Dev", "g1");
    want(DEV, "Dev", "g1");
    assertThat(actions(plan()))
        .containsExactly(ChangeAction.CREATE_ASSIGNMENT, ChangeAction.DELETE_ASSIGNMENT);
  }

  @Test
  void expiredUserRuleIsReportedAndItsLiveAssignmentDeletedWithTheReason() {
    declare("BreakGlass", def("PT1H", null));
    live("BreakGlass", def("PT1H", null), Set.of(PROD), Set.of());
    assignments.add(new AccountAssignment(PROD, "arn:ps/BreakGlass", PrincipalType.USER, "u1"));
    expired.add(new UserException(AT, "u1", "BreakGlass", "secops@x", LocalDate.of(2020, 1, 1)));
    Plan p = plan();
    assertThat(actions(p)).containsExactly(ChangeAction.DELETE_ASSIGNMENT);
    assertThat(p.changes().get(0).reason()).contains("expired on 2020-01-01");
    assertThat(driftKinds(p)).contains(DriftKind.EXPIRED_USER_RULE, DriftKind.UNEXPECTED);
  }

  @Test
  void fingerprintDependsOnChangesNotOnTime() {
    declare("Dev", def("PT4H", null));
    live("Dev", def("PT4H", null), Set.of(), Set.of());
    want(DEV, "Dev", "g1");
    String a = plan().fingerprint();
    assertThat(plan().fingerprint()).isEqualTo(a);
    want(PROD, "Dev", "g1");
    assertThat(plan().fingerprint()).isNotEqualTo(a);
  }

  @Test
  void textRenderingExplainsEveryChange() {
    declare("Dev", def("PT4H", null));
    live("Dev", def("PT8H", null), Set.of(PROD), Set.of());
    liveAssignment(PROD, "Dev", "g1");
    want(DEV, "Dev", "g1");
    String text = PlanTextRenderer.render(plan());
    assertThat(text)
        .contains("~ permission set Dev")
        .contains("session_duration: PT8H")
        .contains("+ assignment Dev → group g1-name in acct-666666666666")
        .contains("- assignment Dev → group devs in app-prod (444444444444)")
        .contains("1 to update, 1 to provision; 1 assignments to create, 1 to delete.")
        .contains("Drift: 3 findings, 3 fixed by the changes above, 0 left alone");
  }

  @Test
  void descriptionOrTagsAloneNeedNoProvisioning() {
    declare("Dev", def("PT4H", null));
    PermissionSetDefinition relabelled =
        new PermissionSetDefinition(
            "old words",
            "PT4H",
            Set.of("arn:aws:iam::aws:policy/ReadOnlyAccess"),
            Set.of(),
            Optional.empty(),
            null,
            Map.of("ManagedBy", "someone-else"),
            null);
    live("Dev", relabelled, Set.of(DEV, PROD), Set.of());
    Plan p = plan();
    assertThat(actions(p)).containsExactly(ChangeAction.UPDATE_PERMISSION_SET);
    assertThat(((Change.UpdatePermissionSet) p.changes().get(0)).fields())
        .extracting(FieldChange::field)
        .containsExactly("description", "tags");

    // A provisioned field among them still provisions; relay_state is one, once it is diffed.
    declare("Dev", def("PT8H", null));
    assertThat(actions(plan()))
        .containsExactly(ChangeAction.UPDATE_PERMISSION_SET, ChangeAction.PROVISION_PERMISSION_SET);
    assertThat(DefinitionDiffer.provisioned("relay_state")).isTrue();
    assertThat(DefinitionDiffer.provisioned("description")).isFalse();
  }

  @Test
  void aChangedRelayStateIsUpdatedAndRendered() {
    declare("Dev", relay(def("PT4H", null), "https://console.aws.amazon.com/s3/home"));
    live(
        "Dev",
        relay(def("PT4H", null), "https://console.aws.amazon.com/ec2/home"),
        Set.of(),
        Set.of());
    Plan p = plan();
    assertThat(actions(p)).containsExactly(ChangeAction.UPDATE_PERMISSION_SET);
    Change.UpdatePermissionSet u = (Change.UpdatePermissionSet) p.changes().get(0);
    assertThat(u.fields())
        .containsExactly(
            new FieldChange(
                "relay_state",
                "https://console.aws.amazon.com/ec2/home",
                "https://console.aws.amazon.com/s3/home"));
    assertThat(PlanTextRenderer.render(p))
        .contains("~ relay_state: https://console.aws.amazon.com/ec2/home")
        .contains("-> https://console.aws.amazon.com/s3/home");
  }

  /** The matrix is the whole truth for a managed set: a relay state it leaves out is removed. */
  @Test
  void aRelayStateTheMatrixLeavesOutIsPlannedAway() {
    declare("Dev", def("PT4H", null));
    live(
        "Dev",
        relay(def("PT4H", null), "https://console.aws.amazon.com/ec2/home"),
        Set.of(),
        Set.of());
    Change.UpdatePermissionSet u = (Change.UpdatePermissionSet) plan().changes().get(0);
    assertThat(u.fields())
        .containsExactly(
            new FieldChange("relay_state", "https://console.aws.amazon.com/ec2/home", null));
  }

  @Test
  void anEqualRelayStateIsNoChangeAndANewSetIsCreatedWithIt() {
    declare("Dev", relay(def("PT4H", null), "https://console.aws.amazon.com/ec2/home"));
    live(
        "Dev",
        relay(def("PT4H", null), "https://console.aws.amazon.com/ec2/home"),
        Set.of(),
        Set.of());
    declare("Ops", relay(def("PT2H", null), "https://console.aws.amazon.com/cloudwatch/home"));
    Plan p = plan();
    assertThat(actions(p)).containsExactly(ChangeAction.CREATE_PERMISSION_SET);
    assertThat(((Change.CreatePermissionSet) p.changes().get(0)).definition().relayState())
        .isEqualTo("https://console.aws.amazon.com/cloudwatch/home");
    assertThat(PlanTextRenderer.render(p))
        .contains("relay_state: https://console.aws.amazon.com/cloudwatch/home");
  }

  /** A plan stored before relay states were modelled keeps its fingerprint, so it still applies. */
  @Test
  void definitionsWithoutARelayStateFingerprintAsBeforeRelayStatesExisted() {
    declare("Ops", def("PT2H", null));
    Plan without = plan();
    assertThat(without.changes().get(0).content())
        .isEqualTo(
            "permission-set/Ops|PermissionSetDefinition[description=d, sessionDuration=PT2H, "
                + "managedPolicies=[arn:aws:iam::aws:policy/ReadOnlyAccess], customerManagedPolicies=[], "
                + "permissionsBoundary=Optional.empty, inlinePolicy=null, "
                + "tags={ManagedBy=idc-control-plane}]");
    declare("Ops", relay(def("PT2H", null), "https://console.aws.amazon.com/"));
    Plan with = plan();
    assertThat(with.changes().get(0).content())
        .endsWith(", relayState=https://console.aws.amazon.com/]");
    assertThat(with.fingerprint()).isNotEqualTo(without.fingerprint());
  }
}
