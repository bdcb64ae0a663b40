package dev.idcplane.identitycenter.sandbox;

import dev.idcplane.identitycenter.Account;
import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.CustomerManagedPolicyRef;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.Instance;
import dev.idcplane.identitycenter.OrgUnit;
import dev.idcplane.identitycenter.Organization;
import dev.idcplane.identitycenter.PageSizes;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PermissionSetInfo;
import dev.idcplane.identitycenter.PermissionsBoundary;
import dev.idcplane.identitycenter.Principal;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.ProvisioningStatus;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;

/**
 * An in-process, deterministic simulation of IAM Identity Center, its identity store and AWS
 * Organizations, built from a seed ({@link #fromSeed(Path)}) or a {@link SandboxBuilder}.
 *
 * <p>Contract: thread-safe (one read-write lock); reads never change state; every list is paged
 * by {@link PageSizes} and each simulated page counts as one API call under the AWS operation's
 * name in {@link #callCounts()}. Errors are {@code IdentityCenterException}s of the kind AWS would
 * give. The mutation methods ({@link #createAccountAssignment}, {@link #updatePermissionSet}, …)
 * exist so tests and demos can create drift; they apply at once and are not counted as calls.
 */
public final class SandboxIdentityCenter implements IdentityCenter {
  private final SandboxState state;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  private final CallCounter calls = new CallCounter();
  private final OrganizationOps org;
  private final DirectoryOps directory;
  private final PermissionSetOps sets;
  private final AssignmentOps assignments;

  SandboxIdentityCenter(SandboxState state) {
    this.state = state;
    this.org = new OrganizationOps(state);
    this.directory = new DirectoryOps(state);
    this.sets = new PermissionSetOps(state);
    this.assignments = new AssignmentOps(state, directory);
  }

  /** Loads a seed file; a malformed seed fails with a {@link SandboxSeedException} naming file:line. */
  public static SandboxIdentityCenter fromSeed(Path yaml) {
    return SeedLoader.load(yaml).build();
  }

  /** Loads a seed from a stream; {@code name} is used in error messages. */
  public static SandboxIdentityCenter fromSeed(InputStream yaml, String name) {
    return SeedLoader.load(yaml, name).build();
  }

  public static SandboxBuilder builder() {
    return new SandboxBuilder();
  }

  // ---- call accounting ----

  /** Simulated API calls per operation name since creation or the last reset, sorted by name. */
  public Map<String, Long> callCounts() {
    return calls.snapshot();
  }

  /** Sum of {@link #callCounts()}. */
  public long totalCalls() {
    return calls.snapshot().values().stream().mapToLong(Long::longValue).sum();
  }

  public void resetCallCounts() {
    calls.reset();
  }

  // ---- IdentityCenter ----

  @Override
  public List<Instance> listInstances() {
    return page("ListInstances", PageSizes.SSO_ADMIN, () -> List.of(state.instance));
  }

  @Override
  public Organization describeOrganization() {
    return one("DescribeOrganization", org::describeOrganization);
  }

  @Override
  public List<OrgUnit> listRoots() {
    return page("ListRoots", PageSizes.ORGANIZATIONS, org::listRoots);
  }

  @Override
  public List<OrgUnit> listOrganizationalUnitsForParent(String parentId) {
    String op = "ListOrganizationalUnitsForParent";
    return page(op, PageSizes.ORGANIZATIONS, () -> org.unitsFor(op, parentId));
  }

  @Override
  public List<Account> listAccountsForParent(String parentId) {
    String op = "ListAccountsForParent";
    return page(op, PageSizes.ORGANIZATIONS, () -> org.accountsFor(op, parentId));
  }

  @Override
  public Optional<String> findGroupId(String identityStoreId, String displayName) {
    return one(
        "GetGroupId",
        () -> directory.findId("GetGroupId", identityStoreId, PrincipalType.GROUP, displayName));
  }

  @Override
  public Optional<String> findUserId(String identityStoreId, String userName) {
    return one(
        "GetUserId",
        () -> directory.findId("GetUserId", identityStoreId, PrincipalType.USER, userName));
  }

  @Override
  public Optional<Principal> describePrincipal(
      String identityStoreId, PrincipalType type, String principalId) {
    String op = type == PrincipalType.GROUP ? "DescribeGroup" : "DescribeUser";
    return one(op, () -> directory.describe(op, identityStoreId, type, principalId));
  }

  @Override
  public List<String> listPermissionSets(String instanceArn) {
    String op = "ListPermissionSets";
    return page(op, PageSizes.SSO_ADMIN, () -> sets.list(op, instanceArn));
  }

  @Override
  public PermissionSetInfo describePermissionSet(String instanceArn, String permissionSetArn) {
    String op = "DescribePermissionSet";
    return one(op, () -> sets.describe(op, instanceArn, permissionSetArn));
  }

