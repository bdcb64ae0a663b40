package dev.idcplane.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.CustomerManagedPolicyRef;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PermissionSetInfo;
import dev.idcplane.identitycenter.PermissionsBoundary;
import dev.idcplane.identitycenter.SeededWorld;
import dev.idcplane.identitycenter.aws.AwsClients;
import dev.idcplane.identitycenter.aws.AwsIdentityCenter;
import dev.idcplane.identitycenter.aws.MotoServer;
import dev.idcplane.plan.Change;
import dev.idcplane.plan.ChangeAction;
import dev.idcplane.plan.DefinitionDiffer;
import dev.idcplane.plan.DriftFinding;
import dev.idcplane.plan.DriftKind;
import dev.idcplane.plan.Plan;
import dev.idcplane.support.MotoFixture;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;

/**
 * Apply end to end through the real AWS SDK clients against moto: the drifted organization of
 * {@link MotoFixture#ACCEPTANCE} (missing and unexpected assignments, a changed definition, an
 * outdated copy, a set to create with every definition field) is planned and applied by {@link
 * Applier}; afterwards a new plan has nothing left to do and the assignments the plan must not
 * touch (management account, undeclared sets, protected sets) are still there.
 */
class MotoApplyTest {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  static final String AWS = "arn:aws:iam::aws:policy/";

  static final String BREAKGLASS_INLINE =
      "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Sid\": \"DenyLeavingOrg\","
          + " \"Effect\": \"Deny\", \"Action\": \"organizations:LeaveOrganization\","
          + " \"Resource\": \"*\"}]}";

  /**
   * The acceptance matrix with more definition drift on AppDeveloper (a second customer managed
   * policy, a boundary, a new inline policy, one tag changed and one removed) and BreakGlass, which
   * the plan creates, declared with every definition field.
   */
  static final String PERMISSION_SETS_YAML =
      """
      permission_sets:
        Admin:
          description: Platform administrators
          session_duration: PT1H
          managed_policies: [arn:aws:iam::aws:policy/AdministratorAccess]
          tags: {ManagedBy: idc-control-plane}
        AppDeveloper:
          description: Application developers in non-prod accounts
          session_duration: PT4H
          managed_policies: [arn:aws:iam::aws:policy/ReadOnlyAccess]
          customer_managed_policies:
            - {name: app-extra, path: /team-a/}
            - {name: app-deploy, path: /team-a/}
          permissions_boundary: {managed_policy_arn: arn:aws:iam::aws:policy/PowerUserAccess}
          inline_policy: |
            {"Version": "2012-10-17",
             "Statement": [{"Sid": "AllowApp", "Effect": "Allow",
                            "Action": ["lambda:*", "s3:*", "dynamodb:*"], "Resource": "*"}]}
          tags: {ManagedBy: idc-control-plane, Owner: team-a}
        Auditor:
          description: Read-only audit
          session_duration: PT2H
          managed_policies:
            - arn:aws:iam::aws:policy/ReadOnlyAccess
            - arn:aws:iam::aws:policy/SecurityAudit
          permissions_boundary: {managed_policy_arn: arn:aws:iam::aws:policy/ReadOnlyAccess}
        BillingViewer:
          description: Billing read-only
          managed_policies: [arn:aws:iam::aws:policy/job-function/Billing]
          permissions_boundary: {customer_managed: {name: finops-boundary, path: /boundaries/}}
        BreakGlass:
          description: Emergency access
          session_duration: PT2H
          managed_policies:
            - arn:aws:iam::aws:policy/AdministratorAccess
            - arn:aws:iam::aws:policy/SecurityAudit
          customer_managed_policies: [{name: breakglass-extra, path: /emergency/}]
          permissions_boundary: {customer_managed: {name: breakglass-boundary, path: /boundaries/}}
          inline_policy: '%s'
          tags: {ManagedBy: idc-control-plane, Severity: high}
        AWSAdministratorAccess: {external: true}
      """
          .formatted(BREAKGLASS_INLINE);

  static final Map<String, String> FILES =
      Map.of(
          "permission-sets.yaml",
          PERMISSION_SETS_YAML,
          "assignments.yaml",
          MotoFixture.ASSIGNMENTS_YAML);

