package dev.idcplane.identitycenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idcplane.identitycenter.Account;
import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.AccountStatus;
import dev.idcplane.identitycenter.OperationState;
import dev.idcplane.identitycenter.OperationStatus;
import dev.idcplane.identitycenter.OrgTree;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.ProvisionTarget;
import dev.idcplane.identitycenter.ProvisioningStatus;
import dev.idcplane.support.MutableClock;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The sandbox fails requests that reach an account that is not ACTIVE, as AWS does
 * (aws-samples/aws-identitycenter-codepipeline-auto-assignment issue #31), and reads account states
 * from its seed.
 */
class SandboxInactiveAccountTest {
  static final String MGMT = "100000000000";
  static final String DEV = "200000000001";
  static final String OLD = "200000000002";
  static final String GONE = "200000000003";
  static final String NEW = "200000000004";
  static final String SEED =
      """
      organization:
        id: o-inactive0001
        management_account: "100000000000"
        accounts:
          - {id: "100000000000", name: management}
          - {id: "200000000001", name: app-dev, state: ACTIVE}
          - {id: "200000000002", name: old-dev, state: SUSPENDED}
          - {id: "200000000003", name: gone-dev, state: CLOSED}
          - {id: "200000000004", name: new-dev, state: PENDING_ACTIVATION}
          - {id: "200000000005", name: closing-dev, status: PENDING_CLOSURE}
      groups: [devs, ops]
      permission_sets:
        - {name: Dev, session_duration: PT1H}
      assignments:
        - {permission_set: Dev, group: devs, accounts: [app-dev, old-dev]}
      behaviour: {profile: instant}
      """;

  final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
  final SandboxIdentityCenter ic =
      SandboxIdentityCenter.fromSeed(
          new ByteArrayInputStream(SEED.getBytes(StandardCharsets.UTF_8)),
          "inactive.yaml",
          clock,
          SandboxBehaviour.instant());
  final String instance = ic.listInstances().get(0).instanceArn();
  final String store = ic.listInstances().get(0).identityStoreId();
  final String dev = ic.listPermissionSets(instance).get(0);

  AccountAssignment ops(String account) {
    return new AccountAssignment(
        account, dev, PrincipalType.GROUP, ic.findGroupId(store, "ops").orElseThrow());
  }

  OperationStatus settled(OperationStatus submitted, Function<String, OperationStatus> describe) {
    assertThat(submitted.state()).isEqualTo(OperationState.IN_PROGRESS);
    return describe.apply(submitted.requestId());
  }

  @Test
  void theSeedExpressesEveryAccountStateAndTheLegacyStatus() {
    Map<String, AccountStatus> states = new java.util.HashMap<>();
    OrgTree.read(ic).accounts().forEach(a -> states.put(a.name(), a.status()));
    assertThat(states)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "management",
                AccountStatus.ACTIVE,
                "app-dev",
                AccountStatus.ACTIVE,
                "old-dev",
                AccountStatus.SUSPENDED,
                "gone-dev",
                AccountStatus.CLOSED,
                "new-dev",
                AccountStatus.PENDING_ACTIVATION,
                "closing-dev",
                AccountStatus.PENDING_CLOSURE));
    assertThat(OrgTree.read(ic).account(MGMT)).map(Account::active).contains(true);
  }

  @Test
  void aSeedWithStateAndStatusOnOneAccountIsRejected() {
    String seed = SEED.replace("state: CLOSED}", "state: CLOSED, status: SUSPENDED}");
    assertThatThrownBy(
            () ->
                SandboxIdentityCenter.fromSeed(
                    new ByteArrayInputStream(seed.getBytes(StandardCharsets.UTF_8)), "both.yaml"))
        .isInstanceOf(SandboxSeedException.class)
        .hasMessageContaining("both.yaml:")
        .hasMessageContaining("not both");
  }

  @Test
  void assignmentRequestsInAnAccountThatIsNotActiveEndFailed() {
    for (String account : new String[] {OLD, GONE, NEW}) {
      OperationStatus created =
          settled(
              ic.createAccountAssignment(instance, ops(account)),
              id -> ic.describeAccountAssignmentCreationStatus(instance, id));
      assertThat(created.state()).isEqualTo(OperationState.FAILED);
      assertThat(created.failureReason())
          .contains("AWS SSO is unable to complete your request")
          .contains("'" + account + "'");
      assertThat(ic.listAccountAssignments(instance, account, dev)).doesNotContain(ops(account));
    }
    AccountAssignment devsInOld = ic.listAccountAssignments(instance, OLD, dev).get(0);
    OperationStatus deleted =
        settled(
            ic.deleteAccountAssignment(instance, devsInOld),
            id -> ic.describeAccountAssignmentDeletionStatus(instance, id));
    assertThat(deleted.state()).isEqualTo(OperationState.FAILED);
    assertThat(deleted.failureReason()).contains("'" + OLD + "'");
    assertThat(ic.listAccountAssignments(instance, OLD, dev)).containsExactly(devsInOld);

    OperationStatus inActive =
        settled(
            ic.createAccountAssignment(instance, ops(DEV)),
            id -> ic.describeAccountAssignmentCreationStatus(instance, id));
    assertThat(inActive.state()).isEqualTo(OperationState.SUCCEEDED);
  }

  @Test
  void provisioningToAllProvisionedAccountsFailsWhenOneIsSuspendedButPerAccountSucceeds() {
    ic.updatePermissionSet(
        dev,
        new PermissionSetDefinition(
            null, "PT2H", Set.of(), Set.of(), Optional.empty(), null, Map.of(), null));
    assertThat(
            ic.listAccountsForProvisionedPermissionSet(
                instance, dev, ProvisioningStatus.LATEST_PERMISSION_SET_NOT_PROVISIONED))
        .containsExactlyInAnyOrder(DEV, OLD);

    OperationStatus all =
        settled(
            ic.provisionPermissionSet(instance, dev),
            id -> ic.describePermissionSetProvisioningStatus(instance, id));
    assertThat(all.state()).isEqualTo(OperationState.FAILED);
    assertThat(all.failureReason()).contains("'" + OLD + "'");

    OperationStatus toOld =
        settled(
            ic.provisionPermissionSet(instance, dev, ProvisionTarget.account(OLD)),
            id -> ic.describePermissionSetProvisioningStatus(instance, id));
    assertThat(toOld.state()).isEqualTo(OperationState.FAILED);

    ic.updatePermissionSet(
        dev,
        new PermissionSetDefinition(
            null, "PT3H", Set.of(), Set.of(), Optional.empty(), null, Map.of(), null));
    OperationStatus toDev =
        settled(
            ic.provisionPermissionSet(instance, dev, ProvisionTarget.account(DEV)),
            id -> ic.describePermissionSetProvisioningStatus(instance, id));
    assertThat(toDev.state()).isEqualTo(OperationState.SUCCEEDED);
    assertThat(
            ic.listAccountsForProvisionedPermissionSet(
                instance, dev, ProvisioningStatus.LATEST_PERMISSION_SET_NOT_PROVISIONED))
        .containsExactly(OLD);
  }
}
