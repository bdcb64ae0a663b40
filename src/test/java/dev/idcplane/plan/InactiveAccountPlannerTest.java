package dev.idcplane.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idcplane.identitycenter.Account;
import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.AccountStatus;
import dev.idcplane.identitycenter.Instance;
import dev.idcplane.identitycenter.LivePermissionSet;
import dev.idcplane.identitycenter.LiveState;
import dev.idcplane.identitycenter.OrgTree;
import dev.idcplane.identitycenter.OrgUnit;
import dev.idcplane.identitycenter.Organization;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PermissionSetInfo;
import dev.idcplane.identitycenter.Principal;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.ProvisionTarget;
import dev.idcplane.matrix.SourceLocation;
import dev.idcplane.plan.stored.StoredChanges;
import dev.idcplane.view.ChangeView;
import dev.idcplane.view.PlanViews;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** The planner in organizations with accounts that are not ACTIVE (issue 8). */
class InactiveAccountPlannerTest {
  static final String MGMT = "111111111111";
  static final String DEV = "666666666666";
  static final String OLD = "888888888888";
  static final SourceLocation AT = new SourceLocation("assignments.yaml", 3);
  static final PermissionSetDefinition V1 = def("PT1H");
  static final PermissionSetDefinition V2 = def("PT4H");

  final Map<String, Account> accounts = new LinkedHashMap<>();
  final Map<String, LivePermissionSet> sets = new HashMap<>();
  final Set<AccountAssignment> assignments = new HashSet<>();
  final Map<String, DesiredPermissionSet> wantSets = new HashMap<>();
  final Map<AssignmentKey, DesiredAssignment> wantAssignments = new HashMap<>();

  static PermissionSetDefinition def(String duration) {
    return new PermissionSetDefinition(
        "d", duration, Set.of(), Set.of(), Optional.empty(), null, Map.of(), null);
  }

  InactiveAccountPlannerTest() {
    account(MGMT, "management", AccountStatus.ACTIVE);
    account(DEV, "app-dev", AccountStatus.ACTIVE);
  }

  void account(String id, String name, AccountStatus status) {
    accounts.put(id, new Account(id, name, name + "@x", status));
  }

  void live(String name, PermissionSetDefinition d, Set<String> provisioned, Set<String> stale) {
    sets.put(
        name,
        new LivePermissionSet(
            new PermissionSetInfo("arn:ps/" + name, name, "d", d.sessionDuration()),
            Optional.of(d),
            provisioned,
            stale));
  }

  void declare(String name, PermissionSetDefinition d) {
    wantSets.put(name, new DesiredPermissionSet(name, AT, Optional.of(d)));
  }

  void liveAssignment(String account, String set) {
    assignments.add(new AccountAssignment(account, "arn:ps/" + set, PrincipalType.GROUP, "g1"));
  }

  void want(String account, String set) {
    AssignmentKey k = new AssignmentKey(account, set, PrincipalType.GROUP, "g1");
    wantAssignments.put(k, new DesiredAssignment(k, "devs", "acct-" + account, List.of(AT)));
  }

  Plan plan() {
    OrgTree.Builder tree = new OrgTree.Builder(new OrgUnit("r-1", "Root"));
    accounts.values().forEach(a -> tree.account(a, "r-1"));
    LiveState state =
        new LiveState(
            new Instance("arn:ins", "d-1"),
            new Organization("o-1", MGMT),
            tree.build(),
            sets,
            assignments,
            Map.of("g1", new Principal(PrincipalType.GROUP, "g1", "devs")),
            Instant.EPOCH,
            MGMT);
    return new Planner()
        .plan(
            new DesiredState(wantSets, wantAssignments, List.of(), List.of()),
            state,
            PlanPolicy.defaults(),
            new PlanSource("sha", null, "arn:ins", Instant.EPOCH));
  }

  static List<String> drift(Plan p) {
    return p.drift().stream()
        .map(d -> d.kind() + " " + d.accountId() + " fixed=" + d.fixedByPlan())
        .toList();
  }

  static List<ProvisionTarget> provisionTargets(Plan p) {
    return p.changes().stream()
        .filter(c -> c instanceof Change.ProvisionPermissionSet)
        .map(c -> ((Change.ProvisionPermissionSet) c).target())
        .toList();
  }

