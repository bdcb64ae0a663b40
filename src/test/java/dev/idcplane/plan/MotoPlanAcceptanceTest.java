package dev.idcplane.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.AccountStatus;
import dev.idcplane.identitycenter.ContractFixture.AssignmentSpec;
import dev.idcplane.identitycenter.ContractFixture.PermissionSetSpec;
import dev.idcplane.identitycenter.LiveStateReader;
import dev.idcplane.identitycenter.PageSizes;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.SeededWorld;
import dev.idcplane.identitycenter.aws.AwsClients;
import dev.idcplane.identitycenter.aws.AwsIdentityCenter;
import dev.idcplane.identitycenter.aws.MotoServer;
import dev.idcplane.matrix.AssignmentRule;
import dev.idcplane.matrix.Matrix;
import dev.idcplane.matrix.MatrixLoad;
import dev.idcplane.matrix.MatrixLoader;
import dev.idcplane.support.MotoFixture;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;

/**
 * The "done when" test: an organization seeded into moto through the real SDK ({@link
 * MotoFixture#ACCEPTANCE}), a matrix given as in-memory files, and the whole pipeline — {@link
 * LiveStateReader} over {@link AwsIdentityCenter}, {@link Resolver}, {@link Planner} — with exactly
 * the changes and drift the seeded drift calls for, and the AWS calls the read costs checked
 * against the formula in {@link LiveStateReader}'s Javadoc.
 */
