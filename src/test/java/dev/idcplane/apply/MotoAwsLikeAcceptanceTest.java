package dev.idcplane.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.ApiService;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.SeededWorld;
import dev.idcplane.identitycenter.aws.AwsClients;
import dev.idcplane.identitycenter.aws.AwsIdentityCenter;
import dev.idcplane.identitycenter.aws.MotoServer;
import dev.idcplane.identitycenter.aws.PacingInterceptor;
import dev.idcplane.plan.Change;
import dev.idcplane.plan.DriftFinding;
import dev.idcplane.plan.DriftKind;
import dev.idcplane.plan.Plan;
import dev.idcplane.support.Eventually;
import dev.idcplane.support.MotoFixture;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttribute;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.ssoadmin.model.SsoAdminRequest;

/**
 * Issue 8's acceptance: on moto in the AWS-like mode (accounts answered with State only, operations
 * IN_PROGRESS for a second, 15 outstanding operations, 20 sso-admin calls per second), the drifted
 * organization of {@link MotoFixture#ACCEPTANCE} plus an account that holds managed assignments and
 * is then closed, and a set whose relay state was set in the console, is planned through the paced
 * read path and applied by {@link Applier} on the shared request budget, exactly: no call is
 * throttled for rate or rejected at the cap, nothing is planned in the closed account, the relay
 * state survives the description update, and a re-plan is empty.
 *
 * <p>moto cannot make an account SUSPENDED; CloseAccount leaves it CLOSED
 * (deploy/moto/organizations_patches.py), which stands here for "not ACTIVE": the planner and
 * Identity Center treat every state but ACTIVE alike (an assignment or provisioning there fails).
 */
class MotoAwsLikeAcceptanceTest {
  @RegisterExtension
  static final MotoServer MOTO = MotoServer.awsLike(Duration.ofSeconds(1), 15, 20);

  static final String RELAY_STATE = "https://console.aws.amazon.com/ec2/home?region=us-east-1";
  static final String ADMIN_LINE = "  Admin:\n    description: Platform administrators\n";
  static final String ADMIN_DESCRIPTION = "Platform administrators, reviewed quarterly";

  /**
   * MotoApplyTest's matrix with Admin's description changed and the relay state the console set on
   * it declared as well.
   */
  static final Map<String, String> FILES =
      Map.of(
          "permission-sets.yaml",
          MotoApplyTest.PERMISSION_SETS_YAML.replace(
              ADMIN_LINE,
              "  Admin:\n    description: "
                  + ADMIN_DESCRIPTION
                  + "\n    relay_state: "
                  + RELAY_STATE
                  + "\n"),
          "assignments.yaml",
          MotoFixture.ASSIGNMENTS_YAML);

  /** The account that holds managed assignments and is closed before the plan. */
  static final String CLOSED = "team-a-legacy";

  /**
   * The sso-admin budget of plan and apply together, with headroom under moto's 20 calls per
   * second: moto counts a strict one-second window at arrival, and on a loaded test machine a call
   * can reach it more than the limiter's 20 ms margin later than one sent a second after it (at
   * 20/s both plans were throttled with no more than 20 sends in any second on the client).
   */
  static final double SSO_ADMIN_RATE = 18;

  /** AWS's caps; polls sized for one-second operations. */
  static final ApplySettings SETTINGS =
      new ApplySettings(
          ApplySettings.AWS_MAX_OUTSTANDING,
          ApplySettings.AWS_MAX_PROVISIONING,
          SSO_ADMIN_RATE,
          Duration.ofMillis(500),
          Duration.ofMillis(800),
          4,
          Duration.ofMillis(100),
          Duration.ofSeconds(1),
          Duration.ofMinutes(1),
          ApplySettings.DEFAULT_STATUS_GRACE);

