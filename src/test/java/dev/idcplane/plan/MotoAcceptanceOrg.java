package dev.idcplane.plan;

import dev.idcplane.identitycenter.CustomerManagedPolicyRef;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PermissionsBoundary;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.aws.AwsClients;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ssoadmin.model.Tag;

/**
 * The organization {@link MotoPlanAcceptanceTest} seeds into moto, described by names, and the code
 * that seeds it through the real SDK clients. moto names the caller's account, the management
 * account, {@value #MANAGEMENT}.
 */
public final class MotoAcceptanceOrg {
  /** The assignment rules both moto acceptance tests plan against this organization. */
  public static final String ASSIGNMENTS_YAML =
      """
      assignments:
        - group: team-a-engineers
          permission_set: AppDeveloper
          ous: [Workloads/NonProd]
        - group: finops
          permission_set: BillingViewer
          ous: [_root_]
          exclude_accounts: [master, sandbox-1]
        - group: security-auditors
          permission_set: Auditor
          ous: [Security]
        - group: platform-admins
          permission_set: Admin
          ous: [Workloads/Prod]
          accounts: [sandbox-1]
        - group: platform-admins
          permission_set: AWSAdministratorAccess
          ous: [Security]
        - group: breakglass
          permission_set: BreakGlass
          ous: [Workloads/NonProd/TeamA]
        - user: alice@example.com
          permission_set: Admin
          accounts: [app-prod]
          owner: secops@example.com
          expires: 2026-12-31
        - user: bob@example.com
          permission_set: Admin
          accounts: [app-staging]
          owner: secops@example.com
          expires: 2026-01-31
      """;

  public static final String MANAGEMENT = "master";

  /** An account under an OU path ("" = root); a closed one is closed with CloseAccount. */
  record AccountSpec(String unitPath, String name, boolean closed) {}

  /** A live permission set and its live definition. */
  record SetSpec(String name, PermissionSetDefinition definition) {}

  /** A live assignment: a principal (by name) holding a set (by name) in an account (by name). */
  record AssignmentSpec(String set, PrincipalType type, String principal, String account) {}

  /** What the seeding produced: ids by name. */
  public record Seeded(
      String managementAccountId, Map<String, String> accountIds, Map<String, String> setArns) {
    public String account(String name) {
      return Objects.requireNonNull(accountIds.get(name), name);
    }
  }

  /** OU paths, parents first: three levels down to Workloads/NonProd/TeamA. */
  static final List<String> UNITS =
      List.of(
          "Security",
          "Workloads",
          "Workloads/Prod",
          "Workloads/NonProd",
          "Workloads/NonProd/TeamA",
          "Sandbox");

  static final List<AccountSpec> ACCOUNTS =
      List.of(
          new AccountSpec("Security", "log-archive", false),
          new AccountSpec("Security", "audit", false),
          new AccountSpec("Workloads/Prod", "app-prod", false),
          new AccountSpec("Workloads/NonProd", "app-staging", false),
          new AccountSpec("Workloads/NonProd/TeamA", "team-a-dev", false),
          new AccountSpec("Workloads/NonProd/TeamA", "team-a-old", true),
          new AccountSpec("Sandbox", "sandbox-1", false),
          new AccountSpec("", "shared-services", false));

  static final List<String> GROUPS =
      List.of(
          "platform-admins",
          "team-a-engineers",
          "finops",
          "security-auditors",
          "breakglass",
          "AWSControlTowerAdmins",
          "legacy-contractors");

  static final List<String> USERS =
      List.of("alice@example.com", "bob@example.com", "carol@example.com");

  static final String APP_INLINE =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowApp\",\"Effect\":\"Allow\","
          + "\"Action\":[\"lambda:*\",\"s3:*\"],\"Resource\":\"*\"}]}";

  private static final String AWS = "arn:aws:iam::aws:policy/";

