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
import dev.idcplane.matrix.Violation;
import dev.idcplane.plan.TerraformOwnership.AssignmentRef;
import dev.idcplane.plan.TerraformOwnership.OwnedPermissionSet;
import dev.idcplane.plan.TerraformOwnership.Owner;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Coexisting with Terraform (issue 14): what a Terraform state holds is kept out of every change,
 * even where the matrix disagrees, and each disagreement is reported apart.
 */
class TerraformPlannerTest {
  static final String INS = "arn:ins";
  static final String MGMT = "111111111111";
  static final String DEV = "222222222222";
  static final String PROD = "333333333333";
  static final SourceLocation AT = new SourceLocation("assignments.yaml", 3);
  static final PermissionSetDefinition V1 = def("PT1H");
  static final PermissionSetDefinition V2 = def("PT4H");
  static final String STATE = "s3://tf/sso.tfstate";

  final Map<String, LivePermissionSet> sets = new HashMap<>();
  final Set<AccountAssignment> assignments = new HashSet<>();
  final Map<String, DesiredPermissionSet> wantSets = new HashMap<>();
  final Map<AssignmentKey, DesiredAssignment> wantAssignments = new HashMap<>();
  final Map<String, OwnedPermissionSet> ownedSets = new LinkedHashMap<>();
  final Map<AssignmentRef, Owner> ownedAssignments = new LinkedHashMap<>();

  static PermissionSetDefinition def(String duration) {
    return new PermissionSetDefinition(
        "d", duration, Set.of(), Set.of(), Optional.empty(), null, Map.of(), null);
  }

  void live(String name, PermissionSetDefinition d, Set<String> stale) {
    sets.put(
        name,
        new LivePermissionSet(
            new PermissionSetInfo("arn:ps/" + name, name, "d", d.sessionDuration()),
            Optional.of(d),
            Set.of(DEV, PROD),
            stale));
  }

  void liveAssignment(String account, String set, String group) {
    assignments.add(new AccountAssignment(account, "arn:ps/" + set, PrincipalType.GROUP, group));
  }

  void want(String account, String set, String group) {
    AssignmentKey k = new AssignmentKey(account, set, PrincipalType.GROUP, group);
    wantAssignments.put(k, new DesiredAssignment(k, group, "acct-" + account, List.of(AT)));
  }

  void terraformOwnsSet(String name, String address) {
    ownedSets.put(
        "arn:ps/" + name,
        new OwnedPermissionSet("arn:ps/" + name, INS, name, List.of(new Owner(address, STATE))));
  }

  void terraformOwnsAssignment(String account, String set, String group, String address) {
    ownedAssignments.put(
        new AssignmentRef(INS, "arn:ps/" + set, account, PrincipalType.GROUP, group),
        new Owner(address, STATE));
  }

  LiveState state() {
    OrgTree.Builder tree = new OrgTree.Builder(new OrgUnit("r-1", "Root"));
    for (String id : List.of(MGMT, DEV, PROD)) {
      tree.account(new Account(id, "acct-" + id, id + "@x", AccountStatus.ACTIVE), "r-1");
    }
    Map<String, Principal> principals = new HashMap<>();
    for (String g : List.of("g1", "g2", "g3")) {
      principals.put(g, new Principal(PrincipalType.GROUP, g, "group-" + g));
    }
    return new LiveState(
        new Instance(INS, "d-1"),
        new Organization("o-1", MGMT),
        tree.build(),
        sets,
        assignments,
        principals,
        Instant.EPOCH,
        MGMT);
  }

  DesiredState desired() {
    return new DesiredState(wantSets, wantAssignments, List.of(), List.of());
  }

  TerraformOwnership ownership() {
    return new TerraformOwnership(List.of(STATE), ownedSets, ownedAssignments);
  }

  Plan plan(TerraformOwnership terraform) {
    return new Planner()
        .plan(
            desired(),
            state(),
            PlanPolicy.defaults(),
            new PlanSource("sha", null, INS, Instant.EPOCH),
            terraform);
  }

  /**
   * Billing: Terraform owns the set, its definition differs from the matrix (V2 declared, V1 live)
   * and one account holds an outdated copy. Terraform owns two assignments: Dev/g1 in DEV, which
   * the matrix does not want, and Billing/g2 in PROD, which the state holds and the instance does
   * not, while the matrix wants it. Without the state the plan changes all of them.
   */
  void theMatrixDisagreesWithTerraformEverywhere() {
    live("Billing", V1, Set.of(PROD));
    wantSets.put("Billing", new DesiredPermissionSet("Billing", AT, Optional.of(V2)));
    live("Dev", V1, Set.of());
    wantSets.put("Dev", new DesiredPermissionSet("Dev", AT, Optional.of(V1)));
    liveAssignment(DEV, "Dev", "g1"); // not wanted
    liveAssignment(DEV, "Dev", "g3"); // not wanted, not Terraform's: deleted
    want(PROD, "Billing", "g2"); // wanted, not live
    terraformOwnsSet("Billing", "module.sso.aws_ssoadmin_permission_set.this[\"Billing\"]");
    terraformOwnsAssignment(DEV, "Dev", "g1", "aws_ssoadmin_account_assignment.dev_g1");
    terraformOwnsAssignment(PROD, "Billing", "g2", "aws_ssoadmin_account_assignment.prod_g2");
  }

  static List<String> changes(Plan p) {
    return p.changes().stream().map(c -> c.action() + " " + c.key()).toList();
  }