  static final ThrottleCounter throttles = new ThrottleCounter();
  static AwsClients seedClients;
  static AwsClients readClients;
  static AwsClients applyClients;
  static IdentityCenter ic;
  static SeededWorld seeded;
  static final Map<String, String> accountNames = new HashMap<>();
  static String instanceArn;
  static String closedId;
  static String adminArn;
  static AccountAssignment closedAdmin;
  static Plan before;
  static RecordingJournal journal;
  static RunResult result;
  static Plan after;

  @BeforeAll
  static void seedPlanApplyAndReplan() throws InterruptedException {
    // Seeding is not paced: its clients retry throttling the SDK's way.
    seedClients =
        AwsClients.create(
            new AwsClients.Settings(
                Region.US_EAST_1,
                Optional.of(MOTO.endpoint()),
                RetryMode.STANDARD,
                20,
                Duration.ofMinutes(2),
                credentials()));
    seeded =
        new MotoFixture(seedClients, MotoAwsLikeAcceptanceTest::awaitOperations)
            .seed(MotoFixture.ACCEPTANCE);
    seeded.accountIds().forEach((name, id) -> accountNames.put(id, name));
    var sso = seedClients.ssoAdmin();
    var instance = sso.listInstances(r -> {}).instances().get(0);
    instanceArn = instance.instanceArn();
    String store = instance.identityStoreId();
    adminArn = seeded.permissionSetArns().get("Admin");

    // An account under Workloads/NonProd/TeamA holding a managed assignment the matrix does not
    // want there (Admin) and one it wants (AppDeveloper); closed once both are live.
    var orgs = seedClients.organizations();
    closedId =
        orgs.createAccount(r -> r.accountName(CLOSED).email(CLOSED + "@example.com"))
            .createAccountStatus()
            .accountId();
    accountNames.put(closedId, CLOSED);
    String root = orgs.listRoots(r -> {}).roots().get(0).id();
    String teamA = unit(unit(unit(root, "Workloads"), "NonProd"), "TeamA");
    orgs.moveAccount(r -> r.accountId(closedId).sourceParentId(root).destinationParentId(teamA));
    String admins = group(store, "platform-admins");
    String engineers = group(store, "team-a-engineers");
    closedAdmin = new AccountAssignment(closedId, adminArn, PrincipalType.GROUP, admins);
    AccountAssignment closedDev =
        new AccountAssignment(
            closedId,
            seeded.permissionSetArns().get("AppDeveloper"),
            PrincipalType.GROUP,
            engineers);
    for (AccountAssignment a : List.of(closedAdmin, closedDev)) {
      sso.createAccountAssignment(
          r ->
              r.instanceArn(instanceArn)
                  .targetType("AWS_ACCOUNT")
                  .targetId(a.accountId())
                  .permissionSetArn(a.permissionSetArn())
                  .principalType(a.principalType().name())
                  .principalId(a.principalId()));
    }
    awaitOperations();
    assertThat(liveIn(closedId, adminArn)).contains(closedAdmin);
    assertThat(liveIn(closedId, closedDev.permissionSetArn())).contains(closedDev);
    orgs.closeAccount(r -> r.accountId(closedId));

    // The relay state set in the console (an UpdatePermissionSet that carries only it).
    sso.updatePermissionSet(
        r -> r.instanceArn(instanceArn).permissionSetArn(adminArn).relayState(RELAY_STATE));
    assertThat(relayState()).isEqualTo(RELAY_STATE);
    // The seeding calls were unpaced: let their one-second rate window pass before the paced run.
    Sleeper.REAL.sleep(Duration.ofMillis(1500));

    // The service's wiring: reads through the pacing decorator, apply on the same sso-admin budget;
    // both clients' later pages and SDK retries take tokens too.
    Clock clock = Clock.systemUTC();
    RequestBudgets budgets = new RequestBudgets(SSO_ADMIN_RATE, 20, 10, clock, Sleeper.REAL);
    readClients =
        AwsClients.create(
            new AwsClients.Settings(
                Region.US_EAST_1,
                Optional.of(MOTO.endpoint()),
                RetryMode.STANDARD,
                3,
                Duration.ofSeconds(30),
                credentials(),
                List.of(new PacingInterceptor(budgets), throttles)));
    applyClients =
        AwsClients.create(
            new AwsClients.Settings(
                Region.US_EAST_1,
                Optional.of(MOTO.endpoint()),
                RetryMode.STANDARD,
                1,
                Duration.ofSeconds(30),
                credentials(),
                List.of(new PacingInterceptor(budgets), throttles)));
    ic =
        new PacedIdentityCenter(
            new AwsIdentityCenter(readClients),
            budgets,
            new ReadRetry(6, Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofSeconds(5)),
            clock,
            Sleeper.REAL,
            new SplittableRandom(11));

    before = Pipelines.plan(ic, FILES);
    assertThat(before.source().instanceArn()).isEqualTo(instanceArn);
    journal = new RecordingJournal();
    result =
        new Applier(
                new AwsIdentityCenter(applyClients),
                instanceArn,
                SETTINGS,
                clock,
                Sleeper.REAL,
                new SplittableRandom(13),
                journal,
                budgets.limiter(ApiService.SSO_ADMIN),
                Fence.NONE)
            .run(Applier.operationsOf(before));
    after = Pipelines.plan(ic, FILES);
  }