  /**
   * Live sets. AppDeveloper drifted from the matrix (session PT8H, an extra managed policy);
   * LegacyAccess and Unused are not in the matrix; AWSAdministratorAccess is Control Tower's.
   */
  static final List<SetSpec> SETS =
      List.of(
          new SetSpec(
              "AWSAdministratorAccess",
              def(
                  "Provides full access to AWS services and resources",
                  "PT1H",
                  Set.of(AWS + "AdministratorAccess"),
                  Set.of(),
                  Optional.empty(),
                  null,
                  Map.of())),
          new SetSpec(
              "LegacyAccess",
              def(
                  "Old contractor access",
                  "PT1H",
                  Set.of(AWS + "ReadOnlyAccess"),
                  Set.of(),
                  Optional.empty(),
                  null,
                  Map.of())),
          new SetSpec(
              "Unused", def(null, "PT1H", Set.of(), Set.of(), Optional.empty(), null, Map.of())),
          new SetSpec(
              "Admin",
              def(
                  "Platform administrators",
                  "PT1H",
                  Set.of(AWS + "AdministratorAccess"),
                  Set.of(),
                  Optional.empty(),
                  null,
                  Map.of("ManagedBy", "idc-control-plane"))),
          new SetSpec(
              "AppDeveloper",
              def(
                  "Application developers in non-prod accounts",
                  "PT8H",
                  Set.of(AWS + "ReadOnlyAccess", AWS + "job-function/ViewOnlyAccess"),
                  Set.of(new CustomerManagedPolicyRef("app-extra", "/team-a/")),
                  Optional.empty(),
                  APP_INLINE,
                  Map.of("ManagedBy", "idc-control-plane", "Team", "a"))),
          new SetSpec(
              "Auditor",
              def(
                  "Read-only audit",
                  "PT2H",
                  Set.of(AWS + "ReadOnlyAccess", AWS + "SecurityAudit"),
                  Set.of(),
                  Optional.of(PermissionsBoundary.managed(AWS + "ReadOnlyAccess")),
                  null,
                  Map.of())),
          new SetSpec(
              "BillingViewer",
              def(
                  "Billing read-only",
                  "PT1H",
                  Set.of(AWS + "job-function/Billing"),
                  Set.of(),
                  Optional.of(
                      PermissionsBoundary.customerManaged(
                          new CustomerManagedPolicyRef("finops-boundary", "/boundaries/"))),
                  null,
                  Map.of())));

  static final List<AssignmentSpec> ASSIGNMENTS =
      List.of(
          group("AWSAdministratorAccess", "AWSControlTowerAdmins", "log-archive"),
          group("AWSAdministratorAccess", "AWSControlTowerAdmins", "audit"),
          group("AWSAdministratorAccess", "AWSControlTowerAdmins", MANAGEMENT),
          group("LegacyAccess", "legacy-contractors", "app-prod"),
          user("LegacyAccess", "carol@example.com", "sandbox-1"),
          group("AppDeveloper", "team-a-engineers", "app-staging"),
          group("AppDeveloper", "team-a-engineers", "app-prod"),
          group("Auditor", "security-auditors", "log-archive"),
          group("Auditor", "security-auditors", "audit"),
          group("BillingViewer", "finops", MANAGEMENT),
          group("BillingViewer", "finops", "log-archive"),
          group("BillingViewer", "finops", "audit"),
          group("BillingViewer", "finops", "app-prod"),
          group("BillingViewer", "finops", "app-staging"),
          group("BillingViewer", "finops", "shared-services"),
          group("Admin", "platform-admins", "app-prod"),
          user("Admin", "alice@example.com", "app-prod"),
          user("Admin", "bob@example.com", "app-staging"));

  /** Auditor is updated after provisioning and re-provisioned to log-archive only. */
  public static final String STALE_SET = "Auditor";

  public static final String STALE_ACCOUNT = "audit";

  private final AwsClients aws;
  private final Runnable settle;

  public MotoAcceptanceOrg(AwsClients aws) {
    this(aws, () -> {});
  }

  /**
   * Seeds through {@code aws} and runs {@code settle} once the assignments are submitted and again
   * at the end: where operations take time (AWS-like moto) it waits for them, so the outdated copy
   * is made after the assignments provisioned their sets.
   */
  public MotoAcceptanceOrg(AwsClients aws, Runnable settle) {
    this.aws = aws;
    this.settle = settle;
  }

  public Seeded seed() {
    var orgs = aws.organizations();
    var org = orgs.createOrganization(r -> r.featureSet("ALL")).organization();
    String root = orgs.listRoots(r -> {}).roots().get(0).id();
    Map<String, String> units = new LinkedHashMap<>();
    for (String path : UNITS) {
      int slash = path.lastIndexOf('/');
      String parent = slash < 0 ? root : units.get(path.substring(0, slash));
      String name = path.substring(slash + 1);
      units.put(
          path,
          orgs.createOrganizationalUnit(r -> r.parentId(parent).name(name))
              .organizationalUnit()
              .id());
    }
    Map<String, String> accounts = new LinkedHashMap<>();
    accounts.put(MANAGEMENT, org.masterAccountId());
    for (AccountSpec a : ACCOUNTS) {
      String id =
          orgs.createAccount(r -> r.accountName(a.name()).email(a.name() + "@example.com"))
              .createAccountStatus()
              .accountId();
      if (!a.unitPath().isEmpty()) {
        orgs.moveAccount(
            r -> r.accountId(id).sourceParentId(root).destinationParentId(units.get(a.unitPath())));
      }
      if (a.closed()) {
        // CloseAccount: State CLOSED at once (deploy/moto/organizations_patches.py).
        orgs.closeAccount(r -> r.accountId(id));
      }
      accounts.put(a.name(), id);
    }

    var instance = aws.ssoAdmin().listInstances(r -> {}).instances().get(0);
    String arn = instance.instanceArn();
    String store = instance.identityStoreId();
    Map<String, String> principals = new LinkedHashMap<>();
    for (String g : GROUPS) {
      principals.put(
          "GROUP:" + g,
          aws.identityStore().createGroup(r -> r.identityStoreId(store).displayName(g)).groupId());
    }
    for (String u : USERS) {
      principals.put(
          "USER:" + u,
          aws.identityStore()
              .createUser(
                  r ->
                      r.identityStoreId(store)
                          .userName(u)
                          .displayName(u)
                          .name(n -> n.givenName("Test").familyName(u)))
              .userId());
    }
    Map<String, String> sets = new LinkedHashMap<>();
    for (SetSpec s : SETS) {
      sets.put(s.name(), createPermissionSet(arn, s.name(), s.definition()));
    }
    for (AssignmentSpec a : ASSIGNMENTS) {
      aws.ssoAdmin()
          .createAccountAssignment(
              r ->
                  r.instanceArn(arn)
                      .targetType("AWS_ACCOUNT")
                      .targetId(accounts.get(a.account()))
                      .permissionSetArn(sets.get(a.set()))
                      .principalType(a.type().name())
                      .principalId(principals.get(a.type() + ":" + a.principal())));
    }
    settle.run();
    makeStale(arn, sets.get(STALE_SET), accounts);
    settle.run();
    return new Seeded(org.masterAccountId(), Map.copyOf(accounts), Map.copyOf(sets));
  }

