package dev.idcplane.identitycenter.sandbox;

import dev.idcplane.identitycenter.Account;
import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.AccountStatus;
import dev.idcplane.identitycenter.Instance;
import dev.idcplane.identitycenter.OrgUnit;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.RequestPacer;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Builds a {@link SandboxIdentityCenter} step by step. Each step checks its input at once and
 * throws {@link IllegalArgumentException} saying what is wrong, so a seed loader can point at the
 * offending line. Order: {@link #organization} first, then {@link #instance} (optional), units,
 * accounts, groups, users, permission sets, assignments, then provisioning extras and out-of-sync
 * marks. Ids left out are derived deterministically from names. The clock (system UTC unless set)
 * and the behaviour ({@link SandboxBehaviour#instant()} unless set) may be set at any point. One
 * builder builds one sandbox.
 */
public final class SandboxBuilder {
  private SandboxState state;
  private String pendingInstanceArn;
  private String pendingStoreId;
  private boolean built;
  private Clock clock = Clock.systemUTC();
  private SandboxBehaviour behaviour = SandboxBehaviour.instant();
  private RequestPacer pacer = RequestPacer.NONE;

  SandboxBuilder() {}

  /** The clock operations, the request rate and throttle storms run on. */
  public SandboxBuilder clock(Clock clock) {
    this.clock = Objects.requireNonNull(clock, "clock");
    return this;
  }

  /** Latencies, caps, request rate and faults (default {@link SandboxBehaviour#instant()}). */
  public SandboxBuilder behaviour(SandboxBehaviour behaviour) {
    this.behaviour = Objects.requireNonNull(behaviour, "behaviour");
    return this;
  }

  /** The organization, its management account id and root id (null root id: derived). */
  public SandboxBuilder organization(String id, String managementAccountId, String rootId) {
    check(state == null, "the organization is already set");
    check(
        id != null && id.matches("o-[a-z0-9]{10,32}"),
        "organization id must look like o-[a-z0-9]{10,32}, got " + id);
    check(
        isAccountId(managementAccountId),
        "management account must be 12 digits, got " + managementAccountId);
    String root = rootId != null ? rootId : SandboxIds.rootId(id);
    check(root.matches("r-[0-9a-z]{4,32}"), "root id must look like r-[0-9a-z]{4,32}, got " + root);
    String arn = pendingInstanceArn != null ? pendingInstanceArn : SandboxIds.instanceArn(id);
    String store = pendingStoreId != null ? pendingStoreId : SandboxIds.identityStoreId(id);
    state =
        new SandboxState(
            id,
            managementAccountId,
            new OrgUnit(root, "Root"),
            new Instance(arn, store, null, managementAccountId, Instance.ACTIVE));
    return this;
  }

  /**
   * The account whose credentials the simulated caller has (what GetCallerIdentity answers); the
   * management account unless set. Another account of the organization makes the service a
   * delegated administrator. Checked against the accounts when the sandbox is built.
   */
  public SandboxBuilder callerAccount(String accountId) {
    SandboxState s = state();
    check(isAccountId(accountId), "caller account must be 12 digits, got " + accountId);
    s.callerAccountId = accountId;
    return this;
  }

  /**
   * The Identity Center instance; call before {@link #organization} or leave out for derived ids.
   */
  public SandboxBuilder instance(String instanceArn, String identityStoreId) {
    check(state == null, "set the instance before the organization");
    check(
        instanceArn == null
            || instanceArn.matches("arn:aws[a-z-]*:sso:::instance/(sso)?ins-[a-zA-Z0-9-.]{16}"),
        "instance ARN must look like arn:aws:sso:::instance/ssoins-<16 chars>, got " + instanceArn);
    check(
        identityStoreId == null || identityStoreId.matches("d-[0-9a-f]{10}"),
        "identity store id must look like d-<10 hex digits>, got " + identityStoreId);
    pendingInstanceArn = instanceArn;
    pendingStoreId = identityStoreId;
    return this;
  }

  /** An OU at a {@code /}-separated path of names; its parent path must exist. Null id: derived. */
  public SandboxBuilder unit(String path, String id) {
    SandboxState s = state();
    check(path != null && !path.isBlank(), "an OU needs a name");
    String parent = parentId(parentPath(path));
    String name = path.substring(path.lastIndexOf('/') + 1);
    check(findUnit(path).isEmpty(), "OU " + path + " is declared twice");
    String ouId = id != null ? id : SandboxIds.ouId(s.root.id(), path);
    check(
        ouId.matches("ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}"),
        "OU id must look like ou-<root>-<8 chars>, got " + ouId);
    check(!s.units.containsKey(ouId), "OU id " + ouId + " is used twice");
    s.units.put(ouId, new OrgUnit(ouId, name));
    s.unitParent.put(ouId, parent);
    return this;
  }

  /** An account under the OU at {@code parentPath} ({@code ""} for the root). */
  public SandboxBuilder account(
      String parentPath, String id, String name, String email, AccountStatus status) {
    SandboxState s = state();
    check(name != null && !name.isBlank(), "an account needs a name");
    String accountId = id != null ? id : SandboxIds.accountId(name);
    check(isAccountId(accountId), "account id must be 12 digits, got " + accountId);
    check(!s.accounts.containsKey(accountId), "account " + accountId + " is declared twice");
    String mail = email != null ? email : "aws+" + name + "@example.com";
    s.accounts.put(
        accountId,
        new Account(accountId, name, mail, status == null ? AccountStatus.ACTIVE : status));
    s.accountParent.put(accountId, parentId(parentPath == null ? "" : parentPath));
    return this;
  }

  public SandboxBuilder group(String displayName, String id) {
    new DirectoryOps(state()).add(PrincipalType.GROUP, requireName(displayName), id);
    return this;
  }

  public SandboxBuilder user(String userName, String id) {
    new DirectoryOps(state()).add(PrincipalType.USER, requireName(userName), id);
    return this;
  }

  /** Makes a seeded user a member of a seeded group (both by name). */
  public SandboxBuilder member(String userName, String groupDisplayName) {
    SandboxState s = state();
    String user = idOf(s.users, userName);
    String group = idOf(s.groups, groupDisplayName);
    check(user != null, "no user " + userName);
    check(group != null, "no group " + groupDisplayName + " (groups are declared before users)");
    s.memberships.computeIfAbsent(user, u -> new java.util.LinkedHashSet<>()).add(group);
    return this;
  }

  private static String idOf(java.util.Map<String, String> directory, String name) {
    return directory.entrySet().stream()
        .filter(e -> e.getValue().equals(name))
        .map(java.util.Map.Entry::getKey)
        .findFirst()
        .orElse(null);
  }

  /** A permission set; null ARN: derived from the name. */
  public SandboxBuilder permissionSet(String name, String arn, PermissionSetDefinition definition) {
    SandboxState s = state();
    check(
        name != null && name.matches("[\\w+=,.@-]{1,32}"),
        "permission set name must be 1-32 of [A-Za-z0-9+=,.@_-], got " + name);
    check(permissionSetArn(name).isEmpty(), "permission set " + name + " is declared twice");
    String psArn = arn != null ? arn : SandboxIds.permissionSetArn(s.instance.instanceArn(), name);
    check(
        psArn.matches(
            "arn:aws[a-z-]*:sso:::permissionSet/(sso)?ins-[a-zA-Z0-9-.]{16}/ps-[a-zA-Z0-9-./]{16}"),
        "permission set ARN must look like arn:aws:sso:::permissionSet/ssoins-<16>/ps-<16>, got "
            + psArn);
    check(!s.permissionSets.containsKey(psArn), "permission set ARN " + psArn + " is used twice");
    PermissionSetRules.check(definition);
    s.permissionSets.put(psArn, new SandboxPermissionSet(psArn, name, definition));
    return this;
  }

  /**
   * An assignment of a set to a group or user (by name) in an account; provisions the set there.
   */
  public SandboxBuilder assignment(
      String permissionSet, PrincipalType type, String principal, String accountId) {
    SandboxState s = state();
    String arn =
        permissionSetArn(permissionSet)
            .orElseThrow(
                () -> new IllegalArgumentException("unknown permission set " + permissionSet));
    String id =
        new DirectoryOps(s)
            .findId("build", s.instance.identityStoreId(), type, principal)
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "unknown " + type.name().toLowerCase() + " " + principal));
    check(s.accounts.containsKey(accountId), "unknown account " + accountId);
    new AssignmentOps(s, new DirectoryOps(s))
        .create(new AccountAssignment(accountId, arn, type, id));
    return this;
  }

  /** Provisions a set to an account that holds no assignment of it. */
  public SandboxBuilder provisioned(String permissionSet, String accountId) {
    SandboxState s = state();
    check(s.accounts.containsKey(accountId), "unknown account " + accountId);
    set(permissionSet).provisionLatest(accountId);
    return this;
  }

  /** Marks the set's provisioned copy in an account as older than its definition. */
  public SandboxBuilder outOfSync(String permissionSet, String accountId) {
    SandboxPermissionSet ps = set(permissionSet);
    check(
        ps.provisionedVersions.containsKey(accountId),
        "permission set "
            + permissionSet
            + " is not provisioned to "
            + accountId
            + "; give it an assignment there or list the account under provisioned_to");
    if (ps.version == 1) {
      ps.version = 2;
      ps.provisionedVersions.replaceAll((a, v) -> 2L);
    }
    ps.provisionedVersions.put(accountId, ps.version - 1);
    return this;
  }

  /**
   * What paces the later pages of a list call (the caller paces each call's first request); none
   * unless set.
   */
  public SandboxBuilder pacer(RequestPacer pacer) {
    this.pacer = Objects.requireNonNull(pacer, "pacer");
    return this;
  }

  public SandboxIdentityCenter build() {
    validate();
    built = true;
    return new SandboxIdentityCenter(state, clock, behaviour, pacer);
  }

  /** Checks what can only be checked once everything is declared. */
  void validate() {
    SandboxState s = state();
    check(
        s.accounts.containsKey(s.managementAccountId),
        "management account " + s.managementAccountId + " is not among the accounts");
    check(
        s.accounts.containsKey(s.callerAccountId),
        "caller account "
            + s.callerAccountId
            + " is not among the accounts; name the management"
            + " account or the delegated administrator account");
  }

  /** The id of an account by name, if exactly one has it (seed loaders resolve names with it). */
  Optional<String> accountIdNamed(String name) {
    var matches = state().accounts.values().stream().filter(a -> a.name().equals(name)).toList();
    return matches.size() == 1 ? Optional.of(matches.get(0).id()) : Optional.empty();
  }

  Map<String, Account> accounts() {
    return java.util.Collections.unmodifiableMap(state().accounts);
  }

  private SandboxPermissionSet set(String name) {
    return state()
        .permissionSets
        .get(
            permissionSetArn(name)
                .orElseThrow(() -> new IllegalArgumentException("unknown permission set " + name)));
  }

  private Optional<String> permissionSetArn(String name) {
    return state().permissionSets.values().stream()
        .filter(p -> p.name.equals(name))
        .map(p -> p.arn)
        .findFirst();
  }

  private String parentId(String path) {
    if (path.isEmpty()) {
      return state().root.id();
    }
    return findUnit(path)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown OU " + path + "; declare it before what it holds"));
  }

  private Optional<String> findUnit(String path) {
    SandboxState s = state();
    String current = s.root.id();
    for (String segment : path.split("/")) {
      String parent = current;
      Optional<String> child =
          s.units.values().stream()
              .filter(u -> u.name().equals(segment) && parent.equals(s.unitParent.get(u.id())))
              .map(OrgUnit::id)
              .findFirst();
      if (child.isEmpty()) {
        return Optional.empty();
      }
      current = child.get();
    }
    return Optional.of(current);
  }

  private static String parentPath(String path) {
    int i = path.lastIndexOf('/');
    return i < 0 ? "" : path.substring(0, i);
  }

  private SandboxState state() {
    check(!built, "this builder has already built its sandbox");
    check(state != null, "declare the organization first");
    return state;
  }

  private static String requireName(String name) {
    check(name != null && !name.isBlank(), "a name is required");
    return name;
  }

  private static boolean isAccountId(String id) {
    return id != null && id.matches("\\d{12}");
  }

  static void check(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
