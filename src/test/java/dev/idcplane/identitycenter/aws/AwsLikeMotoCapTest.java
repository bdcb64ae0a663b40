package dev.idcplane.identitycenter.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.OperationState;
import dev.idcplane.identitycenter.OperationStatus;
import dev.idcplane.identitycenter.PrincipalType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * AWS's cap of 15 outstanding asynchronous operations on AWS-like moto, through the real SDK and
 * our adapter: 15 are accepted, the 16th fails THROTTLED with AWS's ThrottlingException text, for
 * assignment creates, deletes and provisioning alike. Operations here last long (60 s) so none
 * finishes while the test runs, however loaded the machine; no rate limit, so only the cap speaks.
 */
class AwsLikeMotoCapTest {
  @RegisterExtension
  static final MotoServer MOTO = MotoServer.awsLike(Duration.ofSeconds(60), 15, 0);

  static AwsClients clients;
  static AwsIdentityCenter ic;

  @BeforeAll
  static void start() {
    clients = MotoClients.create(MOTO.endpoint());
    ic = new AwsIdentityCenter(clients);
  }

  @AfterAll
  static void close() {
    if (clients != null) {
      clients.close();
    }
  }

  @Test
  void fifteenOutstandingAreAcceptedAndTheSixteenthIsThrottled() {
    clients.organizations().createOrganization(r -> r.featureSet("ALL"));
    String account =
        clients
            .organizations()
            .createAccount(r -> r.accountName("workload").email("workload@example.com"))
            .createAccountStatus()
            .accountId();
    var i = ic.listInstances().get(0);
    String instance = i.instanceArn();
    String set =
        clients
            .ssoAdmin()
            .createPermissionSet(r -> r.instanceArn(instance).name("Dev"))
            .permissionSet()
            .permissionSetArn();
    List<AccountAssignment> wanted = new ArrayList<>();
    for (int n = 0; n < 16; n++) {
      String name = "user" + n;
      String user =
          clients
              .identityStore()
              .createUser(
                  r ->
                      r.identityStoreId(i.identityStoreId())
                          .userName(name)
                          .displayName(name)
                          .name(m -> m.givenName("Test").familyName(name)))
              .userId();
      wanted.add(new AccountAssignment(account, set, PrincipalType.USER, user));
    }

    List<OperationStatus> accepted = new ArrayList<>();
    for (AccountAssignment a : wanted.subList(0, 15)) {
      accepted.add(ic.createAccountAssignment(instance, a));
    }
    assertThat(accepted)
        .extracting(OperationStatus::state)
        .containsOnly(OperationState.IN_PROGRESS);
    assertThat(ic.listAccountAssignmentCreationStatus(instance, OperationState.IN_PROGRESS))
        .hasSize(15);

    for (Runnable sixteenth :
        List.<Runnable>of(
            () -> ic.createAccountAssignment(instance, wanted.get(15)),
            () -> ic.deleteAccountAssignment(instance, wanted.get(0)),
            () -> ic.provisionPermissionSet(instance, set))) {
      assertThatThrownBy(sixteenth::run)
          .isInstanceOfSatisfying(
              IdentityCenterException.class,
              e -> {
                assertThat(e.kind()).isEqualTo(IdentityCenterException.Kind.THROTTLED);
                assertThat(e.getMessage())
                    .endsWith(
                        "ThrottlingException: There are too many requests processing. Please try again later.");
              });
    }
    assertThat(ic.listAccountAssignments(instance, account, set)).isEmpty();
  }
}
