package dev.idcplane.identitycenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.AccountStatus;
import dev.idcplane.identitycenter.LivePermissionSet;
import dev.idcplane.identitycenter.LiveState;
import dev.idcplane.identitycenter.LiveStateReader;
import dev.idcplane.identitycenter.OrgTree;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The shipped deploy/sandbox/seed.yaml loads and holds the world the example matrix is written for.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SandboxSeedTest {
  static final Path SEED = Path.of("deploy", "sandbox", "seed.yaml");
  static final Set<String> GROUPS =
      Set.of(
          "aws-platform-admins",
          "aws-team-a-engineers",
          "aws-team-a-leads",
          "aws-finops",
          "aws-security-auditors",
          "aws-secops",
          "aws-breakglass",
          "AWSControlTowerAdmins",
          "legacy-contractors");
  static final String APP_DEVELOPER_INLINE =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowAppPlane\",\"Effect\":\"Allow\",\"Action\":[\"lambda:*\",\"apigateway:*\",\"states:*\",\"dynamodb:*\",\"s3:*\",\"logs:*\",\"cloudwatch:*\",\"xray:*\"],\"Resource\":\"*\"},{\"Sid\":\"DenySensitiveControls\",\"Effect\":\"Deny\",\"Action\":[\"iam:CreateUser\",\"iam:CreateAccessKey\",\"iam:Put*Policy\",\"iam:DeleteRole\",\"kms:ScheduleKeyDeletion\",\"kms:Disable*\",\"ec2:*Vpc*\",\"ec2:*RouteTable*\",\"ec2:*Subnet*\"],\"Resource\":\"*\"}]}";

  SandboxIdentityCenter sandbox;
  LiveStateReader.Result read;
  LiveState state;

  @BeforeAll
  void load() {
    sandbox = SandboxIdentityCenter.fromSeed(SEED);
    read =
        new LiveStateReader(sandbox, Clock.systemUTC())
            .read(
                new LiveStateReader.Request(
                    Optional.empty(),
                    Set.of(
                        "Admin",
                        "PowerUser",
                        "AppDeveloper",
                        "ReadOnlyAuditor",
                        "BillingViewer",
                        "SecOpsResponder",
                        "BreakGlass"),
                    GROUPS,
                    Set.of("alice@example.com", "bob@example.com")));
    state = read.state();
  }

  @Test
  void organizationAndTree() {
    assertThat(state.organization().id()).isEqualTo("o-exampleorg1");
    assertThat(state.organization().managementAccountId()).isEqualTo("111111111111");
    OrgTree tree = state.orgTree();
    assertThat(tree.root().id()).isEqualTo("r-ex01");
    Map<String, String> paths =
        tree.accounts().stream()
            .collect(Collectors.toMap(a -> a.name() + " " + a.id(), a -> tree.accountPath(a.id())));
    assertThat(paths)
        .containsExactlyInAnyOrderEntriesOf(
            Map.ofEntries(
                Map.entry("management 111111111111", ""),
                Map.entry("log-archive 222222222222", "Security"),
                Map.entry("audit 333333333333", "Security"),
                Map.entry("app-prod 444444444444", "Workloads/Prod"),
                Map.entry("data-prod 555555555555", "Workloads/Prod"),
                Map.entry("app-dev 666666666666", "Workloads/NonProd"),
                Map.entry("app-staging 777777777777", "Workloads/NonProd"),
                Map.entry("old-dev 888888888888", "Workloads/NonProd"),
                Map.entry("sandbox-7 111122223333", "Sandbox"),
                Map.entry("sandbox-8 999999999999", "Sandbox"),
                Map.entry("network 123456789012", "Infrastructure"),
                Map.entry("shared-services 210987654321", "Infrastructure")));
    assertThat(tree.accounts())
        .filteredOn(a -> a.status() != AccountStatus.ACTIVE)
        .extracting(a -> a.id() + " " + a.status())
        .containsExactly("888888888888 SUSPENDED");
  }

  @Test
  void principals() {
    assertThat(read.groupsByName()).containsOnlyKeys(GROUPS);
    assertThat(read.usersByName()).containsOnlyKeys("alice@example.com", "bob@example.com");
  }

  @Test
  void permissionSets() {
    assertThat(state.permissionSetsByName())
        .containsOnlyKeys(
            "AWSAdministratorAccess",
            "AWSReadOnlyAccess",
            "Admin",
            "PowerUser",
            "AppDeveloper",
            "ReadOnlyAuditor",
            "BillingViewer",
            "LegacyS3Access");
    PermissionSetDefinition dev = definition("AppDeveloper");
    assertThat(dev.sessionDuration()).isEqualTo("PT8H");
    assertThat(dev.managedPolicies()).containsExactly("arn:aws:iam::aws:policy/ReadOnlyAccess");
    assertThat(dev.inlinePolicy()).isEqualTo(APP_DEVELOPER_INLINE);
    assertThat(dev.tags()).isEqualTo(Map.of("ManagedBy", "idc-control-plane"));
    assertThat(definition("Admin").managedPolicies())
        .containsExactly("arn:aws:iam::aws:policy/AdministratorAccess");
    assertThat(definition("Admin").sessionDuration()).isEqualTo("PT1H");
    assertThat(definition("PowerUser").sessionDuration()).isEqualTo("PT4H");
    assertThat(definition("ReadOnlyAuditor").managedPolicies())
        .containsExactly(
            "arn:aws:iam::aws:policy/ReadOnlyAccess", "arn:aws:iam::aws:policy/SecurityAudit");
    assertThat(definition("ReadOnlyAuditor").sessionDuration()).isEqualTo("PT2H");
    assertThat(definition("BillingViewer").managedPolicies())
        .containsExactly("arn:aws:iam::aws:policy/job-function/Billing");
    LivePermissionSet auditor = state.permissionSetsByName().get("ReadOnlyAuditor");
    assertThat(auditor.outOfSyncAccounts()).containsExactly("222222222222");
    assertThat(auditor.provisionedAccounts())
        .containsExactlyInAnyOrder("222222222222", "333333333333");
    assertThat(state.permissionSetsByName().get("LegacyS3Access").definition()).isEmpty();
  }

  @Test
  void assignments() {
    assertThat(accountsOf("AWSAdministratorAccess", "AWSControlTowerAdmins"))
        .hasSize(11)
        .doesNotContain("888888888888")
        .contains("111111111111");
    assertThat(accountsOf("Admin", "aws-platform-admins"))
        .containsExactlyInAnyOrder(
            "222222222222",
            "333333333333",
            "444444444444",
            "555555555555",
            "666666666666",
            "777777777777",
            "123456789012",
            "210987654321",
            "111122223333");
    assertThat(accountsOf("AppDeveloper", "aws-team-a-engineers"))
        .containsExactlyInAnyOrder("666666666666", "777777777777", "444444444444");
    assertThat(accountsOf("PowerUser", "aws-team-a-leads")).containsExactly("666666666666");
    assertThat(accountsOf("BillingViewer", "aws-finops"))
        .hasSize(10)
        .doesNotContain("999999999999", "888888888888");
    assertThat(accountsOf("ReadOnlyAuditor", "aws-security-auditors"))
        .containsExactlyInAnyOrder("222222222222", "333333333333");
    assertThat(accountsOf("LegacyS3Access", "legacy-contractors")).containsExactly("666666666666");
    assertThat(accountsOf("Admin", "legacy-contractors")).containsExactly("111111111111");
    assertThat(accountsOf("Admin", "bob@example.com")).containsExactly("999999999999");
    assertThat(state.assignments()).hasSize(11 + 9 + 3 + 1 + 10 + 2 + 1 + 1 + 1);
  }

  @Test
  void seedIsDeterministic() {
    SandboxIdentityCenter again = SandboxIdentityCenter.fromSeed(SEED);
    String instance = state.instance().instanceArn();
    assertThat(again.listPermissionSets(instance)).isEqualTo(sandbox.listPermissionSets(instance));
    assertThat(again.findGroupId(state.instance().identityStoreId(), "aws-finops"))
        .isEqualTo(sandbox.findGroupId(state.instance().identityStoreId(), "aws-finops"));
  }

  private PermissionSetDefinition definition(String name) {
    return state.permissionSetsByName().get(name).definition().orElseThrow();
  }

  private List<String> accountsOf(String permissionSet, String principal) {
    String arn = state.permissionSetsByName().get(permissionSet).arn();
    return state.assignments().stream()
        .filter(
            a ->
                a.permissionSetArn().equals(arn)
                    && state.principalName(a.principalId()).equals(principal))
        .map(AccountAssignment::accountId)
        .toList();
  }
}
