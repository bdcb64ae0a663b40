package dev.idcplane.support;

import dev.idcplane.identitycenter.ContractFixture;
import dev.idcplane.identitycenter.ContractFixture.AssignmentSpec;
import dev.idcplane.identitycenter.ContractFixture.PermissionSetSpec;
import dev.idcplane.identitycenter.CustomerManagedPolicyRef;
import dev.idcplane.identitycenter.Instance;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PermissionsBoundary;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.SeededWorld;
import dev.idcplane.identitycenter.aws.AwsClients;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.ssoadmin.model.Tag;

/**
 * Seeds an organization into moto through the real SDK clients, the way an operator's tooling would
 * build it in AWS, and describes the two the tests use: {@link #CONTRACT}, the {@link
 * ContractFixture} world of the contract tests, and {@link #ACCEPTANCE}, the drifted organization
 * the moto acceptance tests plan and apply against. Out-of-date copies are made the AWS way: update
 * the set after it is provisioned, then re-provision every account except the stale ones. moto
 * names the caller's account, the management account, itself.
 */
public final class MotoFixture {
  /** An account under an OU path ("" = root); a closed one is closed with CloseAccount. */
  public record Account(String unitPath, String name, String email, boolean closed) {}

  /**
   * An organization by names. {@code instanceName}, when not null, is given to moto's instance
   * (UpdateInstance), so ListInstances reports one; {@code managementName}, when not null, names
   * the management account among the seeded accounts (so assignments can target it). Sets list the
   * accounts whose copy is older than the set.
   */
  public record Org(
      String instanceName,
      String managementName,
      List<String> units,
      List<Account> accounts,
      List<String> groups,
      List<String> users,
      List<PermissionSetSpec> permissionSets,
      List<AssignmentSpec> assignments) {

    /** An identity store only: no organization units, accounts, permission sets or assignments. */
    public static Org directory(List<String> groups, List<String> users) {
      return new Org(null, null, List.of(), List.of(), groups, users, List.of(), List.of());
    }

    /** Names of the accounts where the set has an assignment, in assignment order. */
    public Set<String> assignedAccounts(String permissionSet) {
      Set<String> out = new LinkedHashSet<>();
      assignments.stream()
          .filter(a -> a.permissionSet().equals(permissionSet))
          .forEach(a -> out.add(a.account()));
      return out;
    }
  }

  /** {@link ContractFixture}'s world; the management account is not among its accounts. */
  public static final Org CONTRACT =
      new Org(
          "idc-contract",
          null,
          ContractFixture.UNITS,
          ContractFixture.ACCOUNTS.stream()
              .map(a -> new Account(a.unitPath(), a.name(), a.email(), a.closed()))
              .toList(),
          ContractFixture.GROUPS,
          ContractFixture.USERS,
          ContractFixture.PERMISSION_SETS,
          ContractFixture.ASSIGNMENTS);

  /** The assignment rules the acceptance tests plan against {@link #ACCEPTANCE}. */
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

  /** The management account's name in {@link #ACCEPTANCE}. */
  public static final String MANAGEMENT = "master";

  /**
   * In {@link #ACCEPTANCE}, Auditor is updated after provisioning and re-provisioned to log-archive
   * only.
   */
  public static final String STALE_SET = "Auditor";

  public static final String STALE_ACCOUNT = "audit";

  private static final String AWS = "arn:aws:iam::aws:policy/";

  private static final String APP_INLINE =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Sid\":\"AllowApp\",\"Effect\":\"Allow\","
          + "\"Action\":[\"lambda:*\",\"s3:*\"],\"Resource\":\"*\"}]}";

