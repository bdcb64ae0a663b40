package dev.idcplane.identitycenter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.OperationState;
import dev.idcplane.identitycenter.OperationStatus;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.support.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * moto in AWS-like mode (launcher.py --aws-like) through the real SDK and our adapter: operations
 * stay IN_PROGRESS and take effect only when they succeed, the 16th outstanding operation is and
 * operations in accounts that are no longer ACTIVE end FAILED. AWS's rate (20 calls a second)
 * applies, and the tests' own calls stay below it. The outstanding cap is in {@link
 * AwsLikeMotoCapTest}, the rate limit in {@link AwsLikeMotoRateTest}.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class AwsLikeMotoTest {
  static final Duration LATENCY = Duration.ofMillis(1500);
  static final Duration WAIT = Duration.ofSeconds(20);

  @RegisterExtension static final MotoServer MOTO = MotoServer.awsLike(LATENCY, 15, 20);

  static AwsClients clients;
  static AwsIdentityCenter ic;
  static String instance;
  static String permissionSet;
  static String active;
  static String suspended;
  static String closing;
  static final List<String> users = new ArrayList<>();

  @BeforeAll
  static void seed() {
    clients = MotoClients.create(MOTO.endpoint());
    ic = new AwsIdentityCenter(clients);
    var orgs = clients.organizations();
    orgs.createOrganization(r -> r.featureSet("ALL"));
    active = account("active");
    suspended = account("suspended");
    closing = account("closing");
    orgs.closeAccount(r -> r.accountId(suspended));
    var i = ic.listInstances().get(0);
    instance = i.instanceArn();
    for (int n = 0; n < 2; n++) {
      String name = "user" + n;
      users.add(
          clients
              .identityStore()
              .createUser(
                  r ->
                      r.identityStoreId(i.identityStoreId())
                          .userName(name)
                          .displayName(name)
                          .name(m -> m.givenName("Test").familyName(name)))
              .userId());
    }
    permissionSet =
        clients
            .ssoAdmin()
            .createPermissionSet(r -> r.instanceArn(instance).name("Dev"))
            .permissionSet()
            .permissionSetArn();
  }

  @AfterAll
  static void close() {
    if (clients != null) {
      clients.close();
    }
  }

  @Test
  @Order(1)
  void anAssignmentIsInProgressThenSucceedsAndOnlyThenIsListed() {
    AccountAssignment a = assignment(active, 0);
    OperationStatus created = ic.createAccountAssignment(instance, a);
    assertThat(created.state()).isEqualTo(OperationState.IN_PROGRESS);
    assertThat(ic.listAccountAssignmentCreationStatus(instance, OperationState.IN_PROGRESS))
        .extracting(OperationStatus::requestId)
        .contains(created.requestId());
    assertThat(ic.describeAccountAssignmentCreationStatus(instance, created.requestId()).state())
        .isEqualTo(OperationState.IN_PROGRESS);
    assertThat(ic.listAccountAssignments(instance, active, permissionSet)).doesNotContain(a);

    assertThat(
            awaitEnd(
                    () -> ic.describeAccountAssignmentCreationStatus(instance, created.requestId()))
                .state())
        .isEqualTo(OperationState.SUCCEEDED);
    assertThat(ic.listAccountAssignments(instance, active, permissionSet)).contains(a);
    assertThat(ic.listAccountAssignmentCreationStatus(instance, OperationState.IN_PROGRESS))
        .extracting(OperationStatus::requestId)
        .doesNotContain(created.requestId());

    OperationStatus deleted = ic.deleteAccountAssignment(instance, a);
    assertThat(deleted.state()).isEqualTo(OperationState.IN_PROGRESS);
    assertThat(ic.listAccountAssignmentDeletionStatus(instance, OperationState.IN_PROGRESS))
        .extracting(OperationStatus::requestId)
        .contains(deleted.requestId());
    assertThat(ic.listAccountAssignments(instance, active, permissionSet)).contains(a);
    assertThat(
            awaitEnd(
                    () -> ic.describeAccountAssignmentDeletionStatus(instance, deleted.requestId()))
                .state())
        .isEqualTo(OperationState.SUCCEEDED);
    assertThat(ic.listAccountAssignments(instance, active, permissionSet)).doesNotContain(a);
  }

  @Test
  @Order(2)
  void operationsInAccountsThatAreNoLongerActiveEndFailed() {
    AccountAssignment inSuspended = assignment(suspended, 0);
    OperationStatus created = ic.createAccountAssignment(instance, inSuspended);
    assertThat(created.state()).isEqualTo(OperationState.IN_PROGRESS);
    OperationStatus failed =
        awaitEnd(() -> ic.describeAccountAssignmentCreationStatus(instance, created.requestId()));
    assertThat(failed.state()).isEqualTo(OperationState.FAILED);
    assertThat(failed.failureReason())
        .contains("Obtaining permissions to manage your AWS account '" + suspended + "'");
    assertThat(ic.listAccountAssignments(instance, suspended, permissionSet)).isEmpty();

    // A set provisioned to an account that is closed afterwards: deleting the assignment there
    // and re-provisioning to every provisioned account both fail.
    AccountAssignment inClosing = assignment(closing, 0);
    OperationStatus before = ic.createAccountAssignment(instance, inClosing);
    assertThat(
            awaitEnd(() -> ic.describeAccountAssignmentCreationStatus(instance, before.requestId()))
                .state())
        .isEqualTo(OperationState.SUCCEEDED);
    clients.organizations().closeAccount(r -> r.accountId(closing));

    OperationStatus provision = ic.provisionPermissionSet(instance, permissionSet);
    assertThat(provision.state()).isEqualTo(OperationState.IN_PROGRESS);
    OperationStatus provisioned =
        awaitEnd(() -> ic.describePermissionSetProvisioningStatus(instance, provision.requestId()));
    assertThat(provisioned.state()).isEqualTo(OperationState.FAILED);
    assertThat(provisioned.failureReason()).contains(closing);

    OperationStatus delete = ic.deleteAccountAssignment(instance, inClosing);
    OperationStatus deleteEnd =
        awaitEnd(() -> ic.describeAccountAssignmentDeletionStatus(instance, delete.requestId()));
    assertThat(deleteEnd.state()).isEqualTo(OperationState.FAILED);
    assertThat(deleteEnd.failureReason()).contains(closing);
    assertThat(ic.listAccountAssignments(instance, closing, permissionSet)).contains(inClosing);
  }

  private static OperationStatus awaitEnd(Supplier<OperationStatus> describe) {
    return Eventually.await(
        "the operation leaves IN_PROGRESS",
        WAIT,
        () -> {
          OperationStatus s = describe.get();
          return s.state() == OperationState.IN_PROGRESS ? Optional.empty() : Optional.of(s);
        });
  }

  private static AccountAssignment assignment(String account, int user) {
    return new AccountAssignment(account, permissionSet, PrincipalType.USER, users.get(user));
  }

  private static String account(String name) {
    return clients
        .organizations()
        .createAccount(r -> r.accountName(name).email(name + "@example.com"))
        .createAccountStatus()
        .accountId();
  }
}