  /** Small waits: moto finishes operations at once, so polls and backoff need not be AWS-sized. */
  static final ApplySettings SETTINGS =
      new ApplySettings(
          15,
          3,
          50,
          Duration.ofMillis(20),
          Duration.ofMillis(200),
          4,
          Duration.ofMillis(10),
          Duration.ofMillis(200),
          Duration.ofMinutes(2),
          ApplySettings.DEFAULT_STATUS_GRACE);

  static AwsClients clients;
  static AwsIdentityCenter ic;
  static SeededWorld seeded;
  static String instanceArn;
  static Plan before;
  static RecordingJournal journal;
  static RunResult result;
  static Plan after;

  @BeforeAll
  static void seedPlanAndApply() throws InterruptedException {
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
    seeded = new MotoFixture(clients).seed(MotoFixture.ACCEPTANCE);
    ic = new AwsIdentityCenter(clients);
    before = Pipelines.plan(ic, FILES);
    instanceArn = before.source().instanceArn();
    journal = new RecordingJournal();
    result =
        new Applier(
                ic,
                instanceArn,
                SETTINGS,
                Clock.systemUTC(),
                Sleeper.REAL,
                new SplittableRandom(3),
                journal,
                new RateLimiter(SETTINGS.requestsPerSecond(), Clock.systemUTC(), Sleeper.REAL),
                Fence.NONE)
            .run(Applier.operationsOf(before));
    after = Pipelines.plan(ic, FILES);
  }

  @AfterAll
  static void close() {
    if (clients != null) {
      clients.close();
    }
  }

  @Test
  void thePlanCallsForEveryKindOfChange() {
    // Application changes have their own acceptance test (MotoApplicationsAcceptanceTest).
    assertThat(before.changes())
        .extracting(Change::action)
        .contains(
            Arrays.stream(ChangeAction.values())
                .filter(action -> action != ChangeAction.APPLICATION)
                .toArray(ChangeAction[]::new));
    assertThat(keys(ChangeAction.CREATE_PERMISSION_SET))
        .containsExactly("permission-set/BreakGlass");
    assertThat(keys(ChangeAction.UPDATE_PERMISSION_SET))
        .containsExactly("permission-set/AppDeveloper");
    Change.UpdatePermissionSet update =
        before.changes().stream()
            .filter(Change.UpdatePermissionSet.class::isInstance)
            .map(Change.UpdatePermissionSet.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(update.fields())
        .extracting(f -> f.field())
        .containsExactlyInAnyOrder(
            "session_duration",
            "managed_policies",
            "customer_managed_policies",
            "permissions_boundary",
            "inline_policy",
            "tags");
    assertThat(before.changes())
        .filteredOn(c -> c.action() == ChangeAction.CREATE_ASSIGNMENT)
        .hasSize(6);
    assertThat(before.changes())
        .filteredOn(c -> c.action() == ChangeAction.DELETE_ASSIGNMENT)
        .hasSize(2);
  }

  @Test
  void theRunSucceedsWithExactlyOneTerminalOutcomePerOperation() {
    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(result.operations())
        .hasSize(before.changes().size())
        .allSatisfy(
            o -> {
              assertThat(o.outcome()).isEqualTo(OperationOutcome.SUCCEEDED);
              assertThat(o.attempts()).isGreaterThanOrEqualTo(1);
              assertThat(o.error()).isNull();
              assertThat(journal.terminalRecords(o.seq()))
                  .as("terminal records of %s", o.change().key())
                  .isEqualTo(1);
            });
    assertThat(result.operations())
        .filteredOn(o -> o.kind().asynchronous())
        .allSatisfy(o -> assertThat(o.requestId()).isNotBlank());
  }

  @Test
  void theLiveStateNowEqualsTheMatrix() {
    assertThat(after.changes()).isEmpty();
    assertThat(after.drift()).noneMatch(DriftFinding::fixedByPlan);
    assertThat(after.drift())
        .extracting(DriftFinding::kind)
        .doesNotContain(DriftKind.MISSING, DriftKind.DEFINITION, DriftKind.OUT_OF_SYNC);
  }

  @Test
  void theCreatedPermissionSetHasEveryDeclaredField() {
    String arn = arnOf("BreakGlass");
    PermissionSetDefinition live = readDefinition(arn);
    assertThat(live.description()).isEqualTo("Emergency access");
    assertThat(live.sessionDuration()).isEqualTo("PT2H");
    assertThat(live.managedPolicies())
        .containsExactlyInAnyOrder(AWS + "AdministratorAccess", AWS + "SecurityAudit");
    assertThat(live.customerManagedPolicies())
        .containsExactly(new CustomerManagedPolicyRef("breakglass-extra", "/emergency/"));
    assertThat(live.permissionsBoundary())
        .contains(
            PermissionsBoundary.customerManaged(
                new CustomerManagedPolicyRef("breakglass-boundary", "/boundaries/")));
    assertThat(live.inlinePolicy()).isNotNull();
    assertThat(live.tags())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("ManagedBy", "idc-control-plane", "Severity", "high"));
    Change.CreatePermissionSet create =
        before.changes().stream()
            .filter(Change.CreatePermissionSet.class::isInstance)
            .map(Change.CreatePermissionSet.class::cast)
            .findFirst()
            .orElseThrow();
    assertThat(DefinitionDiffer.diff(live, create.definition())).isEmpty();
  }

