package dev.idcplane.identitycenter.sandbox;

import dev.idcplane.identitycenter.Account;
import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.ApiService;
import dev.idcplane.identitycenter.CustomerManagedPolicyRef;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.Instance;
import dev.idcplane.identitycenter.OrgUnit;
import dev.idcplane.identitycenter.Organization;
import dev.idcplane.identitycenter.PageSizes;
import dev.idcplane.identitycenter.PermissionSetInfo;
import dev.idcplane.identitycenter.PermissionsBoundary;
import dev.idcplane.identitycenter.Principal;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.ProvisioningStatus;
import dev.idcplane.identitycenter.RequestPacer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The read half of {@link SandboxIdentityCenter} and the plumbing every simulated call goes
 * through; split out only to keep files small (sealed: nothing else extends it).
 *
 * <p>Each call runs under one lock: the {@link CallGate} counts it (one per page) and, for an
 * sso-admin call, applies the request rate and injected faults; then every asynchronous operation
 * due by the clock is settled, so reads see their effects.
 */
abstract sealed class SandboxReads implements IdentityCenter permits SandboxIdentityCenter {
  final SandboxState state;
  final Clock clock;
  final SandboxBehaviour behaviour;
  final ReentrantLock lock = new ReentrantLock();
  final CallCounter calls = new CallCounter();
  final CallGate gate;
  final OrganizationOps org;
  final DirectoryOps directory;
  final PermissionSetOps sets;
  final PermissionSetWrites writes;
  final AssignmentOps assignments;
  final OperationTracker operations;
  private final RequestPacer pacer;

  SandboxReads(SandboxState state, Clock clock, SandboxBehaviour behaviour, RequestPacer pacer) {
    this.state = state;
    this.pacer = pacer;
    this.clock = clock;
    this.behaviour = behaviour;
    this.gate = new CallGate(clock, behaviour, calls);
    this.org = new OrganizationOps(state);
    this.directory = new DirectoryOps(state);
    this.sets = new PermissionSetOps(state);
    this.writes = new PermissionSetWrites(state);
    this.assignments = new AssignmentOps(state, directory);
    this.operations =
        new OperationTracker(
            clock,
            behaviour,
            op ->
                switch (op.kind) {
                  case CREATE_ASSIGNMENT -> assignments.completeCreate(op.assignment);
                  case DELETE_ASSIGNMENT -> assignments.completeDelete(op.assignment);
                  case PROVISION ->
                      writes.completeProvision(op.permissionSetArn, op.version, op.targetAccountId);
                });
  }

  @Override
  public List<Instance> listInstances() {
    return page("ListInstances", true, () -> List.of(state.instance));
  }

  /** The sandbox has no Regions: it says so, for error messages that name the Region. */
  @Override
  public String region() {
    return "none (sandbox seed)";
  }

  @Override
  public String callerAccountId() {
    return other("GetCallerIdentity", () -> state.callerAccountId);
  }

  @Override
  public Organization describeOrganization() {
    return other("DescribeOrganization", org::describeOrganization);
  }

  @Override
  public List<OrgUnit> listRoots() {
    return orgPage("ListRoots", org::listRoots);
  }

  @Override
  public List<OrgUnit> listOrganizationalUnitsForParent(String parentId) {
    String op = "ListOrganizationalUnitsForParent";
    return orgPage(op, () -> org.unitsFor(op, parentId));
  }

  @Override
  public List<Account> listAccountsForParent(String parentId) {
    String op = "ListAccountsForParent";
    return orgPage(op, () -> org.accountsFor(op, parentId));
  }

  @Override
  public Optional<String> findGroupId(String identityStoreId, String displayName) {
    String op = "GetGroupId";
    return other(op, () -> directory.findId(op, identityStoreId, PrincipalType.GROUP, displayName));
  }

  @Override
  public Optional<String> findUserId(String identityStoreId, String userName) {
    String op = "GetUserId";
    return other(op, () -> directory.findId(op, identityStoreId, PrincipalType.USER, userName));
  }

  @Override
  public Optional<Principal> describePrincipal(
      String identityStoreId, PrincipalType type, String principalId) {
    String op = type == PrincipalType.GROUP ? "DescribeGroup" : "DescribeUser";
    return other(op, () -> directory.describe(op, identityStoreId, type, principalId));
  }

  @Override
  public List<String> listPermissionSets(String instanceArn) {
    String op = "ListPermissionSets";
    return page(op, true, () -> sets.list(op, instanceArn));
  }