  /**
   * The drifted organization: OUs three levels down to Workloads/NonProd/TeamA, a closed account,
   * live sets of which AppDeveloper drifted from the matrix (session PT8H, an extra managed
   * policy), LegacyAccess and Unused are not in the matrix and AWSAdministratorAccess is Control
   * Tower's, and an outdated copy of {@link #STALE_SET} in {@link #STALE_ACCOUNT}.
   */
  public static final Org ACCEPTANCE =
      new Org(
          null,
          MANAGEMENT,
          List.of(
              "Security",
              "Workloads",
              "Workloads/Prod",
              "Workloads/NonProd",
              "Workloads/NonProd/TeamA",
              "Sandbox"),
          List.of(
              account("Security", "log-archive", false),
              account("Security", "audit", false),
              account("Workloads/Prod", "app-prod", false),
              account("Workloads/NonProd", "app-staging", false),
              account("Workloads/NonProd/TeamA", "team-a-dev", false),
              account("Workloads/NonProd/TeamA", "team-a-old", true),
              account("Sandbox", "sandbox-1", false),
              account("", "shared-services", false)),
          List.of(
              "platform-admins",
              "team-a-engineers",
              "finops",
              "security-auditors",
              "breakglass",
              "AWSControlTowerAdmins",
              "legacy-contractors"),
          List.of("alice@example.com", "bob@example.com", "carol@example.com"),
          List.of(
              set(
                  "AWSAdministratorAccess",
                  def(
                      "Provides full access to AWS services and resources",
                      "PT1H",
                      Set.of(AWS + "AdministratorAccess"),
                      Set.of(),
                      Optional.empty(),
                      null,
                      Map.of())),
              set(
                  "LegacyAccess",
                  def(
                      "Old contractor access",
                      "PT1H",
                      Set.of(AWS + "ReadOnlyAccess"),
                      Set.of(),
                      Optional.empty(),
                      null,
                      Map.of())),
              set(
                  "Unused",
                  def(null, "PT1H", Set.of(), Set.of(), Optional.empty(), null, Map.of())),
              set(
                  "Admin",
                  def(
                      "Platform administrators",
                      "PT1H",
                      Set.of(AWS + "AdministratorAccess"),
                      Set.of(),
                      Optional.empty(),
                      null,
                      Map.of("ManagedBy", "idc-control-plane"))),
              set(
                  "AppDeveloper",
                  def(
                      "Application developers in non-prod accounts",
                      "PT8H",
                      Set.of(AWS + "ReadOnlyAccess", AWS + "job-function/ViewOnlyAccess"),
                      Set.of(new CustomerManagedPolicyRef("app-extra", "/team-a/")),
                      Optional.empty(),
                      APP_INLINE,
                      Map.of("ManagedBy", "idc-control-plane", "Team", "a"))),
              new PermissionSetSpec(
                  STALE_SET,
                  def(
                      "Read-only audit",
                      "PT2H",
                      Set.of(AWS + "ReadOnlyAccess", AWS + "SecurityAudit"),
                      Set.of(),
                      Optional.of(PermissionsBoundary.managed(AWS + "ReadOnlyAccess")),
                      null,
                      Map.of()),
                  Set.of(STALE_ACCOUNT)),
              set(
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
                      Map.of()))),
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
              user("Admin", "bob@example.com", "app-staging")));

  private final AwsClients aws;
  private final Runnable settle;

  public MotoFixture(AwsClients aws) {
    this(aws, () -> {});
  }

  /**
   * Seeds through {@code aws} and runs {@code settle} once the assignments are submitted and again
   * at the end: where operations take time (AWS-like moto) it waits for them, so the outdated copy
   * is made after the assignments provisioned their sets.
   */
  public MotoFixture(AwsClients aws, Runnable settle) {
    this.aws = aws;
    this.settle = settle;
  }

  /** Seeds {@code org}; returns the ids moto gave each name. */
  public SeededWorld seed(Org org) {
    var orgs = aws.organizations();
    var organization = orgs.createOrganization(r -> r.featureSet("ALL")).organization();
    String root = orgs.listRoots(r -> {}).roots().get(0).id();
    Map<String, String> units = new LinkedHashMap<>();
    for (String path : org.units()) {
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
    if (org.managementName() != null) {
      accounts.put(org.managementName(), organization.masterAccountId());
    }
    for (Account a : org.accounts()) {
      String id =
          orgs.createAccount(r -> r.accountName(a.name()).email(a.email()))
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

    var listed = aws.ssoAdmin().listInstances(r -> {}).instances().get(0);
    if (org.instanceName() != null) {
      aws.ssoAdmin()
          .updateInstance(r -> r.instanceArn(listed.instanceArn()).name(org.instanceName()));
    }
    Instance instance =
        new Instance(
            listed.instanceArn(),
            listed.identityStoreId(),
            org.instanceName(),
            organization.masterAccountId(),
            Instance.ACTIVE);
    String store = instance.identityStoreId();
    Map<String, String> groups = new LinkedHashMap<>();
    for (String g : org.groups()) {
      groups.put(
          g,
          aws.identityStore().createGroup(r -> r.identityStoreId(store).displayName(g)).groupId());
    }
    Map<String, String> users = new LinkedHashMap<>();
    for (String u : org.users()) {
      users.put(
          u,
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
    for (PermissionSetSpec p : org.permissionSets()) {
      sets.put(p.name(), createPermissionSet(instance.instanceArn(), p.name(), p.definition()));
    }
    SeededWorld world =
        new SeededWorld(
            instance,
            organization.id(),
            organization.masterAccountId(),
            accounts,
            units,
            groups,
            users,
            sets);
    for (AssignmentSpec a : org.assignments()) {
      aws.ssoAdmin()
          .createAccountAssignment(
              r ->
                  r.instanceArn(instance.instanceArn())
                      .targetType("AWS_ACCOUNT")
                      .targetId(world.account(a.account()))
                      .permissionSetArn(world.permissionSet(a.permissionSet()))
                      .principalType(a.type().name())
                      .principalId(world.principal(a.type(), a.principal())));
    }
    settle.run();
    for (PermissionSetSpec p : org.permissionSets()) {
      if (!p.outOfSyncAccounts().isEmpty()) {
        makeStale(instance.instanceArn(), world, org, p);
      }
    }
    settle.run();
    return world;
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
                        .relayState(d.relayState())
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

  /** The AWS way to an outdated copy: change the set, then re-provision all but the stale ones. */
  private void makeStale(String instanceArn, SeededWorld world, Org org, PermissionSetSpec p) {
    String arn = world.permissionSet(p.name());
    PermissionSetDefinition d = p.definition();
    aws.ssoAdmin()
        .updatePermissionSet(
            r ->
                r.instanceArn(instanceArn)
                    .permissionSetArn(arn)
                    .description(d.description())
                    .sessionDuration(d.sessionDuration())
                    .relayState(d.relayState()));
    for (String account : org.assignedAccounts(p.name())) {
      if (!p.outOfSyncAccounts().contains(account)) {
        aws.ssoAdmin()
            .provisionPermissionSet(
                r ->
                    r.instanceArn(instanceArn)
                        .permissionSetArn(arn)
                        .targetType("AWS_ACCOUNT")
                        .targetId(world.account(account)));
      }
    }
  }

  private static Account account(String unitPath, String name, boolean closed) {
    return new Account(unitPath, name, name + "@example.com", closed);
  }

  private static PermissionSetSpec set(String name, PermissionSetDefinition definition) {
    return new PermissionSetSpec(name, definition, Set.of());
  }

  private static PermissionSetDefinition def(
      String description,
      String session,
      Set<String> managed,
      Set<CustomerManagedPolicyRef> cmp,
      Optional<PermissionsBoundary> boundary,
      String inline,
      Map<String, String> tags) {
    return new PermissionSetDefinition(
        description, session, managed, cmp, boundary, inline, tags, null);
  }

  private static AssignmentSpec group(String set, String group, String account) {
    return new AssignmentSpec(set, PrincipalType.GROUP, group, account);
  }

  private static AssignmentSpec user(String set, String user, String account) {
    return new AssignmentSpec(set, PrincipalType.USER, user, account);
  }
}