  /** The AWS way to an outdated copy: change the set, then re-provision all but one account. */
  private void makeStale(String instanceArn, String setArn, Map<String, String> accounts) {
    PermissionSetDefinition d = spec(STALE_SET).definition();
    aws.ssoAdmin()
        .updatePermissionSet(
            r ->
                r.instanceArn(instanceArn)
                    .permissionSetArn(setArn)
                    .description(d.description())
                    .sessionDuration(d.sessionDuration()));
    ASSIGNMENTS.stream()
        .filter(a -> a.set().equals(STALE_SET) && !a.account().equals(STALE_ACCOUNT))
        .map(AssignmentSpec::account)
        .distinct()
        .forEach(
            account ->
                aws.ssoAdmin()
                    .provisionPermissionSet(
                        r ->
                            r.instanceArn(instanceArn)
                                .permissionSetArn(setArn)
                                .targetType("AWS_ACCOUNT")
                                .targetId(accounts.get(account))));
  }

  private String createPermissionSet(String instanceArn, String name, PermissionSetDefinition d) {
    var sso = aws.ssoAdmin();
    String arn =
        sso.createPermissionSet(
                r ->
                    r.instanceArn(instanceArn)
                        .name(name)
                        .description(d.description())
                        .sessionDuration(d.sessionDuration())
                        .tags(
                            d.tags().entrySet().stream()
                                .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
                                .toList()))
            .permissionSet()
            .permissionSetArn();
    for (String policy : d.managedPolicies()) {
      sso.attachManagedPolicyToPermissionSet(
          r -> r.instanceArn(instanceArn).permissionSetArn(arn).managedPolicyArn(policy));
    }
    for (CustomerManagedPolicyRef ref : d.customerManagedPolicies()) {
      sso.attachCustomerManagedPolicyReferenceToPermissionSet(
          r ->
              r.instanceArn(instanceArn)
                  .permissionSetArn(arn)
                  .customerManagedPolicyReference(c -> c.name(ref.name()).path(ref.path())));
    }
    d.permissionsBoundary()
        .ifPresent(
            b ->
                sso.putPermissionsBoundaryToPermissionSet(
                    r ->
                        r.instanceArn(instanceArn)
                            .permissionSetArn(arn)
                            .permissionsBoundary(
                                pb -> {
                                  if (b.customerManaged() != null) {
                                    pb.customerManagedPolicyReference(
                                        c ->
                                            c.name(b.customerManaged().name())
                                                .path(b.customerManaged().path()));
                                  } else {
                                    pb.managedPolicyArn(b.managedPolicyArn());
                                  }
                                })));
    if (d.inlinePolicy() != null) {
      sso.putInlinePolicyToPermissionSet(
          r -> r.instanceArn(instanceArn).permissionSetArn(arn).inlinePolicy(d.inlinePolicy()));
    }
    return arn;
  }

  static SetSpec spec(String name) {
    return SETS.stream().filter(s -> s.name().equals(name)).findFirst().orElseThrow();
  }

  private static PermissionSetDefinition def(
      String description,
      String session,
      Set<String> managed,
      Set<CustomerManagedPolicyRef> cmp,
      Optional<PermissionsBoundary> boundary,
      String inline,
      Map<String, String> tags) {
    return new PermissionSetDefinition(description, session, managed, cmp, boundary, inline, tags);
  }

  private static AssignmentSpec group(String set, String group, String account) {
    return new AssignmentSpec(set, PrincipalType.GROUP, group, account);
  }

  private static AssignmentSpec user(String set, String user, String account) {
    return new AssignmentSpec(set, PrincipalType.USER, user, account);
  }
}
