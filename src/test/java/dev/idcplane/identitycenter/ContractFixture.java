package dev.idcplane.identitycenter;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The world every {@link IdentityCenterContractTest} backend seeds, described by names only: each
 * backend creates it its own way and reports the ids it got in a {@link SeededWorld}. The
 * management account is the backend's own (moto's is the caller's account).
 */
public final class ContractFixture {
  /** An account under an OU path ("" = root); a closed one is closed with CloseAccount. */
  public record AccountSpec(String unitPath, String name, boolean closed) {
    public String email() {
      return "aws+" + name + "@example.com";
    }
  }

  /** A permission set, its full definition, and accounts whose copy is older than it. */
  public record PermissionSetSpec(
      String name, PermissionSetDefinition definition, Set<String> outOfSyncAccounts) {}

  /** A principal (by name) holding a permission set (by name) in an account (by name). */
  public record AssignmentSpec(
      String permissionSet, PrincipalType type, String principal, String account) {}

  /** OU paths, parents before children. */
  public static final List<String> UNITS =
      List.of("Security", "Workloads", "Workloads/Prod", "Workloads/NonProd", "Sandbox");

  /** More accounts in Sandbox than one ListAccountsForParent page (20) holds. */
  public static final int SANDBOX_ACCOUNTS = PageSizes.ORGANIZATIONS + 3;

  public static final List<AccountSpec> ACCOUNTS = accounts();

  public static final List<String> GROUPS =
      List.of("platform-admins", "team-a-engineers", "auditors", "unused-group");

  public static final List<String> USERS = List.of("alice@example.com", "bob@example.com");

  static final String INLINE =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowApp\",\"Effect\":\"Allow\","
          + "\"Action\":[\"lambda:*\",\"s3:*\"],\"Resource\":\"*\"}]}";

  /** AppDeveloper's relay state: where its users land after federating. */
  public static final String RELAY_STATE =
      "https://console.aws.amazon.com/lambda/home?region=eu-west-1#/functions";

  public static final List<PermissionSetSpec> PERMISSION_SETS =
      List.of(
          new PermissionSetSpec(
              "Admin",
              new PermissionSetDefinition(
                  "Full admin",
                  "PT1H",
                  Set.of("arn:aws:iam::aws:policy/AdministratorAccess"),
                  Set.of(),
                  Optional.empty(),
                  null,
                  Map.of("ManagedBy", "idc-control-plane"),
                  null),
              Set.of()),
          new PermissionSetSpec(
              "AppDeveloper",
              new PermissionSetDefinition(
                  "App developer",
                  "PT8H",
                  Set.of(
                      "arn:aws:iam::aws:policy/ReadOnlyAccess",
                      "arn:aws:iam::aws:policy/job-function/ViewOnlyAccess"),
                  Set.of(
                      new CustomerManagedPolicyRef("app-extra", "/team-a/"),
                      new CustomerManagedPolicyRef("baseline", null)),
                  Optional.of(
                      PermissionsBoundary.customerManaged(
                          new CustomerManagedPolicyRef("dev-boundary", "/boundaries/"))),
                  INLINE,
                  Map.of("ManagedBy", "idc-control-plane", "Team", "a"),
                  RELAY_STATE),
              Set.of()),
          new PermissionSetSpec(
              "Auditor",
              new PermissionSetDefinition(
                  "Read-only audit",
                  "PT2H",
                  Set.of(
                      "arn:aws:iam::aws:policy/ReadOnlyAccess",
                      "arn:aws:iam::aws:policy/SecurityAudit"),
                  Set.of(),
                  Optional.of(
                      PermissionsBoundary.managed("arn:aws:iam::aws:policy/ReadOnlyAccess")),
                  null,
                  Map.of(),
                  null),
              Set.of("log-archive")),
          new PermissionSetSpec(
              "Unassigned",
              new PermissionSetDefinition(
                  null, "PT1H", Set.of(), Set.of(), Optional.empty(), null, Map.of(), null),
              Set.of()));

  public static final List<AssignmentSpec> ASSIGNMENTS = assignments();

  private ContractFixture() {}

  private static List<AccountSpec> accounts() {
    List<AccountSpec> out = new ArrayList<>();
    out.add(new AccountSpec("Security", "log-archive", false));
    out.add(new AccountSpec("Security", "audit", false));
    out.add(new AccountSpec("Workloads/Prod", "app-prod", false));
    out.add(new AccountSpec("Workloads/NonProd", "app-dev", false));
    out.add(new AccountSpec("Workloads/NonProd", "old-dev", true));
    out.add(new AccountSpec("", "shared-services", false));
    for (int i = 1; i <= SANDBOX_ACCOUNTS; i++) {
      out.add(new AccountSpec("Sandbox", "sandbox-" + i, false));
    }
    return List.copyOf(out);
  }

  private static List<AssignmentSpec> assignments() {
    List<AssignmentSpec> out = new ArrayList<>();
    for (String account : List.of("log-archive", "audit", "app-prod", "app-dev", "sandbox-1")) {
      out.add(new AssignmentSpec("Admin", PrincipalType.GROUP, "platform-admins", account));
    }
    out.add(new AssignmentSpec("AppDeveloper", PrincipalType.GROUP, "team-a-engineers", "app-dev"));
    out.add(new AssignmentSpec("AppDeveloper", PrincipalType.USER, "alice@example.com", "app-dev"));
    out.add(new AssignmentSpec("Auditor", PrincipalType.GROUP, "auditors", "log-archive"));
    out.add(new AssignmentSpec("Auditor", PrincipalType.GROUP, "auditors", "audit"));
    out.add(new AssignmentSpec("Admin", PrincipalType.USER, "bob@example.com", "sandbox-2"));
    return List.copyOf(out);
  }

  public static PermissionSetSpec permissionSet(String name) {
    return PERMISSION_SETS.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
  }

  /** Names of the accounts where the set has an assignment. */
  public static Set<String> assignedAccounts(String permissionSet) {
    return ASSIGNMENTS.stream()
        .filter(a -> a.permissionSet().equals(permissionSet))
        .map(AssignmentSpec::account)
        .collect(Collectors.toCollection(LinkedHashSet::new));
  }
}