  @AfterAll
  static void close() {
    for (AwsClients c : new AwsClients[] {seedClients, readClients, applyClients}) {
      if (c != null) {
        c.close();
      }
    }
  }

  @Test
  void thePlanIsExactlyTheChangesTheDriftCallsFor() {
    assertThat(before.changes())
        .extracting(MotoAwsLikeAcceptanceTest::line)
        .containsExactlyInAnyOrder(
            "CREATE_PERMISSION_SET BreakGlass",
            "UPDATE_PERMISSION_SET AppDeveloper",
            "UPDATE_PERMISSION_SET Admin",
            // Admin and AppDeveloper are provisioned to the closed account: account by account.
            "PROVISION_PERMISSION_SET Admin app-prod",
            "PROVISION_PERMISSION_SET Admin app-staging",
            "PROVISION_PERMISSION_SET AppDeveloper app-prod",
            "PROVISION_PERMISSION_SET AppDeveloper app-staging",
            "PROVISION_PERMISSION_SET Auditor ALL_PROVISIONED_ACCOUNTS",
            "CREATE_ASSIGNMENT AWSAdministratorAccess platform-admins log-archive",
            "CREATE_ASSIGNMENT AWSAdministratorAccess platform-admins audit",
            "CREATE_ASSIGNMENT Admin platform-admins sandbox-1",
            "CREATE_ASSIGNMENT AppDeveloper team-a-engineers team-a-dev",
            "CREATE_ASSIGNMENT BillingViewer finops team-a-dev",
            "CREATE_ASSIGNMENT BreakGlass breakglass team-a-dev",
            "DELETE_ASSIGNMENT AppDeveloper team-a-engineers app-prod",
            "DELETE_ASSIGNMENT Admin bob@example.com app-staging");
    Change.UpdatePermissionSet admin =
        before.changes().stream()
            .filter(Change.UpdatePermissionSet.class::isInstance)
            .map(Change.UpdatePermissionSet.class::cast)
            .filter(u -> u.key().equals("permission-set/Admin"))
            .findFirst()
            .orElseThrow();
    assertThat(admin.fields()).extracting(f -> f.field()).containsExactly("description");
  }

  @Test
  void nothingIsPlannedInTheClosedAccountAndItsAssignmentsAreReported() {
    assertThat(before.changes())
        .filteredOn(c -> c.key().contains(closedId) || c.content().contains(closedId))
        .isEmpty();
    assertThat(before.drift())
        .filteredOn(d -> closedId.equals(d.accountId()))
        .extracting(d -> d.kind() + " " + d.permissionSetName() + " " + d.principalName())
        .containsExactlyInAnyOrder(
            "INACTIVE_ACCOUNT Admin platform-admins",
            "INACTIVE_ACCOUNT AppDeveloper team-a-engineers");
    assertThat(before.drift())
        .filteredOn(d -> closedId.equals(d.accountId()))
        .noneMatch(DriftFinding::fixedByPlan);
  }

