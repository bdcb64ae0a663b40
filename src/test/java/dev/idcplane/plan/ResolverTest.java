package dev.idcplane.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.idcplane.identitycenter.AccountStatus;
import dev.idcplane.identitycenter.LiveStateReader;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.matrix.Matrix;
import dev.idcplane.matrix.MatrixLoad;
import dev.idcplane.matrix.MatrixLoader;
import dev.idcplane.matrix.SourceLocation;
import dev.idcplane.matrix.Violation;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ResolverTest {
  static final LocalDate TODAY = LocalDate.of(2026, 11, 23);
  static final String SETS =
      """
      permission_sets:
        Admin: {managed_policies: [arn:aws:iam::aws:policy/AdministratorAccess]}
        Dev: {session_duration: PT4H}
        AWSReadOnlyAccess: {external: true}
      """;

  private final Resolver resolver = new Resolver();

  static Matrix matrix(String sets, String rules) {
    MatrixLoad load = new MatrixLoader().load(Map.of("sets.yaml", sets, "rules.yaml", rules));
    assertThat(load.violations()).isEmpty();
    return load.matrix();
  }

  private Resolution resolve(String rules) {
    return resolve(rules, SandboxOrg.live(), TODAY);
  }

  private Resolution resolve(String rules, LiveStateReader.Result live, LocalDate today) {
    return resolver.resolve(matrix(SETS, rules), live, PlanPolicy.defaults(), today);
  }

  private static List<String> accounts(Resolution r) {
    return r.desired().assignments().keySet().stream()
        .map(AssignmentKey::accountId)
        .sorted()
        .toList();
  }

  private static SourceLocation rules(int line) {
    return new SourceLocation("rules.yaml", line);
  }

  @Test
  void anOuPathReachesEveryActiveAccountOfItsNestedOus() {
    Resolution r =
        resolve(
            """
            assignments:
              - {group: aws-platform-admins, permission_set: Admin, ous: [Workloads]}
            """);

    assertThat(r.errors()).isEmpty();
    assertThat(accounts(r))
        .containsExactly("444444444444", "555555555555", "666666666666", "777777777777");
    assertThat(r.desired().warnings()).isEmpty(); // old-dev is suspended: skipped silently
    DesiredAssignment a =
        r.desired()
            .assignments()
            .get(
                new AssignmentKey(
                    "444444444444",
                    "Admin",
                    PrincipalType.GROUP,
                    SandboxOrg.groupId("aws-platform-admins")));
    assertThat(a.principalName()).isEqualTo("aws-platform-admins");
    assertThat(a.accountName()).isEqualTo("app-prod");
    assertThat(a.wantedBy()).containsExactly(rules(2));
  }

  @Test
  void rootMeansEveryActiveAccountAndNestedPathsWork() {
    Resolution root =
        resolve(
            """
            assignments:
              - {group: aws-finops, permission_set: Dev, ous: [_root_]}
            """);
    Resolution nonProd =
        resolve(
            """
            assignments:
              - {group: aws-finops, permission_set: Dev, ous: [Workloads/NonProd]}
            """);

    assertThat(accounts(root)).hasSize(11).doesNotContain("888888888888").contains("111111111111");
    assertThat(accounts(nonProd)).containsExactly("666666666666", "777777777777");
  }

  @Test
  void ouAndRootIdsWorkLikePaths() {
    Resolution r =
        resolve(
            """
            assignments:
              - {group: aws-finops, permission_set: Dev, ous: [ou-root-nonprod1]}
              - {group: aws-secops, permission_set: Dev, ous: [r-root]}
            """);

    assertThat(r.errors()).isEmpty();
    assertThat(r.desired().assignments().keySet())
        .filteredOn(k -> k.principalId().equals(SandboxOrg.groupId("aws-finops")))
        .extracting(AssignmentKey::accountId)
        .containsExactlyInAnyOrder("666666666666", "777777777777");
    assertThat(r.desired().assignments().keySet())
        .filteredOn(k -> k.principalId().equals(SandboxOrg.groupId("aws-secops")))
        .hasSize(11);
  }

  @Test
  void exclusionsByNameAndIdWin() {
    Resolution r =
        resolve(
            """
            assignments:
              - group: aws-breakglass
                permission_set: Admin
                ous: [_root_]
                accounts: [log-archive]
                exclude_accounts: [management, "222222222222"]
            """);

    assertThat(r.errors()).isEmpty();
    assertThat(accounts(r)).hasSize(9).doesNotContain("111111111111", "222222222222");
  }

  @Test
  void accountsByIdAndByName() {
    Resolution r =
        resolve(
            """
            assignments:
              - {group: aws-finops, permission_set: Dev, accounts: ["123456789012", sandbox-7]}
            """);

    assertThat(r.errors()).isEmpty();
    assertThat(accounts(r)).containsExactly("111122223333", "123456789012");
  }

  @Test
  void aSuspendedAccountNamedExplicitlyIsAWarningNotATarget() {
    Resolution r =
        resolve(
            """
            assignments:
              - group: aws-team-a-engineers
                permission_set: Dev
                accounts:
                  - app-dev
                  - old-dev
            """);

    assertThat(r.errors()).isEmpty();
    assertThat(accounts(r)).containsExactly("666666666666");
    assertThat(r.desired().warnings())
        .extracting(Violation::kind, Violation::location, Violation::field)
        .containsExactly(tuple("inactive_account", rules(6), "assignments[0].accounts[1]"));
  }

  @Test
  void anAmbiguousAccountNameIsAnErrorAskingForTheId() {
    LiveStateReader.Result live =
        SandboxOrg.live(
            b -> b.account(SandboxOrg.account("121212121212", "app-dev"), SandboxOrg.SANDBOX));

    Resolution r =
        resolve(
            """
            assignments:
              - group: aws-team-a-engineers
                permission_set: Dev
                ous: [Security]
                accounts: [app-dev]
            """,
            live,
            TODAY);

    assertThat(r.errors())
        .extracting(Violation::kind, Violation::location, Violation::field)
        .containsExactly(tuple("ambiguous_account_name", rules(5), "assignments[0].accounts[0]"));
    assertThat(r.errors().get(0).message()).contains("121212121212", "666666666666");
    assertThat(r.errors().get(0).fix()).contains("id");
  }

  @Test
  void unknownNamesAreErrorsAtTheirFileAndLine() {
    Resolution r =
        resolve(
            """
            assignments:
              - group: aws-team-b-engineers
                permission_set: Dev
                ous: [Workloads/NonProd]
              - group: aws-finops
                permission_set: Dev
                ous:
                  - Workloads/Nonprod
                  - ou-root-missing1
                accounts: ["000000000000", app-devv]
                exclude_accounts: [no-such-account]
              - user: carol@example.com
                permission_set: Dev
                accounts: [app-dev]
                owner: secops@example.com
                expires: 2027-01-31
            """);

    assertThat(r.errors())
        .extracting(Violation::kind, Violation::location, Violation::field)
        .containsExactly(
            tuple("unknown_group", rules(2), "assignments[0].group"),
            tuple("unknown_ou", rules(8), "assignments[1].ous[0]"),
            tuple("unknown_ou", rules(9), "assignments[1].ous[1]"),
            tuple("unknown_account", rules(10), "assignments[1].accounts[0]"),
            tuple("unknown_account", rules(10), "assignments[1].accounts[1]"),
            tuple("unknown_account", rules(11), "assignments[1].exclude_accounts[0]"),
            tuple("unknown_user", rules(12), "assignments[2].user"));
    assertThat(r.errors().get(1).fix()).contains("'Workloads/NonProd'");
    assertThat(r.errors().get(4).fix()).contains("'app-dev'");
  }

  @Test
  void expiredUserRulesAreLeftOutAndListed() {
    String rules =
        """
        assignments:
          - user: alice@example.com
            permission_set: Admin
            accounts: ["444444444444"]
            owner: secops@example.com
            expires: 2026-11-22
          - user: bob@example.com
            permission_set: Admin
            accounts: ["444444444444"]
            owner: secops@example.com
            expires: 2026-11-23
        """;

    Resolution r = resolve(rules);

    assertThat(r.errors()).isEmpty();
    assertThat(r.desired().assignments().keySet())
        .extracting(AssignmentKey::principalId)
        .containsExactly(SandboxOrg.userId("bob@example.com")); // expires is the last valid day
    assertThat(r.desired().expiredUserRules())
        .containsExactly(
            new UserException(
                rules(2),
                "alice@example.com",
                "Admin",
                "secops@example.com",
                LocalDate.of(2026, 11, 22)));
    assertThat(resolve(rules, SandboxOrg.live(), TODAY.plusDays(1)).desired().expiredUserRules())
        .extracting(UserException::userName)
        .containsExactly("alice@example.com", "bob@example.com");
    assertThat(resolve(rules, SandboxOrg.live(), TODAY.minusDays(1)).desired().assignments())
        .hasSize(2);
  }

  @Test
  void userRulesExpiringWithinTheWarningWindowAreListedAndStillWanted() {
    String rules =
        """
        assignments:
          - user: alice@example.com
            permission_set: Admin
            accounts: ["444444444444"]
            owner: secops@example.com
            expires: %s
          - user: bob@example.com
            permission_set: Admin
            accounts: ["444444444444"]
            owner: secops@example.com
            expires: %s
          - group: aws-team-a-leads
            permission_set: Admin
            accounts: ["444444444444"]
        """
            .formatted(TODAY.plusDays(14), TODAY.plusDays(15));
    Matrix m = matrix(SETS, rules);

    Resolution r = resolver.resolve(m, SandboxOrg.live(), PlanPolicy.defaults(), TODAY);

    assertThat(r.errors()).isEmpty();
    assertThat(r.desired().assignments()).hasSize(3);
    assertThat(r.desired().expiringUserRules())
        .containsExactly(
            new UserException(
                rules(2), "alice@example.com", "Admin", "secops@example.com", TODAY.plusDays(14)));
    assertThat(r.desired().expiredUserRules()).isEmpty();
    // the last valid day itself still warns; the day after, the rule has expired instead
    assertThat(
            resolver
                .resolve(m, SandboxOrg.live(), PlanPolicy.defaults(), TODAY.plusDays(15))
                .desired())
        .satisfies(
            d -> {
              assertThat(d.expiringUserRules())
                  .extracting(UserException::userName)
                  .containsExactly("bob@example.com");
              assertThat(d.expiredUserRules())
                  .extracting(UserException::userName)
                  .containsExactly("alice@example.com");
            });
    PlanPolicy off = new PlanPolicy(PlanPolicy.DEFAULT_PROTECTED, false, 0);
    assertThat(resolver.resolve(m, SandboxOrg.live(), off, TODAY).desired().expiringUserRules())
        .isEmpty();
    PlanPolicy wide = new PlanPolicy(PlanPolicy.DEFAULT_PROTECTED, false, 30);
    assertThat(resolver.resolve(m, SandboxOrg.live(), wide, TODAY).desired().expiringUserRules())
        .hasSize(2);
    assertThatThrownBy(() -> new PlanPolicy(PlanPolicy.DEFAULT_PROTECTED, false, -1))
        .hasMessageContaining("expiryWarningDays");
  }

  @Test
  void aProtectedSetMayBeDeclaredOnlyAsExternal() {
    String sets = SETS + "  AWSAdministratorAccess: {session_duration: PT2H}\n";
    Resolution r =
        resolver.resolve(
            matrix(sets, "assignments: []\n"), SandboxOrg.live(), PlanPolicy.defaults(), TODAY);

    assertThat(r.errors())
        .extracting(Violation::kind, Violation::location, Violation::field)
        .containsExactly(
            tuple(
                "protected_permission_set",
                new SourceLocation("sets.yaml", 5),
                "permission_sets.AWSAdministratorAccess"));
    assertThat(r.desired().permissionSets().get("AWSAdministratorAccess").definition()).isEmpty();
    assertThat(r.desired().permissionSets().get("AWSReadOnlyAccess").external()).isTrue();
    assertThat(r.desired().permissionSets().get("Dev").definition()).isPresent();
    assertThat(
            resolver
                .resolve(
                    matrix(sets, "assignments: []\n"),
                    SandboxOrg.live(),
                    new PlanPolicy(List.of("Control*"), false),
                    TODAY)
                .errors())
        .isEmpty();
  }

  @Test
  void rulesWantingTheSameAssignmentMerge() {
    Resolution r =
        resolve(
            """
            assignments:
              - {group: aws-secops, permission_set: Dev, ous: [Workloads, Workloads/Prod]}
              - {group: aws-secops, permission_set: Dev, accounts: [app-prod]}
              - {group: aws-secops, permission_set: Admin, accounts: [app-prod]}
            """);

    assertThat(r.errors()).isEmpty();
    AssignmentKey key =
        new AssignmentKey(
            "444444444444", "Dev", PrincipalType.GROUP, SandboxOrg.groupId("aws-secops"));
    assertThat(r.desired().assignments().get(key).wantedBy()).containsExactly(rules(2), rules(3));
    assertThat(r.desired().assignments()).hasSize(5); // 4 Dev in Workloads + 1 Admin
  }

  @Test
  void aRuleThatReachesNothingIsAWarning() {
    Resolution r =
        resolve(
            """
            assignments:
              - group: aws-finops
                permission_set: Dev
                ous: [Workloads/NonProd]
                exclude_accounts: [app-dev, app-staging]
            """);

    assertThat(r.errors()).isEmpty();
    assertThat(r.desired().assignments()).isEmpty();
    assertThat(r.desired().warnings())
        .extracting(Violation::kind, Violation::location)
        .containsExactly(tuple("no_target_accounts", rules(2)));
  }

  @Test
  void aPendingClosureAccountReachedThroughAnOuIsSkippedToo() {
    LiveStateReader.Result live =
        SandboxOrg.live(
            b ->
                b.account(
                    new dev.idcplane.identitycenter.Account(
                        "131313131313", "closing", "c@example.com", AccountStatus.PENDING_CLOSURE),
                    SandboxOrg.SANDBOX));

    Resolution r =
        resolve(
            """
            assignments:
              - {group: aws-finops, permission_set: Dev, ous: [Sandbox]}
            """,
            live,
            TODAY);

    assertThat(accounts(r)).containsExactly("111122223333", "999999999999");
    assertThat(r.desired().warnings()).isEmpty();
  }

  @Test
  void theRequestNamesEverySetGroupAndUser() {
    Matrix m =
        matrix(
            SETS,
            """
            assignments:
              - {group: aws-finops, permission_set: Dev, ous: [_root_]}
              - {group: aws-finops, permission_set: Admin, ous: [Security]}
              - {user: alice@example.com, permission_set: Admin, accounts: [app-prod], owner: o, expires: 2020-01-01}
            """);

    LiveStateReader.Request req =
        MatrixRequests.forMatrix(m, Optional.of("arn:aws:sso:::instance/ssoins-1"));

    assertThat(req.instanceArn()).contains("arn:aws:sso:::instance/ssoins-1");
    assertThat(req.declaredPermissionSets())
        .containsExactlyInAnyOrder("Admin", "Dev", "AWSReadOnlyAccess");
    assertThat(req.groupNames()).containsExactly("aws-finops");
    assertThat(req.userNames()).containsExactly("alice@example.com");
  }
}