  @Override
  public PermissionSetInfo describePermissionSet(String instanceArn, String permissionSetArn) {
    String op = "DescribePermissionSet";
    return sso(op, () -> sets.describe(op, instanceArn, permissionSetArn));
  }

  @Override
  public List<String> listManagedPolicies(String instanceArn, String permissionSetArn) {
    String op = "ListManagedPoliciesInPermissionSet";
    return page(op, true, () -> sets.managedPolicies(op, instanceArn, permissionSetArn));
  }

  @Override
  public List<CustomerManagedPolicyRef> listCustomerManagedPolicyReferences(
      String instanceArn, String permissionSetArn) {
    String op = "ListCustomerManagedPolicyReferencesInPermissionSet";
    return page(op, true, () -> sets.customerManaged(op, instanceArn, permissionSetArn));
  }

  @Override
  public Optional<String> getInlinePolicy(String instanceArn, String permissionSetArn) {
    String op = "GetInlinePolicyForPermissionSet";
    return sso(op, () -> sets.inlinePolicy(op, instanceArn, permissionSetArn));
  }

  @Override
  public Optional<PermissionsBoundary> getPermissionsBoundary(
      String instanceArn, String permissionSetArn) {
    String op = "GetPermissionsBoundaryForPermissionSet";
    return sso(op, () -> sets.boundary(op, instanceArn, permissionSetArn));
  }

  @Override
  public Map<String, String> listTags(String instanceArn, String permissionSetArn) {
    String op = "ListTagsForResource";
    // A set holds at most PageSizes.TAGS tags, so this is always one page.
    return sso(op, () -> sets.tags(op, instanceArn, permissionSetArn));
  }

  @Override
  public List<String> listAccountsForProvisionedPermissionSet(
      String instanceArn, String permissionSetArn, ProvisioningStatus status) {
    String op = "ListAccountsForProvisionedPermissionSet";
    return page(
        op, true, () -> sets.provisionedAccounts(op, instanceArn, permissionSetArn, status));
  }

  @Override
  public List<AccountAssignment> listAccountAssignments(
      String instanceArn, String accountId, String permissionSetArn) {
    String op = "ListAccountAssignments";
    return page(op, true, () -> assignments.list(op, instanceArn, accountId, permissionSetArn));
  }

  // ---- plumbing ----

  /** One sso-admin call: counted, rate-limited, exposed to faults, even when it then fails. */
  final <T> T sso(String op, Supplier<T> body) {
    return call(op, true, body);
  }

  /** One Organizations or identity store call: counted only. */
  final <T> T other(String op, Supplier<T> body) {
    return call(op, false, body);
  }

  /** A test mutation: not counted, never throttled; operations due by now settle first. */
  final <T> T mutate(Supplier<T> body) {
    lock.lock();
    try {
      operations.settle();
      return body.get();
    } finally {
      lock.unlock();
    }
  }

  private <T> T call(String op, boolean ssoAdmin, Supplier<T> body) {
    lock.lock();
    try {
      gate.admit(op, ssoAdmin);
      operations.settle();
      return body.get();
    } finally {
      lock.unlock();
    }
  }

  private <T> List<T> orgPage(String op, Supplier<List<T>> body) {
    return paged(op, PageSizes.ORGANIZATIONS, false, body);
  }

  /** An sso-admin list call of {@link PageSizes#SSO_ADMIN} per page. */
  final <T> List<T> page(String op, boolean ssoAdmin, Supplier<List<T>> body) {
    return paged(op, PageSizes.SSO_ADMIN, ssoAdmin, body);
  }

  /**
   * One call per page; an empty list is still one call, a failure after the first page stops. The
   * first page reads the whole list; each later page is a request of its own, paced by the {@link
   * RequestPacer} outside the lock (as the AWS adapter paces each page it fetches).
   */
  private <T> List<T> paged(String op, int pageSize, boolean ssoAdmin, Supplier<List<T>> body) {
    List<T> all;
    lock.lock();
    try {
      gate.admit(op, ssoAdmin);
      operations.settle();
      all = body.get();
    } finally {
      lock.unlock();
    }
    long pages = Math.max(1, (all.size() + pageSize - 1) / pageSize);
    ApiService service = ssoAdmin ? ApiService.SSO_ADMIN : ApiService.ORGANIZATIONS;
    for (long p = 1; p < pages; p++) {
      pacer.acquireFor(service, op);
      lock.lock();
      try {
        gate.admit(op, ssoAdmin);
      } finally {
        lock.unlock();
      }
    }
    return all;
  }
}