  @Test
  void assignmentsThePlanMustNotTouchAreUntouched() {
    List<DriftFinding> kept =
        before.drift().stream().filter(d -> d.principalId() != null && !d.fixedByPlan()).toList();
    assertThat(kept)
        .extracting(DriftFinding::kind)
        .contains(DriftKind.UNMANAGED, DriftKind.PROTECTED, DriftKind.UNEXPECTED);
    assertThat(kept)
        .filteredOn(d -> d.kind() == DriftKind.UNEXPECTED)
        .allSatisfy(d -> assertThat(d.accountId()).isEqualTo(seeded.managementAccountId()));
    assertThat(kept)
        .filteredOn(d -> seeded.managementAccountId().equals(d.accountId()))
        .extracting(DriftFinding::permissionSetName)
        .contains("BillingViewer", "AWSAdministratorAccess");

    // Still live, read straight from Identity Center...
    for (DriftFinding d : kept) {
      String arn = arnOf(d.permissionSetName());
      assertThat(ic.listAccountAssignments(instanceArn, d.accountId(), arn))
          .as("%s", d.key())
          .contains(new AccountAssignment(d.accountId(), arn, d.principalType(), d.principalId()));
    }
    // ...and reported by the new plan exactly as before.
    assertThat(after.drift().stream().filter(d -> d.principalId() != null).map(DriftFinding::key))
        .containsExactlyInAnyOrderElementsOf(kept.stream().map(DriftFinding::key).toList());
  }

  @Test
  void theDeletedAssignmentsAreGone() {
    List<Change.DeleteAssignment> deletes =
        before.changes().stream()
            .filter(Change.DeleteAssignment.class::isInstance)
            .map(Change.DeleteAssignment.class::cast)
            .toList();
    assertThat(deletes)
        .extracting(Change.DeleteAssignment::principalName)
        .containsExactlyInAnyOrder("team-a-engineers", "bob@example.com");
    for (Change.DeleteAssignment d : deletes) {
      var k = d.assignment();
      assertThat(ic.listAccountAssignments(instanceArn, k.accountId(), d.permissionSetArn()))
          .noneMatch(a -> a.principalId().equals(k.principalId()));
    }
  }

  private static List<String> keys(ChangeAction action) {
    return before.changes().stream().filter(c -> c.action() == action).map(Change::key).toList();
  }

  private static String arnOf(String name) {
    Map<String, String> byName =
        ic.listPermissionSets(instanceArn).stream()
            .map(arn -> ic.describePermissionSet(instanceArn, arn))
            .collect(Collectors.toMap(PermissionSetInfo::name, PermissionSetInfo::arn));
    return Optional.ofNullable(byName.get(name))
        .orElseThrow(() -> new AssertionError("no live permission set " + name));
  }

  private static PermissionSetDefinition readDefinition(String arn) {
    PermissionSetInfo info = ic.describePermissionSet(instanceArn, arn);
    return new PermissionSetDefinition(
        info.description(),
        info.sessionDuration(),
        Set.copyOf(ic.listManagedPolicies(instanceArn, arn)),
        Set.copyOf(ic.listCustomerManagedPolicyReferences(instanceArn, arn)),
        ic.getPermissionsBoundary(instanceArn, arn),
        ic.getInlinePolicy(instanceArn, arn).orElse(null),
        ic.listTags(instanceArn, arn),
        null);
  }
}
