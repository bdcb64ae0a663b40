package dev.idcplane.identitycenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.OrgTree;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.ProvisioningStatus;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Sandbox behaviour beyond the shared contract: call accounting and the drift mutations. */
class SandboxIdentityCenterTest {
  SandboxIdentityCenter sandbox;
  String instance;
  String store;

  @BeforeEach
  void load() {
    sandbox = SandboxIdentityCenter.fromSeed(Path.of("deploy", "sandbox", "seed.yaml"));
    instance = sandbox.listInstances().get(0).instanceArn();
    store = sandbox.listInstances().get(0).identityStoreId();
    sandbox.resetCallCounts();
  }

  private String arn(String name) {
    return sandbox.listPermissionSets(instance).stream()
        .filter(a -> sandbox.describePermissionSet(instance, a).name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void countsOneCallPerPage() {
    OrgTree.read(sandbox);
    // 1 root + 6 OUs = 7 parents, each read with one accounts page and one OU page.
    assertThat(sandbox.callCounts())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "ListRoots",
                1L,
                "ListAccountsForParent",
                7L,
                "ListOrganizationalUnitsForParent",
                7L));
    assertThat(sandbox.totalCalls()).isEqualTo(15);
    sandbox.resetCallCounts();
    assertThat(sandbox.callCounts()).isEmpty();
  }

  @Test
  void pagesLongListsByAwsPageSize() {
    var b =
        SandboxIdentityCenter.builder()
            .organization("o-pagetest01", "100000000000", null)
            .account("", "100000000000", "management", null, null);
    for (int i = 0; i < 45; i++) {
      b.account("", String.format("2000000000%02d", i), "acct-" + i, null, null);
    }
    SandboxIdentityCenter big = b.build();
    assertThat(big.listAccountsForParent(big.listRoots().get(0).id())).hasSize(46);
    assertThat(big.callCounts()).containsEntry("ListAccountsForParent", 3L);
  }

  @Test
  void failedCallsAreCountedAndClassified() {
    assertThatThrownBy(
            () ->
                sandbox.describePermissionSet(
                    instance,
                    instance.replace("instance", "permissionSet") + "/ps-0000000000000000"))
        .isInstanceOfSatisfying(
            IdentityCenterException.class,
            e -> assertThat(e.kind()).isEqualTo(IdentityCenterException.Kind.NOT_FOUND));
    assertThatThrownBy(() -> sandbox.findGroupId("d-0000000000", "aws-finops"))
        .isInstanceOf(IdentityCenterException.class);
    assertThat(sandbox.callCounts())
        .containsEntry("DescribePermissionSet", 1L)
        .containsEntry("GetGroupId", 1L);
  }

  @Test
  void createIsIdempotentAndProvisions() {
    String powerUser = arn("PowerUser");
    String leads = sandbox.findGroupId(store, "aws-team-a-leads").orElseThrow();
    var a = new AccountAssignment("777777777777", powerUser, PrincipalType.GROUP, leads);
    assertThat(sandbox.createAccountAssignment(a)).isTrue();
    assertThat(sandbox.createAccountAssignment(a)).isFalse();
    assertThat(sandbox.listAccountAssignments(instance, "777777777777", powerUser))
        .containsExactly(a);
    assertThat(
            sandbox.listAccountsForProvisionedPermissionSet(
                instance, powerUser, ProvisioningStatus.ANY))
        .containsExactlyInAnyOrder("666666666666", "777777777777");
  }

  @Test
  void deletingTheLastAssignmentDeprovisions() {
    String legacy = arn("LegacyS3Access");
    String contractors = sandbox.findGroupId(store, "legacy-contractors").orElseThrow();
    var a = new AccountAssignment("666666666666", legacy, PrincipalType.GROUP, contractors);
    assertThat(sandbox.deleteAccountAssignment(a)).isTrue();
    assertThat(sandbox.deleteAccountAssignment(a)).isFalse();
    assertThat(
            sandbox.listAccountsForProvisionedPermissionSet(
                instance, legacy, ProvisioningStatus.ANY))
        .isEmpty();
  }

  @Test
  void updatingADefinitionPutsEveryProvisionedAccountOutOfSync() {
    String dev = arn("AppDeveloper");
    var old = new PermissionSetDefinition("d", "PT8H", null, null, null, null, null, null);
    sandbox.updatePermissionSet(dev, old);
    assertThat(sandbox.describePermissionSet(instance, dev).sessionDuration()).isEqualTo("PT8H");
    assertThat(
            sandbox.listAccountsForProvisionedPermissionSet(
                instance, dev, ProvisioningStatus.LATEST_PERMISSION_SET_NOT_PROVISIONED))
        .containsExactlyInAnyOrder("444444444444", "666666666666", "777777777777");
    sandbox.provisionPermissionSetToAccount(dev, "666666666666");
    assertThat(
            sandbox.listAccountsForProvisionedPermissionSet(
                instance, dev, ProvisioningStatus.LATEST_PERMISSION_SET_PROVISIONED))
        .containsExactly("666666666666");
    sandbox.provisionPermissionSetToAllProvisionedAccounts(dev);
    assertThat(
            sandbox.listAccountsForProvisionedPermissionSet(
                instance, dev, ProvisioningStatus.LATEST_PERMISSION_SET_NOT_PROVISIONED))
        .isEmpty();
    assertThat(sandbox.getInlinePolicy(instance, dev)).isEmpty();
  }

  @Test
  void addsPrincipalsWithUniqueNames() {
    var g = sandbox.addGroup("aws-new-team");
    assertThat(sandbox.findGroupId(store, "aws-new-team")).contains(g.id());
    assertThat(sandbox.addUser("carol@example.com").name()).isEqualTo("carol@example.com");
    assertThatThrownBy(() -> sandbox.addGroup("aws-finops"))
        .isInstanceOfSatisfying(
            IdentityCenterException.class,
            e -> assertThat(e.kind()).isEqualTo(IdentityCenterException.Kind.CONFLICT));
  }

  @Test
  void concurrentReadsAndWritesStayConsistent() throws Exception {
    String admin = arn("Admin");
    String alice = sandbox.findUserId(store, "alice@example.com").orElseThrow();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<CompletableFuture<?>> work = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        var a = new AccountAssignment("111122223333", admin, PrincipalType.USER, alice);
        boolean create = i % 2 == 0;
        work.add(
            CompletableFuture.runAsync(
                () -> {
                  if (create) {
                    sandbox.createAccountAssignment(a);
                  } else {
                    sandbox.deleteAccountAssignment(a);
                  }
                  sandbox.listAccountAssignments(instance, "111122223333", admin);
                },
                pool));
      }
      CompletableFuture.allOf(work.toArray(CompletableFuture[]::new)).get();
    } finally {
      pool.shutdown();
    }
    assertThat(sandbox.listAccountAssignments(instance, "111122223333", admin))
        .extracting(AccountAssignment::principalType)
        .contains(PrincipalType.GROUP);
    assertThat(sandbox.callCounts().get("ListAccountAssignments")).isEqualTo(201L);
  }
}