class MotoPlanAcceptanceTest {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  static final LocalDate TODAY = LocalDate.of(2026, 3, 2);

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
          customer_managed_policies: [{name: app-extra, path: /team-a/}]
          inline_policy: |
            {"Version": "2012-10-17",
             "Statement": [{"Sid": "AllowApp", "Effect": "Allow",
                            "Action": ["lambda:*", "s3:*"], "Resource": "*"}]}
          tags: {ManagedBy: idc-control-plane, Team: a}
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
          session_duration: PT1H
          managed_policies: [arn:aws:iam::aws:policy/AdministratorAccess]
        AWSAdministratorAccess: {external: true}
      """;

  static SeededWorld seeded;
  static Matrix matrix;
  static LiveStateReader.Result live;
  static Resolution resolution;
  static Plan plan;
  static Map<String, Integer> readCalls;

  @BeforeAll
  static void seedReadResolveAndPlan() {
    try (AwsClients seeding = AwsClients.create(settings(List.of()))) {
      seeded = new MotoFixture(seeding).seed(MotoFixture.ACCEPTANCE);
    }
    MatrixLoad load =
        new MatrixLoader()
            .load(
                Map.of(
                    "permission-sets.yaml",
                    PERMISSION_SETS_YAML,
                    "assignments.yaml",
                    MotoFixture.ASSIGNMENTS_YAML));
    assertThat(load.violations()).isEmpty();
    matrix = load.matrix();

    CallCounter counter = new CallCounter();
    Clock clock = Clock.fixed(Instant.parse("2026-03-02T09:00:00Z"), ZoneOffset.UTC);
    try (AwsClients reading = AwsClients.create(settings(List.of(counter)))) {
      live =
          new LiveStateReader(new AwsIdentityCenter(reading), clock)
              .read(MatrixRequests.forMatrix(matrix, Optional.empty()));
    }
    readCalls = counter.snapshot();

    PlanPolicy policy = PlanPolicy.defaults();
    resolution = new Resolver().resolve(matrix, live, policy, TODAY);
    plan =
        new Planner()
            .plan(
                resolution.desired(),
                live.state(),
                policy,
                new PlanSource(
                    matrix.digest(),
                    null,
                    live.state().instance().instanceArn(),
                    live.state().readAt()));
  }

  @Test
  void theMatrixResolvesCleanly() {
    assertThat(resolution.errors()).isEmpty();
    assertThat(resolution.desired().warnings()).isEmpty();
    assertThat(Planner.missingExternalSets(resolution.desired(), live.state())).isEmpty();
    assertThat(live.state().organization().managementAccountId())
        .isEqualTo(seeded.managementAccountId());
  }

  @Test
  void assignmentCreatesAndDeletesAreExactlyWhatTheDriftCallsFor() {
    assertThat(lines(ChangeAction.CREATE_ASSIGNMENT))
        .containsExactlyInAnyOrder(
            "AWSAdministratorAccess platform-admins log-archive",
            "AWSAdministratorAccess platform-admins audit",
            "Admin platform-admins sandbox-1",
            "AppDeveloper team-a-engineers team-a-dev",
            "BillingViewer finops team-a-dev",
            "BreakGlass breakglass team-a-dev");
    assertThat(lines(ChangeAction.DELETE_ASSIGNMENT))
        .containsExactlyInAnyOrder(
            "AppDeveloper team-a-engineers app-prod", "Admin bob@example.com app-staging");

    Change.DeleteAssignment bob = delete("Admin", "bob@example.com");
    assertThat(bob.reason()).contains("expired on 2026-01-31");
    Change.CreateAssignment nested = create("AppDeveloper", "team-a-dev");
    assertThat(nested.wantedBy())
        .extracting(Object::toString)
        .containsExactly(
            "assignments.yaml:"
                + lineOf(MotoFixture.ASSIGNMENTS_YAML, "- group: team-a-engineers"));
    assertThat(create("BreakGlass", "team-a-dev").permissionSetArn())
        .as("BreakGlass is created by the same plan")
        .isNull();
    assertThat(create("Admin", "sandbox-1").permissionSetArn())
        .isEqualTo(seeded.permissionSetArns().get("Admin"));
  }

  @Test
  void permissionSetChangesComeFirstInApplyOrder() {
    assertThat(lines(ChangeAction.CREATE_PERMISSION_SET))
        .containsExactly("permission-set/BreakGlass");
    assertThat(lines(ChangeAction.UPDATE_PERMISSION_SET))
        .containsExactly("permission-set/AppDeveloper");
    Change.UpdatePermissionSet update = only(Change.UpdatePermissionSet.class);
    assertThat(update.fields())
        .extracting(FieldChange::field)
        .containsExactly("session_duration", "managed_policies");
    assertThat(update.before().sessionDuration()).isEqualTo("PT8H");
    assertThat(update.after().sessionDuration()).isEqualTo("PT4H");

    Map<String, List<String>> provisions =
        plan.changes().stream()
            .filter(c -> c instanceof Change.ProvisionPermissionSet)
            .map(c -> (Change.ProvisionPermissionSet) c)
            .collect(
                Collectors.toMap(
                    Change.ProvisionPermissionSet::name,
                    Change.ProvisionPermissionSet::outOfSyncAccounts,
                    (a, b) -> a,
                    TreeMap::new));
    assertThat(provisions)
        .containsExactly(
            Map.entry("AppDeveloper", List.of()),
            Map.entry(MotoFixture.STALE_SET, List.of(seeded.account(MotoFixture.STALE_ACCOUNT))));

    assertThat(plan.changes())
        .extracting(Change::action)
        .isSortedAccordingTo(Comparator.comparingInt(MotoPlanAcceptanceTest::applyRank));
    assertThat(plan.summary().totalChanges()).isEqualTo(1 + 1 + 2 + 6 + 2);
  }

  @Test
  void theClosedAccountGetsNothing() {
    String old = seeded.account("team-a-old");
    assertThat(live.state().orgTree().account(old))
        .hasValueSatisfying(a -> assertThat(a.status()).isEqualTo(AccountStatus.CLOSED));
    assertThat(live.state().orgTree().accountPath(old)).isEqualTo("Workloads/NonProd/TeamA");
    assertThat(resolution.desired().assignments().keySet())
        .extracting(AssignmentKey::accountId)
        .doesNotContain(old)
        .contains(seeded.account("team-a-dev"));
    assertThat(plan.changes())
        .filteredOn(c -> c.key().contains(old) || c.content().contains(old))
        .isEmpty();
  }

  @Test
  void everythingElseIsReportedAsDriftOfTheRightKind() {
    assertThat(plan.drift())
        .extracting(MotoPlanAcceptanceTest::line)
        .containsExactlyInAnyOrder(
            "MISSING AWSAdministratorAccess platform-admins log-archive",
            "MISSING AWSAdministratorAccess platform-admins audit",
            "MISSING Admin platform-admins sandbox-1",
            "MISSING AppDeveloper team-a-engineers team-a-dev",
            "MISSING BillingViewer finops team-a-dev",
            "MISSING BreakGlass breakglass team-a-dev",
            "UNEXPECTED AppDeveloper team-a-engineers app-prod",
            "UNEXPECTED Admin bob@example.com app-staging",
            "UNEXPECTED BillingViewer finops master",
            "UNMANAGED LegacyAccess legacy-contractors app-prod",
            "UNMANAGED LegacyAccess carol@example.com sandbox-1",
            "PROTECTED AWSAdministratorAccess AWSControlTowerAdmins log-archive",
            "PROTECTED AWSAdministratorAccess AWSControlTowerAdmins audit",
            "PROTECTED AWSAdministratorAccess AWSControlTowerAdmins master",
            "DEFINITION AppDeveloper",
            "OUT_OF_SYNC Auditor",
            "EXPIRED_USER_RULE Admin bob@example.com");
    assertThat(plan.drift())
        .filteredOn(
            d ->
                d.kind() == DriftKind.UNEXPECTED
                    && seeded.managementAccountId().equals(d.accountId()))
        .singleElement()
        .satisfies(d -> assertThat(d.detail()).contains("kept").contains("management account"));
    assertThat(plan.drift())
        .filteredOn(d -> d.kind() == DriftKind.DEFINITION)
        .singleElement()
        .satisfies(d -> assertThat(d.detail()).contains("session_duration, managed_policies"));
  }

  /**
   * LiveStateReader's Javadoc: 1 ListInstances + 1 DescribeOrganization + 1 GetCallerIdentity + 1
   * ListRoots + 2(O+1) tree calls + 1 ListPermissionSets + P describes + (P + P')
   * provisioned-account lists + 5D definition reads + S ListAccountAssignments + one
   * GetGroupId/GetUserId per matrix principal + one Describe* per other principal seen live. Every
   * term is counted here from the seed and the matrix, not from the read.
   */
  @Test
  void theReadCostsWhatTheDocumentedFormulaSays() {
    int o = MotoFixture.ACCEPTANCE.units().size();
    Set<String> liveSets =
        MotoFixture.ACCEPTANCE.permissionSets().stream()
            .map(PermissionSetSpec::name)
            .collect(Collectors.toSet());
    int p = liveSets.size();
    int d = (int) matrix.permissionSets().keySet().stream().filter(liveSets::contains).count();
    int provisionedSets =
        distinct(MotoFixture.ACCEPTANCE.assignments(), AssignmentSpec::permissionSet).size();
    int s =
        distinct(MotoFixture.ACCEPTANCE.assignments(), a -> a.permissionSet() + "/" + a.account())
            .size();
    Set<String> matrixGroups = matrixPrincipals(PrincipalType.GROUP);
    Set<String> matrixUsers = matrixPrincipals(PrincipalType.USER);
    Set<String> otherGroups = otherLivePrincipals(PrincipalType.GROUP, matrixGroups);
    Set<String> otherUsers = otherLivePrincipals(PrincipalType.USER, matrixUsers);
    // Every list fits in one page here, so "one call per page" is one call.
    assertThat(MotoFixture.ACCEPTANCE.accounts().size() + 1)
        .isLessThanOrEqualTo(PageSizes.ORGANIZATIONS);
    assertThat(p).isLessThanOrEqualTo(PageSizes.SSO_ADMIN);

    Map<String, Integer> expected = new TreeMap<>();
    expected.put("ListInstances", 1);
    expected.put("DescribeOrganization", 1);
    expected.put("GetCallerIdentity", 1);
    expected.put("ListRoots", 1);
    expected.put("ListAccountsForParent", o + 1);
    expected.put("ListOrganizationalUnitsForParent", o + 1);
    expected.put("ListPermissionSets", 1);
    expected.put("DescribePermissionSet", p);
    expected.put("ListAccountsForProvisionedPermissionSet", p + provisionedSets);
    expected.put("ListManagedPoliciesInPermissionSet", d);
    expected.put("ListCustomerManagedPolicyReferencesInPermissionSet", d);
    expected.put("GetPermissionsBoundaryForPermissionSet", d);
    expected.put("GetInlinePolicyForPermissionSet", d);
    expected.put("ListTagsForResource", d);
    expected.put("ListAccountAssignments", s);
    expected.put("GetGroupId", matrixGroups.size());
    expected.put("GetUserId", matrixUsers.size());
    expected.put("DescribeGroup", otherGroups.size());
    expected.put("DescribeUser", otherUsers.size());
    expected.values().removeIf(n -> n == 0);

    assertThat(readCalls).containsExactlyInAnyOrderEntriesOf(expected);
    int formula =
        1
            + 1
            + 1
            + 1
            + 2 * (o + 1)
            + 1
            + p
            + (p + provisionedSets)
            + 5 * d
            + s
            + matrixGroups.size()
            + matrixUsers.size()
            + otherGroups.size()
            + otherUsers.size();
    assertThat(readCalls.values().stream().mapToInt(Integer::intValue).sum()).isEqualTo(formula);
  }

  private static Set<String> matrixPrincipals(PrincipalType type) {
    return matrix.rules().stream()
        .filter(r -> r.principalType() == type)
        .map(AssignmentRule::principalName)
        .collect(Collectors.toSet());
  }

  private static Set<String> otherLivePrincipals(PrincipalType type, Set<String> named) {
    return MotoFixture.ACCEPTANCE.assignments().stream()
        .filter(a -> a.type() == type && !named.contains(a.principal()))
        .map(AssignmentSpec::principal)
        .collect(Collectors.toSet());
  }

  private static <T> Set<String> distinct(Collection<T> items, Function<T, String> key) {
    return items.stream().map(key).collect(Collectors.toSet());
  }

  private static List<String> lines(ChangeAction action) {
    return plan.changes().stream()
        .filter(c -> c.action() == action)
        .map(
            c -> {
              if (c instanceof Change.CreateAssignment a) {
                return a.assignment().permissionSetName()
                    + " "
                    + a.principalName()
                    + " "
                    + a.accountName();
              }
              if (c instanceof Change.DeleteAssignment a) {
                return a.assignment().permissionSetName()
                    + " "
                    + a.principalName()
                    + " "
                    + a.accountName();
              }
              return c.key();
            })
        .toList();
  }

  private static String line(DriftFinding d) {
    List<String> parts = new ArrayList<>(List.of(d.kind().name(), d.permissionSetName()));
    if (d.principalName() != null) {
      parts.add(d.principalName());
    }
    if (d.accountName() != null) {
      parts.add(d.accountName());
    }
    return String.join(" ", parts);
  }

  private static Change.CreateAssignment create(String set, String accountName) {
    return plan.changes().stream()
        .filter(
            c ->
                c instanceof Change.CreateAssignment a
                    && a.assignment().permissionSetName().equals(set)
                    && a.accountName().equals(accountName))
        .map(c -> (Change.CreateAssignment) c)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no create of " + set + " in " + accountName));
  }

  private static Change.DeleteAssignment delete(String set, String principalName) {
    return plan.changes().stream()
        .filter(
            c ->
                c instanceof Change.DeleteAssignment a
                    && a.assignment().permissionSetName().equals(set)
                    && a.principalName().equals(principalName))
        .map(c -> (Change.DeleteAssignment) c)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no delete of " + set + " for " + principalName));
  }

  private static <T extends Change> T only(Class<T> type) {
    List<T> found = plan.changes().stream().filter(type::isInstance).map(type::cast).toList();
    assertThat(found).hasSize(1);
    return found.get(0);
  }

  private static int applyRank(ChangeAction a) {
    return switch (a) {
      case CREATE_PERMISSION_SET, UPDATE_PERMISSION_SET -> 0;
      case PROVISION_PERMISSION_SET -> 1;
      case CREATE_ASSIGNMENT -> 2;
      case DELETE_ASSIGNMENT -> 3;
      case APPLICATION -> 4;
    };
  }

  private static int lineOf(String text, String fragment) {
    String[] lines = text.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      if (lines[i].contains(fragment)) {
        return i + 1;
      }
    }
    throw new AssertionError(fragment + " not in the matrix text");
  }

  private static AwsClients.Settings settings(List<ExecutionInterceptor> interceptors) {
    return new AwsClients.Settings(
        Region.US_EAST_1,
        Optional.of(MOTO.endpoint()),
        RetryMode.STANDARD,
        1,
        Duration.ofSeconds(30),
        Optional.of(
            StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing"))),
        interceptors);
  }

  /** Counts SDK API calls (not HTTP attempts) per operation name, across all three clients. */
  static final class CallCounter implements ExecutionInterceptor {
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();

    @Override
    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
      String operation = attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME);
      calls.computeIfAbsent(operation, k -> new AtomicInteger()).incrementAndGet();
    }

    Map<String, Integer> snapshot() {
      Map<String, Integer> out = new TreeMap<>();
      calls.forEach((k, v) -> out.put(k, v.get()));
      return out;
    }
  }
}
