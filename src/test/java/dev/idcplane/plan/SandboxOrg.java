package dev.idcplane.plan;

import dev.idcplane.identitycenter.Account;
import dev.idcplane.identitycenter.AccountStatus;
import dev.idcplane.identitycenter.Instance;
import dev.idcplane.identitycenter.LiveState;
import dev.idcplane.identitycenter.LiveStateReader;
import dev.idcplane.identitycenter.OrgTree;
import dev.idcplane.identitycenter.OrgUnit;
import dev.idcplane.identitycenter.Organization;
import dev.idcplane.identitycenter.Principal;
import dev.idcplane.identitycenter.PrincipalType;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** The sandbox organization and identity store, built by hand for resolver tests. */
final class SandboxOrg {
  static final String ROOT = "r-root";
  static final String SECURITY = "ou-root-security";
  static final String WORKLOADS = "ou-root-workload";
  static final String PROD = "ou-root-prod0001";
  static final String NONPROD = "ou-root-nonprod1";
  static final String SANDBOX = "ou-root-sandbox1";
  static final String INFRA = "ou-root-infra001";

  static final List<String> GROUPS =
      List.of(
          "aws-platform-admins",
          "aws-team-a-engineers",
          "aws-team-a-leads",
          "aws-finops",
          "aws-security-auditors",
          "aws-secops",
          "aws-breakglass",
          "AWSControlTowerAdmins",
          "legacy-contractors");
  static final List<String> USERS = List.of("alice@example.com", "bob@example.com");

  private SandboxOrg() {}

  static OrgTree.Builder tree() {
    return new OrgTree.Builder(new OrgUnit(ROOT, "Root"))
        .account(account("111111111111", "management"), ROOT)
        .unit(new OrgUnit(SECURITY, "Security"), ROOT)
        .account(account("222222222222", "log-archive"), SECURITY)
        .account(account("333333333333", "audit"), SECURITY)
        .unit(new OrgUnit(WORKLOADS, "Workloads"), ROOT)
        .unit(new OrgUnit(PROD, "Prod"), WORKLOADS)
        .account(account("444444444444", "app-prod"), PROD)
        .account(account("555555555555", "data-prod"), PROD)
        .unit(new OrgUnit(NONPROD, "NonProd"), WORKLOADS)
        .account(account("666666666666", "app-dev"), NONPROD)
        .account(account("777777777777", "app-staging"), NONPROD)
        .account(
            new Account("888888888888", "old-dev", "old-dev@example.com", AccountStatus.SUSPENDED),
            NONPROD)
        .unit(new OrgUnit(SANDBOX, "Sandbox"), ROOT)
        .account(account("111122223333", "sandbox-7"), SANDBOX)
        .account(account("999999999999", "sandbox-8"), SANDBOX)
        .unit(new OrgUnit(INFRA, "Infrastructure"), ROOT)
        .account(account("123456789012", "network"), INFRA)
        .account(account("210987654321", "shared-services"), INFRA);
  }

  static Account account(String id, String name) {
    return new Account(id, name, name + "@example.com", AccountStatus.ACTIVE);
  }

  static LiveStateReader.Result live() {
    return live(b -> {});
  }

  /** The sandbox, with changes to the tree (e.g. an extra account). */
  static LiveStateReader.Result live(Consumer<OrgTree.Builder> changes) {
    OrgTree.Builder b = tree();
    changes.accept(b);
    Map<String, Principal> groups = principals(GROUPS, PrincipalType.GROUP);
    Map<String, Principal> users = principals(USERS, PrincipalType.USER);
    Map<String, Principal> byId = new LinkedHashMap<>();
    groups.values().forEach(p -> byId.put(p.id(), p));
    users.values().forEach(p -> byId.put(p.id(), p));
    Organization org = new Organization("o-sandbox0001", "111111111111");
    LiveState state =
        new LiveState(
            new Instance("arn:aws:sso:::instance/ssoins-0000000000000000", "d-0000000000"),
            org,
            b.build(),
            Map.of(),
            Set.of(),
            byId,
            Instant.EPOCH,
            org.managementAccountId());
    return new LiveStateReader.Result(state, groups, users);
  }

  private static Map<String, Principal> principals(List<String> names, PrincipalType type) {
    Map<String, Principal> m = new LinkedHashMap<>();
    names.forEach(n -> m.put(n, new Principal(type, type.name().toLowerCase() + "-id-" + n, n)));
    return m;
  }

  static String groupId(String name) {
    return "group-id-" + name;
  }

  static String userId(String name) {
    return "user-id-" + name;
  }
}