  @Override
  public List<String> listManagedPolicies(String instanceArn, String permissionSetArn) {
    String op = "ListManagedPoliciesInPermissionSet";
    return page(op, PageSizes.SSO_ADMIN, () -> sets.managedPolicies(op, instanceArn, permissionSetArn));
  }

  @Override
  public List<CustomerManagedPolicyRef> listCustomerManagedPolicyReferences(
      String instanceArn, String permissionSetArn) {
    String op = "ListCustomerManagedPolicyReferencesInPermissionSet";
    return page(op, PageSizes.SSO_ADMIN, () -> sets.customerManaged(op, instanceArn, permissionSetArn));
  }

  @Override
  public Optional<String> getInlinePolicy(String instanceArn, String permissionSetArn) {
    String op = "GetInlinePolicyForPermissionSet";
    return one(op, () -> sets.inlinePolicy(op, instanceArn, permissionSetArn));
  }

  @Override
  public Optional<PermissionsBoundary> getPermissionsBoundary(
      String instanceArn, String permissionSetArn) {
    String op = "GetPermissionsBoundaryForPermissionSet";
    return one(op, () -> sets.boundary(op, instanceArn, permissionSetArn));
  }

  @Override
  public Map<String, String> listTags(String instanceArn, String permissionSetArn) {
    String op = "ListTagsForResource";
    // A set holds at most PageSizes.TAGS tags, so this is always one page.
    return one(op, () -> sets.tags(op, instanceArn, permissionSetArn));
  }

  @Override
  public List<String> listAccountsForProvisionedPermissionSet(
      String instanceArn, String permissionSetArn, ProvisioningStatus status) {
    String op = "ListAccountsForProvisionedPermissionSet";
    return page(
        op,
        PageSizes.SSO_ADMIN,
        () -> sets.provisionedAccounts(op, instanceArn, permissionSetArn, status));
  }

  @Override
  public List<AccountAssignment> listAccountAssignments(
      String instanceArn, String accountId, String permissionSetArn) {
    String op = "ListAccountAssignments";
    return page(
        op, PageSizes.SSO_ADMIN, () -> assignments.list(op, instanceArn, accountId, permissionSetArn));
  }

  // ---- mutations for tests and demos (not counted) ----

  /** Creates an assignment; idempotent like AWS. Returns true when it was new. */
  public boolean createAccountAssignment(AccountAssignment assignment) {
    return write(() -> assignments.create(assignment));
  }

  /** Deletes an assignment. Returns true when it existed. */
  public boolean deleteAccountAssignment(AccountAssignment assignment) {
    return write(() -> assignments.delete(assignment));
  }

  /** Replaces a set's definition; a real change puts every provisioned account out of sync. */
  public void updatePermissionSet(String permissionSetArn, PermissionSetDefinition definition) {
    write(() -> { sets.update(permissionSetArn, definition); return null; });
  }

  /** Provisions the latest definition to one account. */
  public void provisionPermissionSet(String permissionSetArn, String accountId) {
    write(() -> { sets.provision(permissionSetArn, accountId); return null; });
  }

  /** Re-provisions the latest definition to every account the set is provisioned to. */
  public void provisionPermissionSetToAllProvisionedAccounts(String permissionSetArn) {
    write(() -> { sets.provisionAll(permissionSetArn); return null; });
  }

  /** Adds a group with a deterministic id. */
  public Principal addGroup(String displayName) {
    return write(() -> directory.add(PrincipalType.GROUP, displayName, null));
  }

  /** Adds a user with a deterministic id. */
  public Principal addUser(String userName) {
    return write(() -> directory.add(PrincipalType.USER, userName, null));
  }

  // ---- plumbing ----

  private <T> T read(Supplier<T> body) {
    lock.readLock().lock();
    try {
      return body.get();
    } finally {
      lock.readLock().unlock();
    }
  }

  private <T> T write(Supplier<T> body) {
    lock.writeLock().lock();
    try {
      return body.get();
    } finally {
      lock.writeLock().unlock();
    }
  }

  /** One call, counted even when it fails (AWS bills and throttles failed calls too). */
  private <T> T one(String op, Supplier<T> body) {
    calls.add(op, 1);
    return read(body);
  }

  /** A list call: one call per page of {@code pageSize}; an empty list is still one call. */
  private <T> List<T> page(String op, int pageSize, Supplier<List<T>> body) {
    List<T> all;
    try {
      all = read(body);
    } catch (RuntimeException e) {
      calls.add(op, 1);
      throw e;
    }
    calls.add(op, pages(all.size(), pageSize));
    return all;
  }

  private static long pages(int items, int pageSize) {
    return Math.max(1, (items + pageSize - 1) / pageSize);
  }
}
