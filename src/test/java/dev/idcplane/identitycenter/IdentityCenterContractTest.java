package dev.idcplane.identitycenter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idcplane.identitycenter.ContractFixture.AccountSpec;
import dev.idcplane.identitycenter.ContractFixture.AssignmentSpec;
import dev.idcplane.identitycenter.ContractFixture.PermissionSetSpec;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One contract for every {@link IdentityCenter}: each subclass seeds {@link ContractFixture} into
 * its backend once and the same assertions run against it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class IdentityCenterContractTest {
  protected IdentityCenter ic;
  protected SeededWorld world;

  /** Seeds the fixture into a fresh backend and returns the port over it plus the ids it got. */
  protected abstract Seeded seed();

  /** A backend and the ids of what was seeded into it. */
  public record Seeded(IdentityCenter identityCenter, SeededWorld world) {}

  @BeforeAll
  void seedBackend() {
    Seeded s = seed();
    ic = s.identityCenter();
    world = s.world();
  }

  private String instanceArn() {
    return world.instance().instanceArn();
  }

  private String store() {
    return world.instance().identityStoreId();
  }

  @Test
  void listsTheOneInstance() {
    assertThat(ic.listInstances()).containsExactly(world.instance());
  }

  @Test
  void theInstanceIsActiveAndOwnedByTheManagementAccount() {
    Instance only = ic.listInstances().get(0);
    assertThat(only.active()).isTrue();
    assertThat(only.status()).isEqualTo("ACTIVE");
    assertThat(only.ownerAccountId()).isEqualTo(world.managementAccountId());
  }

  @Test
  void theCallerIsTheManagementAccount() {
    assertThat(ic.callerAccountId()).isEqualTo(world.managementAccountId());
    assertThat(ic.callerAccountId()).isEqualTo(ic.describeOrganization().managementAccountId());
  }

  @Test
  void describesTheOrganizationAndItsManagementAccount() {
    Organization org = ic.describeOrganization();
    assertThat(org.id()).isEqualTo(world.organizationId());
    assertThat(org.managementAccountId()).isEqualTo(world.managementAccountId());
  }

  @Test
  void walksTheNestedTree() {
    List<OrgUnit> roots = ic.listRoots();
    assertThat(roots).hasSize(1);
    assertThat(roots.get(0).isRoot()).isTrue();
    OrgTree tree = OrgTree.read(ic);
    assertThat(tree.root()).isEqualTo(roots.get(0));
    for (String path : ContractFixture.UNITS) {
      assertThat(tree.unitAtPath(path))
          .as(path)
          .map(OrgUnit::id)
          .contains(world.unitIds().get(path));
    }
    for (AccountSpec a : ContractFixture.ACCOUNTS) {
      assertThat(tree.accountPath(world.account(a.name()))).as(a.name()).isEqualTo(a.unitPath());
    }
    assertThat(tree.parentOfAccount(world.managementAccountId())).contains(tree.root().id());
    String workloads = world.unitIds().get("Workloads");
    assertThat(tree.accountsUnder(workloads))
        .extracting(Account::name)
        .containsExactlyInAnyOrder("app-prod", "app-dev", "old-dev");
    assertThat(ic.listOrganizationalUnitsForParent(workloads))
        .extracting(OrgUnit::name)
        .containsExactlyInAnyOrder("Prod", "NonProd");
    assertThat(tree.accounts()).hasSize(ContractFixture.ACCOUNTS.size() + 1);
  }

  @Test
  void readsEveryPageOfAccountsAndTheirStatus() {
    List<Account> sandbox = ic.listAccountsForParent(world.unitIds().get("Sandbox"));
    assertThat(sandbox).hasSize(ContractFixture.SANDBOX_ACCOUNTS);
    assertThat(sandbox).extracting(Account::id).doesNotHaveDuplicates();
    List<Account> nonProd = ic.listAccountsForParent(world.unitIds().get("Workloads/NonProd"));
    assertThat(nonProd)
        .extracting(Account::name, Account::status, Account::email)
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple(
                "app-dev", AccountStatus.ACTIVE, "aws+app-dev@example.com"),
            org.assertj.core.groups.Tuple.tuple(
                "old-dev", AccountStatus.CLOSED, "aws+old-dev@example.com"));
  }

  @Test
  void unknownParentIsNotFound() {
    String missing = "ou-" + world.unitIds().get("Security").split("-")[1] + "-zzzzzzzz";
    assertThatThrownBy(() -> ic.listAccountsForParent(missing))
        .isInstanceOfSatisfying(
            IdentityCenterException.class,
            e -> assertThat(e.kind()).isEqualTo(IdentityCenterException.Kind.NOT_FOUND));
  }

  @Test
  void findsGroupsAndUsersByName() {
    for (String g : ContractFixture.GROUPS) {
      assertThat(ic.findGroupId(store(), g)).as(g).contains(world.group(g));
    }
    for (String u : ContractFixture.USERS) {
      assertThat(ic.findUserId(store(), u)).as(u).contains(world.user(u));
    }
    assertThat(ic.findGroupId(store(), "no-such-group")).isEmpty();
    assertThat(ic.findUserId(store(), "nobody@example.com")).isEmpty();
  }

  @Test
  void describesPrincipals() {
    assertThat(ic.describePrincipal(store(), PrincipalType.GROUP, world.group("auditors")))
        .contains(new Principal(PrincipalType.GROUP, world.group("auditors"), "auditors"));
    assertThat(ic.describePrincipal(store(), PrincipalType.USER, world.user("bob@example.com")))
        .contains(
            new Principal(PrincipalType.USER, world.user("bob@example.com"), "bob@example.com"));
    assertThat(
            ic.describePrincipal(
                store(), PrincipalType.GROUP, "00000000-0000-0000-0000-000000000000"))
        .isEmpty();
  }

  @Test
  void roundTripsEveryPermissionSetDefinitionField() {
    assertThat(ic.listPermissionSets(instanceArn()))
        .containsExactlyInAnyOrderElementsOf(world.permissionSetArns().values());
    for (PermissionSetSpec spec : ContractFixture.PERMISSION_SETS) {
      String arn = world.permissionSet(spec.name());
      PermissionSetInfo info = ic.describePermissionSet(instanceArn(), arn);
      assertThat(info)
          .isEqualTo(
              new PermissionSetInfo(
                  arn,
                  spec.name(),
                  spec.definition().description(),
                  spec.definition().sessionDuration(),
                  spec.definition().relayState()));
      PermissionSetDefinition live =
          new PermissionSetDefinition(
              info.description(),
              info.sessionDuration(),
              Set.copyOf(ic.listManagedPolicies(instanceArn(), arn)),
              Set.copyOf(ic.listCustomerManagedPolicyReferences(instanceArn(), arn)),
              ic.getPermissionsBoundary(instanceArn(), arn),
              ic.getInlinePolicy(instanceArn(), arn).orElse(null),
              ic.listTags(instanceArn(), arn),
              info.relayState());
      assertThat(live).as(spec.name()).isEqualTo(spec.definition());
    }
  }

  @Test
  void unknownPermissionSetIsNotFound() {
    String arn = world.permissionSet("Admin");
    String unknown = arn.substring(0, arn.lastIndexOf("/ps-")) + "/ps-0000000000000000";
    assertThatThrownBy(() -> ic.describePermissionSet(instanceArn(), unknown))
        .isInstanceOfSatisfying(
            IdentityCenterException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(IdentityCenterException.Kind.NOT_FOUND);
              assertThat(e.operation()).isEqualTo("DescribePermissionSet");
              assertThat(e.retryable()).isFalse();
            });
  }

  @Test
  void listsProvisionedAccountsWithTheSyncFilter() {
    for (PermissionSetSpec spec : ContractFixture.PERMISSION_SETS) {
      String arn = world.permissionSet(spec.name());
      Set<String> provisioned = ids(ContractFixture.assignedAccounts(spec.name()));
      Set<String> stale = ids(spec.outOfSyncAccounts());
      Set<String> fresh = new HashSet<>(provisioned);
      fresh.removeAll(stale);
      assertThat(
              ic.listAccountsForProvisionedPermissionSet(
                  instanceArn(), arn, ProvisioningStatus.ANY))
          .as(spec.name())
          .containsExactlyInAnyOrderElementsOf(provisioned);
      assertThat(
              ic.listAccountsForProvisionedPermissionSet(
                  instanceArn(), arn, ProvisioningStatus.LATEST_PERMISSION_SET_NOT_PROVISIONED))
          .as(spec.name() + " out of sync")
          .containsExactlyInAnyOrderElementsOf(stale);
      assertThat(
              ic.listAccountsForProvisionedPermissionSet(
                  instanceArn(), arn, ProvisioningStatus.LATEST_PERMISSION_SET_PROVISIONED))
          .as(spec.name() + " in sync")
          .containsExactlyInAnyOrderElementsOf(fresh);
    }
  }

  @Test
  void listsAccountAssignmentsOfOneSetInOneAccount() {
    String appDev = world.account("app-dev");
    String arn = world.permissionSet("AppDeveloper");
    assertThat(ic.listAccountAssignments(instanceArn(), appDev, arn))
        .containsExactlyInAnyOrder(
            new AccountAssignment(
                appDev, arn, PrincipalType.GROUP, world.group("team-a-engineers")),
            new AccountAssignment(
                appDev, arn, PrincipalType.USER, world.user("alice@example.com")));
    assertThat(ic.listAccountAssignments(instanceArn(), world.account("audit"), arn)).isEmpty();
  }

  @Test
  void liveStateReaderReadsTheWholeWorld() {
    Instant now = Instant.parse("2030-01-01T00:00:00Z");
    var reader = new LiveStateReader(ic, Clock.fixed(now, ZoneOffset.UTC));
    var result =
        reader.read(
            new LiveStateReader.Request(
                Optional.empty(), Set.of("AppDeveloper", "Auditor"),
                Set.of("platform-admins", "auditors", "absent-group"),
                    Set.of("alice@example.com")));
    LiveState state = result.state();
    assertThat(state.instance()).isEqualTo(world.instance());
    assertThat(state.organization().managementAccountId()).isEqualTo(world.managementAccountId());
    assertThat(state.readAt()).isEqualTo(now);
    assertThat(state.assignments()).isEqualTo(expectedAssignments());
    assertThat(state.permissionSetsByName().keySet())
        .containsExactlyInAnyOrder("Admin", "AppDeveloper", "Auditor", "Unassigned");
    assertThat(state.permissionSetsByName().get("AppDeveloper").definition())
        .contains(ContractFixture.permissionSet("AppDeveloper").definition());
    assertThat(state.permissionSetsByName().get("Admin").definition()).isEmpty();
    LivePermissionSet auditor = state.permissionSetsByName().get("Auditor");
    assertThat(auditor.outOfSyncAccounts()).containsExactly(world.account("log-archive"));
    assertThat(auditor.provisionedAccounts())
        .containsExactlyInAnyOrder(world.account("log-archive"), world.account("audit"));
    assertThat(result.groupsByName()).containsOnlyKeys("platform-admins", "auditors");
    assertThat(result.usersByName()).containsOnlyKeys("alice@example.com");
    assertThat(state.principalName(world.user("bob@example.com"))).isEqualTo("bob@example.com");
    assertThat(state.orgTree().account(world.account("old-dev")))
        .map(Account::status)
        .contains(AccountStatus.CLOSED);
  }

  private Set<AccountAssignment> expectedAssignments() {
    return ContractFixture.ASSIGNMENTS.stream()
        .map(
            (AssignmentSpec a) ->
                new AccountAssignment(
                    world.account(a.account()),
                    world.permissionSet(a.permissionSet()),
                    a.type(),
                    world.principal(a.type(), a.principal())))
        .collect(Collectors.toSet());
  }

  private Set<String> ids(Set<String> accountNames) {
    return accountNames.stream().map(world::account).collect(Collectors.toSet());
  }
}