  @ParameterizedTest
  @EnumSource(value = AccountStatus.class, names = "ACTIVE", mode = EnumSource.Mode.EXCLUDE)
  void managedAssignmentsInAnAccountThatIsNotActiveAreKeptAndReported(AccountStatus status) {
    account(OLD, "old-dev", status);
    declare("Dev", V1);
    live("Dev", V1, Set.of(DEV, OLD), Set.of());
    liveAssignment(OLD, "Dev"); // the matrix does not want it: in an ACTIVE account it is deleted
    liveAssignment(DEV, "Dev");
    want(DEV, "Dev");

    Plan p = plan();

    assertThat(p.changes()).isEmpty();
    assertThat(drift(p)).containsExactly("INACTIVE_ACCOUNT " + OLD + " fixed=false");
    assertThat(p.drift().get(0).detail()).contains("old-dev is " + status).contains("kept");
    assertThat(p.summary().driftByKind()).containsEntry(DriftKind.INACTIVE_ACCOUNT, 1);
  }

  @Test
  void aWantedAssignmentInASuspendedAccountIsNotCreated() {
    account(OLD, "old-dev", AccountStatus.SUSPENDED);
    declare("Dev", V1);
    live("Dev", V1, Set.of(), Set.of());
    want(OLD, "Dev");

    Plan p = plan();

    assertThat(p.changes()).isEmpty();
    assertThat(drift(p)).containsExactly("INACTIVE_ACCOUNT " + OLD + " fixed=false");
  }

  @Test
  void theSameAssignmentInAnActiveAccountIsStillDeleted() {
    declare("Dev", V1);
    live("Dev", V1, Set.of(DEV), Set.of());
    liveAssignment(DEV, "Dev");

    Plan p = plan();

    assertThat(p.changes())
        .extracting(Change::action)
        .containsExactly(ChangeAction.DELETE_ASSIGNMENT);
  }

  @Test
  void aSetProvisionedToASuspendedAccountIsProvisionedPerActiveAccount() {
    account(OLD, "old-dev", AccountStatus.SUSPENDED);
    account("222222222222", "app-qa", AccountStatus.ACTIVE);
    declare("Dev", V2);
    live("Dev", V1, Set.of(DEV, OLD, "222222222222"), Set.of());

    Plan p = plan();

    assertThat(provisionTargets(p))
        .containsExactly(ProvisionTarget.account("222222222222"), ProvisionTarget.account(DEV));
    Change.ProvisionPermissionSet first = (Change.ProvisionPermissionSet) p.changes().get(1);
    assertThat(first.key()).isEqualTo("provision/Dev/222222222222");
    assertThat(first.accountName()).isEqualTo("app-qa");
    assertThat(first.reason()).contains("not ACTIVE").contains(OLD);
    assertThat(PlanTextRenderer.render(p))
        .contains("> provision Dev to account app-qa (222222222222)")
        .doesNotContain("to ALL_PROVISIONED_ACCOUNTS\n");
    assertThat(p.summary().provisionPermissionSets()).isEqualTo(2);
  }

  @Test
  void onlyOutdatedActiveCopiesAreProvisionedWhenTheDefinitionIsUnchanged() {
    account(OLD, "old-dev", AccountStatus.CLOSED);
    declare("Dev", V1);
    live("Dev", V1, Set.of(MGMT, DEV, OLD), Set.of(DEV, OLD));

    Plan p = plan();

    assertThat(provisionTargets(p)).containsExactly(ProvisionTarget.account(DEV));
    assertThat(((Change.ProvisionPermissionSet) p.changes().get(0)).outOfSyncAccounts())
        .containsExactly(DEV);
    // the closed account's copy stays outdated: the plan does not fix it
    assertThat(drift(p)).containsExactly("OUT_OF_SYNC null fixed=false");
  }