  @Test
  void theRunSucceedsWithExactlyOneTerminalRecordPerOperation() {
    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(result.operations())
        .hasSize(before.changes().size())
        .allSatisfy(
            o -> {
              assertThat(o.outcome())
                  .as("%s", o.change().key())
                  .isEqualTo(OperationOutcome.SUCCEEDED);
              assertThat(o.error()).isNull();
              assertThat(journal.terminalRecords(o.seq()))
                  .as("terminal records of %s", o.change().key())
                  .isEqualTo(1);
            });
  }

  @Test
  void noCallIsThrottledNorRejectedAtTheCap() {
    // "Rate exceeded" and "There are too many requests processing" are both ThrottlingException.
    assertThat(throttles.seen).as("throttled responses to plan, apply and re-plan").isEmpty();
    assertThat(result.counters().retries(IdentityCenterException.Kind.THROTTLED)).isZero();
    assertThat(result.counters().retries(IdentityCenterException.Kind.CONFLICT)).isZero();
  }

  @Test
  void theReplanIsEmpty() {
    assertThat(after.changes()).isEmpty();
    assertThat(after.drift()).noneMatch(DriftFinding::fixedByPlan);
    assertThat(after.drift())
        .extracting(DriftFinding::kind)
        .doesNotContain(DriftKind.MISSING, DriftKind.DEFINITION);
    // Only the closed account keeps an outdated copy: Identity Center cannot provision there.
    assertThat(after.drift())
        .filteredOn(d -> d.kind() == DriftKind.OUT_OF_SYNC)
        .extracting(d -> d.permissionSetName() + " " + d.detail())
        .containsExactlyInAnyOrder(
            "Admin outdated copy (LATEST_PERMISSION_SET_NOT_PROVISIONED) in [" + closedId + "]",
            "AppDeveloper outdated copy (LATEST_PERMISSION_SET_NOT_PROVISIONED) in ["
                + closedId
                + "]");
  }

  @Test
  void theRelayStateSurvivesTheDescriptionUpdate() {
    var live =
        seedClients
            .ssoAdmin()
            .describePermissionSet(r -> r.instanceArn(instanceArn).permissionSetArn(adminArn))
            .permissionSet();
    assertThat(live.description()).isEqualTo(ADMIN_DESCRIPTION);
    assertThat(live.relayState()).isEqualTo(RELAY_STATE);
  }

  @Test
  void theClosedAccountStillHoldsTheAssignmentTheMatrixDoesNotWant() {
    assertThat(liveIn(closedId, adminArn)).contains(closedAdmin);
  }

  /** "ACTION set [principal account]" of a change, with names for ids. */
  private static String line(Change c) {
    if (c instanceof Change.CreatePermissionSet p) {
      return c.action() + " " + p.name();
    }
    if (c instanceof Change.UpdatePermissionSet p) {
      return c.action() + " " + p.name();
    }
    if (c instanceof Change.ProvisionPermissionSet p) {
      return c.action()
          + " "
          + p.name()
          + " "
          + p.target().accountId().map(accountNames::get).orElse("ALL_PROVISIONED_ACCOUNTS");
    }
    if (c instanceof Change.CreateAssignment a) {
      return c.action()
          + " "
          + a.assignment().permissionSetName()
          + " "
          + a.principalName()
          + " "
          + accountNames.get(a.assignment().accountId());
    }
    Change.DeleteAssignment a = (Change.DeleteAssignment) c;
    return c.action()
        + " "
        + a.assignment().permissionSetName()
        + " "
        + a.principalName()
        + " "
        + accountNames.get(a.assignment().accountId());
  }

  private static String relayState() {
    return seedClients
        .ssoAdmin()
        .describePermissionSet(r -> r.instanceArn(instanceArn).permissionSetArn(adminArn))
        .permissionSet()
        .relayState();
  }