  @Test
  void withoutTheStateThePlanChangesWhatTerraformOwns() {
    theMatrixDisagreesWithTerraformEverywhere();

    Plan p = plan(TerraformOwnership.none());

    assertThat(changes(p))
        .anySatisfy(c -> assertThat(c).startsWith("UPDATE_PERMISSION_SET permission-set/Billing"))
        .anySatisfy(c -> assertThat(c).startsWith("PROVISION_PERMISSION_SET"))
        .anySatisfy(c -> assertThat(c).contains("CREATE_ASSIGNMENT").contains(PROD))
        .anySatisfy(c -> assertThat(c).contains("DELETE_ASSIGNMENT").contains("g1"));
  }

  @Test
  void aStateNamingTwoAssignmentsAndOnePermissionSetKeepsThemOutOfEveryChange() {
    theMatrixDisagreesWithTerraformEverywhere();

    Plan p = plan(ownership());

    // the one change left is the assignment Terraform does not own
    assertThat(changes(p)).hasSize(1);
    assertThat(p.changes().get(0)).isInstanceOf(Change.DeleteAssignment.class);
    assertThat(((Change.DeleteAssignment) p.changes().get(0)).assignment().principalId())
        .isEqualTo("g3");

    DriftFinding managed = only(p, DriftKind.TERRAFORM_MANAGED);
    assertThat(managed.principalId()).isEqualTo("g1");
    assertThat(managed.fixedByPlan()).isFalse();
    assertThat(managed.detail())
        .contains("aws_ssoadmin_account_assignment.dev_g1")
        .contains(STATE)
        .contains("kept");
    DriftFinding missing = only(p, DriftKind.TERRAFORM_DRIFT);
    assertThat(missing.accountId()).isEqualTo(PROD);
    assertThat(missing.fixedByPlan()).isFalse();
    assertThat(missing.detail()).contains("aws_ssoadmin_account_assignment.prod_g2");
    // Billing's outdated copy is reported, not provisioned; its definition is not compared
    assertThat(p.drift())
        .filteredOn(d -> d.kind() == DriftKind.OUT_OF_SYNC)
        .singleElement()
        .satisfies(d -> assertThat(d.fixedByPlan()).isFalse());
    assertThat(p.drift()).noneMatch(d -> d.kind() == DriftKind.DEFINITION);
    assertThat(p.drift()).noneMatch(d -> d.kind() == DriftKind.MISSING);
    // Terraform's assignments do not count as the matrix's (the deletion guard's base)
    assertThat(p.managedAssignments()).isEqualTo(1);
    assertThat(p.summary().driftByKind())
        .containsEntry(DriftKind.TERRAFORM_MANAGED, 1)
        .containsEntry(DriftKind.TERRAFORM_DRIFT, 1);
  }

  @Test
  void declaringTheDefinitionOfATerraformSetIsAMatrixErrorNamingTheAddress() {
    theMatrixDisagreesWithTerraformEverywhere();

    List<Violation> errors = ownership().conflicts(desired(), state());

    assertThat(errors)
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.kind()).isEqualTo("terraform_managed");
              assertThat(v.field()).isEqualTo("permission_sets.Billing");
              assertThat(v.location()).isEqualTo(AT);
              assertThat(v.message())
                  .contains("module.sso.aws_ssoadmin_permission_set.this[\"Billing\"]")
                  .contains(STATE);
              assertThat(v.fix()).contains("external: true");
            });

    // declared external, the set is the matrix's only for the assignments Terraform does not own
    wantSets.put("Billing", new DesiredPermissionSet("Billing", AT, Optional.empty()));
    assertThat(ownership().conflicts(desired(), state())).isEmpty();
  }

  @Test
  void anOwnedSetIsRecognisedByNameWhenItIsNotLive() {
    wantSets.put("Audit", new DesiredPermissionSet("Audit", AT, Optional.of(V1)));
    live("Dev", V1, Set.of());
    ownedSets.put(
        "arn:ps/Audit-old",
        new OwnedPermissionSet(
            "arn:ps/Audit-old",
            INS,
            "Audit",
            List.of(new Owner("aws_ssoadmin_permission_set.a", STATE))));

    assertThat(ownership().conflicts(desired(), state())).hasSize(1);
    assertThat(plan(ownership()).changes()).isEmpty();
    assertThat(plan(TerraformOwnership.none()).changes())
        .singleElement()
        .isInstanceOf(Change.CreatePermissionSet.class);
  }

  @Test
  void ownedAssignmentsOfAnotherInstanceAreIgnored() {
    live("Dev", V1, Set.of());
    wantSets.put("Dev", new DesiredPermissionSet("Dev", AT, Optional.of(V1)));
    liveAssignment(DEV, "Dev", "g1");
    ownedAssignments.put(
        new AssignmentRef("arn:other", "arn:ps/Dev", DEV, PrincipalType.GROUP, "g1"),
        new Owner("aws_ssoadmin_account_assignment.x", STATE));

    Plan p = plan(ownership());

    assertThat(changes(p)).singleElement().asString().contains("DELETE_ASSIGNMENT");
    assertThat(p.drift()).noneMatch(d -> d.kind() == DriftKind.TERRAFORM_DRIFT);
  }

  @Test
  void anOwnedAssignmentOfAnUndeclaredSetIsTerraformsNotUnmanaged() {
    live("Ops", V1, Set.of());
    liveAssignment(DEV, "Ops", "g1");
    terraformOwnsAssignment(DEV, "Ops", "g1", "aws_ssoadmin_account_assignment.ops");

    Plan p = plan(ownership());

    assertThat(p.changes()).isEmpty();
    assertThat(p.drift())
        .extracting(DriftFinding::kind)
        .containsExactly(DriftKind.TERRAFORM_MANAGED);
  }

  static DriftFinding only(Plan p, DriftKind kind) {
    List<DriftFinding> found = p.drift().stream().filter(d -> d.kind() == kind).toList();
    assertThat(found).as("%s findings in %s", kind, p.drift()).hasSize(1);
    return found.get(0);
  }
}
