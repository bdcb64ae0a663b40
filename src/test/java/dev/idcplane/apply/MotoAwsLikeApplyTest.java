package dev.idcplane.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.aws.AwsClients;
import dev.idcplane.identitycenter.aws.AwsIdentityCenter;
import dev.idcplane.identitycenter.aws.MotoServer;
import dev.idcplane.plan.AssignmentKey;
import dev.idcplane.plan.Change;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;

/**
 * The apply engine against AWS-like moto (operations IN_PROGRESS for a second, AWS's cap of 15
 * outstanding operations and 20 calls per second): 40 assignment creates, more than the cap,
 * complete with no submission rejected at the cap and no call throttled for rate, because the
 * engine keeps at most 15 in flight and paces its calls; a re-read shows every assignment.
 */
class MotoAwsLikeApplyTest {
  @RegisterExtension
  static final MotoServer MOTO = MotoServer.awsLike(Duration.ofSeconds(1), 15, 20);

  /**
   * AWS's caps; polls and timeouts sized for one-second operations. Calls are paced at 18 a second,
   * a tenth under moto's 20: a call granted on time can still reach the server late on a busy
   * machine, and at exactly the limit that jitter alone puts a 21st call into moto's second (a CI
   * run with a parallel build saw one "Rate exceeded"; the service retries such a throttle, this
   * test counts it).
   */
  static final ApplySettings SETTINGS =
      new ApplySettings(
          15,
          3,
          18,
          Duration.ofMillis(500),
          Duration.ofSeconds(1),
          4,
          Duration.ofMillis(100),
          Duration.ofSeconds(1),
          Duration.ofMinutes(1),
          ApplySettings.DEFAULT_STATUS_GRACE);

  static AwsClients clients;
  static AwsIdentityCenter ic;
  static String instance;
  static final List<AccountAssignment> wanted = new ArrayList<>();
  static final Set<String> accounts = new HashSet<>();
  static RunResult result;
  static final List<AccountAssignment> reread = new ArrayList<>();

  @BeforeAll
  static void seedApplyAndReread() throws InterruptedException {
    clients =
        AwsClients.create(
            new AwsClients.Settings(
                Region.US_EAST_1,
                Optional.of(MOTO.endpoint()),
                RetryMode.STANDARD,
                1,
                Duration.ofSeconds(30),
                Optional.of(
                    StaticCredentialsProvider.create(
                        AwsBasicCredentials.create("testing", "testing")))));
    ic = new AwsIdentityCenter(clients);
    clients.organizations().createOrganization(r -> r.featureSet("ALL"));
    var i = ic.listInstances().get(0);
    instance = i.instanceArn();
    String set =
        clients
            .ssoAdmin()
            .createPermissionSet(r -> r.instanceArn(instance).name("Dev"))
            .permissionSet()
            .permissionSetArn();
    List<String> users = new ArrayList<>();
    for (int n = 0; n < 10; n++) {
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
    List<Operation> ops = new ArrayList<>();
    for (int a = 0; a < 4; a++) {
      String name = "workload" + a;
      String account =
          clients
              .organizations()
              .createAccount(r -> r.accountName(name).email(name + "@example.com"))
              .createAccountStatus()
              .accountId();
      accounts.add(account);
      for (String user : users) {
        wanted.add(new AccountAssignment(account, set, PrincipalType.USER, user));
        ops.add(
            Operation.pending(
                ops.size(),
                new Change.CreateAssignment(
                    new AssignmentKey(account, "Dev", PrincipalType.USER, user),
                    set,
                    user,
                    name,
                    List.of(),
                    "test")));
      }
    }
    result =
        new Applier(
                ic,
                instance,
                SETTINGS,
                Clock.systemUTC(),
                Sleeper.REAL,
                new SplittableRandom(5),
                new RecordingJournal(),
                new RateLimiter(SETTINGS.requestsPerSecond(), Clock.systemUTC(), Sleeper.REAL),
                Fence.NONE)
            .run(ops);
    for (String account : accounts) {
      reread.addAll(ic.listAccountAssignments(instance, account, set));
    }
  }

  @AfterAll
  static void close() {
    if (clients != null) {
      clients.close();
    }
  }

  @Test
  void everyOperationSucceeded() {
    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(result.operations())
        .hasSize(40)
        .allSatisfy(o -> assertThat(o.outcome()).isEqualTo(OperationOutcome.SUCCEEDED));
  }

  @Test
  void noSubmissionWasRejectedAtTheCapAndNoCallThrottled() {
    // Both the cap ("There are too many requests processing") and the rate ("Rate exceeded") are
    // ThrottlingException, THROTTLED to the engine; CONFLICT is the other retry-forever kind.
    assertThat(result.counters().retries(IdentityCenterException.Kind.THROTTLED)).isZero();
    assertThat(result.counters().retries(IdentityCenterException.Kind.CONFLICT)).isZero();
    assertThat(result.counters().totalRetries()).isZero();
    assertThat(result.counters().maxInFlight()).isBetween(2, 15);
  }

  @Test
  void aRereadShowsEveryAssignment() {
    assertThat(reread).containsExactlyInAnyOrderElementsOf(wanted);
  }
}