  @Test
  void withEveryProvisionedAccountActiveOneRequestReachesThemAll() {
    declare("Dev", V2);
    live("Dev", V1, Set.of(MGMT, DEV), Set.of());

    Plan p = plan();

    assertThat(provisionTargets(p)).containsExactly(ProvisionTarget.ALL_PROVISIONED_ACCOUNTS);
    assertThat(p.changes().get(1).key()).isEqualTo("provision/Dev");
    assertThat(PlanTextRenderer.render(p)).contains("> provision Dev to ALL_PROVISIONED_ACCOUNTS");
  }

  @Test
  void aSetProvisionedToMoreThan3500AccountsIsProvisionedPerAccount() {
    Set<String> provisioned =
        IntStream.range(0, Planner.MAX_ALL_PROVISIONED_ACCOUNTS + 1)
            .mapToObj(i -> String.format("5%011d", i))
            .collect(Collectors.toSet());
    provisioned.forEach(id -> account(id, "a-" + id, AccountStatus.ACTIVE));
    declare("Dev", V2);
    live("Dev", V1, provisioned, Set.of());

    Plan p = plan();

    assertThat(provisionTargets(p))
        .hasSize(3_501)
        .doesNotContain(ProvisionTarget.ALL_PROVISIONED_ACCOUNTS);
    assertThat(p.changes().get(1).reason()).contains("3501 accounts").contains("3500");
    assertThat(p.changes().stream().map(Change::key).distinct()).hasSize(3_502);
  }

  @Test
  void exactly3500AccountsStillUseOneRequest() {
    Set<String> provisioned =
        IntStream.range(0, Planner.MAX_ALL_PROVISIONED_ACCOUNTS)
            .mapToObj(i -> String.format("5%011d", i))
            .collect(Collectors.toSet());
    provisioned.forEach(id -> account(id, "a-" + id, AccountStatus.ACTIVE));
    declare("Dev", V2);
    live("Dev", V1, provisioned, Set.of());

    assertThat(provisionTargets(plan())).containsExactly(ProvisionTarget.ALL_PROVISIONED_ACCOUNTS);
  }

  @Test
  void anOrganizationReadWithoutAnActiveAccountIsRefusedNamingWhatWasSeen() {
    accounts.clear();
    account(MGMT, "management", AccountStatus.SUSPENDED);
    account(DEV, "app-dev", AccountStatus.SUSPENDED);
    account(OLD, "old-dev", AccountStatus.CLOSED);
    declare("Dev", V1);
    live("Dev", V1, Set.of(DEV), Set.of());
    liveAssignment(DEV, "Dev");

    assertThatThrownBy(this::plan)
        .isInstanceOf(NoActiveAccountException.class)
        .hasMessageContaining("o-1")
        .hasMessageContaining("no ACTIVE account")
        .hasMessageContaining("of 3 accounts read, 2 SUSPENDED, 1 CLOSED")
        .hasMessageContaining("Nothing was planned");
  }

  @Test
  void aPerAccountProvisioningSurvivesTheStoredRunCodec() {
    account(OLD, "old-dev", AccountStatus.SUSPENDED);
    declare("Dev", V2);
    live("Dev", V1, Set.of(DEV, OLD), Set.of(DEV));
    Change c = plan().changes().get(1);

    ChangeView view = PlanViews.change(c);
    assertThat(view.target()).isEqualTo("aws_account");
    assertThat(view.account().id()).isEqualTo(DEV);
    String stored = StoredChanges.encode(c);
    assertThat(stored).contains("\"target\":\"aws_account\"").contains("\"id\":\"" + DEV + "\"");
    Change back = StoredChanges.decode(stored);

    assertThat(back).isEqualTo(c);
    ChangeView all =
        PlanViews.change(new Change.ProvisionPermissionSet("Dev", "arn:ps/Dev", List.of(), "r"));
    assertThat(all.target()).isEqualTo("all_provisioned_accounts");
    // a change stored before targets existed has neither target nor account
    String old =
        "{\"action\":\"provision_permission_set\",\"key\":\"provision/Dev\",\"reason\":\"r\","
            + "\"permissionSet\":\"Dev\",\"permissionSetArn\":\"arn:ps/Dev\"}";
    assertThat(((Change.ProvisionPermissionSet) StoredChanges.decode(old)).target())
        .isEqualTo(ProvisionTarget.ALL_PROVISIONED_ACCOUNTS);
  }
}