  private static List<AccountAssignment> liveIn(String accountId, String setArn) {
    return new AwsIdentityCenter(seedClients)
        .listAccountAssignments(instanceArn, accountId, setArn);
  }

  private static String unit(String parent, String name) {
    return seedClients
        .organizations()
        .listOrganizationalUnitsForParent(r -> r.parentId(parent))
        .organizationalUnits()
        .stream()
        .filter(u -> u.name().equals(name))
        .findFirst()
        .orElseThrow()
        .id();
  }

  private static String group(String store, String name) {
    return new AwsIdentityCenter(seedClients).findGroupId(store, name).orElseThrow();
  }

  /**
   * Waits until no assignment or provisioning operation is IN_PROGRESS, then checks that none
   * FAILED: the seeding must have produced what it describes.
   */
  static void awaitOperations() {
    var sso = seedClients.ssoAdmin();
    String arn = sso.listInstances(r -> {}).instances().get(0).instanceArn();
    Eventually.await(
        "seeding operations finish",
        Duration.ofSeconds(60),
        () -> {
          boolean busy =
              !sso.listAccountAssignmentCreationStatus(
                          r -> r.instanceArn(arn).filter(f -> f.status("IN_PROGRESS")))
                      .accountAssignmentsCreationStatus()
                      .isEmpty()
                  || !sso.listPermissionSetProvisioningStatus(
                          r -> r.instanceArn(arn).filter(f -> f.status("IN_PROGRESS")))
                      .permissionSetsProvisioningStatus()
                      .isEmpty();
          return busy ? Optional.empty() : Optional.of(true);
        });
    assertThat(
            sso.listAccountAssignmentCreationStatus(
                    r -> r.instanceArn(arn).filter(f -> f.status("FAILED")))
                .accountAssignmentsCreationStatus())
        .isEmpty();
    assertThat(
            sso.listPermissionSetProvisioningStatus(
                    r -> r.instanceArn(arn).filter(f -> f.status("FAILED")))
                .permissionSetsProvisioningStatus())
        .isEmpty();
  }

  private static Optional<AwsCredentialsProvider> credentials() {
    return Optional.of(
        StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")));
  }

  /**
   * Records every response, of every attempt, whose error is ThrottlingException (the rate's "Rate
   * exceeded" and the cap's "There are too many requests processing"), before the SDK's retries or
   * ours can hide it; with each, how many sso-admin requests this client side sent in the second
   * before it (a count within the rate means transit jitter, above it a pacing gap).
   */
  static final class ThrottleCounter implements ExecutionInterceptor {
    private static final ExecutionAttribute<Long> SENT = new ExecutionAttribute<>("test.sent");
    final List<String> seen = new CopyOnWriteArrayList<>();
    private final List<Long> sends = new CopyOnWriteArrayList<>();

    @Override
    public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attrs) {
      long now = System.nanoTime();
      attrs.putAttribute(SENT, now);
      if (context.request() instanceof SsoAdminRequest) {
        sends.add(now);
      }
    }

    @Override
    public Optional<InputStream> modifyHttpResponseContent(
        Context.ModifyHttpResponse context, ExecutionAttributes attrs) {
      Optional<InputStream> body = context.responseBody();
      if (context.httpResponse().isSuccessful() || body.isEmpty()) {
        return body;
      }
      byte[] bytes;
      try (InputStream in = body.get()) {
        bytes = in.readAllBytes();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      String text = new String(bytes, StandardCharsets.UTF_8);
      if (text.contains("ThrottlingException")
          || context
              .httpResponse()
              .firstMatchingHeader("x-amzn-ErrorType")
              .filter(t -> t.contains("Throttling"))
              .isPresent()) {
        long sent = attrs.getAttribute(SENT);
        long inSecond = sends.stream().filter(t -> t <= sent && sent - t < 1_000_000_000L).count();
        seen.add(
            context.request().getClass().getSimpleName()
                + ": "
                + text
                + " ("
                + inSecond
                + " sso-admin requests sent in the second up to it)");
      }
      return Optional.of(new ByteArrayInputStream(bytes));
    }
  }
}
