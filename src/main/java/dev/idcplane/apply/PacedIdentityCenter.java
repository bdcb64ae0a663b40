package dev.idcplane.apply;

import static dev.idcplane.identitycenter.ApiService.IDENTITY_STORE;
import static dev.idcplane.identitycenter.ApiService.ORGANIZATIONS;
import static dev.idcplane.identitycenter.ApiService.SSO_ADMIN;

import dev.idcplane.identitycenter.Account;
import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.CustomerManagedPolicyRef;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.Instance;
import dev.idcplane.identitycenter.NewPermissionSet;
import dev.idcplane.identitycenter.OperationState;
import dev.idcplane.identitycenter.OperationStatus;
import dev.idcplane.identitycenter.OrgUnit;
import dev.idcplane.identitycenter.Organization;
import dev.idcplane.identitycenter.PermissionSetInfo;
import dev.idcplane.identitycenter.PermissionSetUpdate;
import dev.idcplane.identitycenter.PermissionsBoundary;
import dev.idcplane.identitycenter.Principal;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.ProvisionTarget;
import dev.idcplane.identitycenter.ProvisioningStatus;
import dev.idcplane.identitycenter.RequestPacer;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.random.RandomGenerator;
import org.jboss.logging.Logger;

/**
 * An {@link IdentityCenter} that paces every call on the shared {@link RequestPacer} (one token
 * from the budget of the method's service before the call; the adapter underneath paces later
 * pages) and retries a read that AWS throttled, with full-jitter backoff within {@link ReadRetry}.
 * Writes and asynchronous submissions are sent once: whoever makes them owns their retries (apply
 * does, through its call gate, which also paces them — so apply uses the adapter, not this).
 * Thread-safe when the delegate is.
 */
public final class PacedIdentityCenter implements IdentityCenter {
  private static final Logger LOG = Logger.getLogger(PacedIdentityCenter.class);
  private final IdentityCenter delegate;
  private final PacedCalls calls;

  public PacedIdentityCenter(
      IdentityCenter delegate,
      RequestPacer pacer,
      ReadRetry retry,
      Clock clock,
      Sleeper sleeper,
      RandomGenerator random) {
    this.delegate = delegate;
    this.calls = new PacedCalls(pacer, retry, clock, sleeper, random);
  }

  /** No call: the Region the adapter is configured for. */
  @Override
  public String region() {
    return delegate.region();
  }

  /** STS GetCallerIdentity: once per read, far under STS's own quota, so not budgeted. */
  @Override
  public String callerAccountId() {
    return delegate.callerAccountId();
  }

  @Override
  public List<Instance> listInstances() {
    return calls.read(SSO_ADMIN, "ListInstances", delegate::listInstances);
  }

  @Override
  public Organization describeOrganization() {
    return calls.read(ORGANIZATIONS, "DescribeOrganization", delegate::describeOrganization);
  }

  @Override
  public List<OrgUnit> listRoots() {
    return calls.read(ORGANIZATIONS, "ListRoots", delegate::listRoots);
  }

  @Override
  public List<OrgUnit> listOrganizationalUnitsForParent(String parentId) {
    return calls.read(
        ORGANIZATIONS,
        "ListOrganizationalUnitsForParent",
        () -> delegate.listOrganizationalUnitsForParent(parentId));
  }

  @Override
  public List<Account> listAccountsForParent(String parentId) {
    return calls.read(
        ORGANIZATIONS, "ListAccountsForParent", () -> delegate.listAccountsForParent(parentId));
  }

  @Override
  public Optional<String> findGroupId(String identityStoreId, String displayName) {
    return calls.read(
        IDENTITY_STORE, "GetGroupId", () -> delegate.findGroupId(identityStoreId, displayName));
  }

  @Override
  public Optional<String> findUserId(String identityStoreId, String userName) {
    return calls.read(
        IDENTITY_STORE, "GetUserId", () -> delegate.findUserId(identityStoreId, userName));
  }

  @Override
  public Optional<String> findUserIdByAttribute(
      String identityStoreId, String attributePath, String value) {
    return calls.read(
        IDENTITY_STORE,
        "GetUserId",
        () -> delegate.findUserIdByAttribute(identityStoreId, attributePath, value));
  }

  @Override
  public Optional<Principal> describePrincipal(
      String identityStoreId, PrincipalType type, String principalId) {
    return calls.read(
        IDENTITY_STORE,
        type == PrincipalType.GROUP ? "DescribeGroup" : "DescribeUser",
        () -> delegate.describePrincipal(identityStoreId, type, principalId));
  }

  @Override
  public List<String> listPermissionSets(String instanceArn) {
    return calls.read(
        SSO_ADMIN, "ListPermissionSets", () -> delegate.listPermissionSets(instanceArn));
  }

  @Override
  public PermissionSetInfo describePermissionSet(String instanceArn, String permissionSetArn) {
    return calls.read(
        SSO_ADMIN,
        "DescribePermissionSet",
        () -> delegate.describePermissionSet(instanceArn, permissionSetArn));
  }

  @Override
  public List<String> listManagedPolicies(String instanceArn, String permissionSetArn) {
    return calls.read(
        SSO_ADMIN,
        "ListManagedPoliciesInPermissionSet",
        () -> delegate.listManagedPolicies(instanceArn, permissionSetArn));
  }

  @Override
  public List<CustomerManagedPolicyRef> listCustomerManagedPolicyReferences(
      String instanceArn, String permissionSetArn) {
    return calls.read(
        SSO_ADMIN,
        "ListCustomerManagedPolicyReferencesInPermissionSet",
        () -> delegate.listCustomerManagedPolicyReferences(instanceArn, permissionSetArn));
  }

  @Override
  public Optional<String> getInlinePolicy(String instanceArn, String permissionSetArn) {
    return calls.read(
        SSO_ADMIN,
        "GetInlinePolicyForPermissionSet",
        () -> delegate.getInlinePolicy(instanceArn, permissionSetArn));
  }

  @Override
  public Optional<PermissionsBoundary> getPermissionsBoundary(
      String instanceArn, String permissionSetArn) {
    return calls.read(
        SSO_ADMIN,
        "GetPermissionsBoundaryForPermissionSet",
        () -> delegate.getPermissionsBoundary(instanceArn, permissionSetArn));
  }

  @Override
  public Map<String, String> listTags(String instanceArn, String permissionSetArn) {
    return calls.read(
        SSO_ADMIN, "ListTagsForResource", () -> delegate.listTags(instanceArn, permissionSetArn));
  }

  @Override
  public List<String> listAccountsForProvisionedPermissionSet(
      String instanceArn, String permissionSetArn, ProvisioningStatus status) {
    return calls.read(
        SSO_ADMIN,
        "ListAccountsForProvisionedPermissionSet",
        () ->
            delegate.listAccountsForProvisionedPermissionSet(
                instanceArn, permissionSetArn, status));
  }

  @Override
  public List<AccountAssignment> listAccountAssignments(
      String instanceArn, String accountId, String permissionSetArn) {
    return calls.read(
        SSO_ADMIN,
        "ListAccountAssignments",
        () -> delegate.listAccountAssignments(instanceArn, accountId, permissionSetArn));
  }

  @Override
  public PermissionSetInfo createPermissionSet(String instanceArn, NewPermissionSet set) {
    return calls.once("CreatePermissionSet", () -> delegate.createPermissionSet(instanceArn, set));
  }

  @Override
  public void updatePermissionSet(
      String instanceArn, String permissionSetArn, PermissionSetUpdate update) {
    calls.once(
        "UpdatePermissionSet",
        () -> delegate.updatePermissionSet(instanceArn, permissionSetArn, update));
  }

  @Override
  public void putInlinePolicy(String instanceArn, String permissionSetArn, String policy) {
    calls.once(
        "PutInlinePolicyToPermissionSet",
        () -> delegate.putInlinePolicy(instanceArn, permissionSetArn, policy));
  }

  @Override
  public void deleteInlinePolicy(String instanceArn, String permissionSetArn) {
    calls.once(
        "DeleteInlinePolicyFromPermissionSet",
        () -> delegate.deleteInlinePolicy(instanceArn, permissionSetArn));
  }

  @Override
  public void attachManagedPolicy(String instanceArn, String permissionSetArn, String policyArn) {
    calls.once(
        "AttachManagedPolicyToPermissionSet",
        () -> delegate.attachManagedPolicy(instanceArn, permissionSetArn, policyArn));
  }

  @Override
  public void detachManagedPolicy(String instanceArn, String permissionSetArn, String policyArn) {
    calls.once(
        "DetachManagedPolicyFromPermissionSet",
        () -> delegate.detachManagedPolicy(instanceArn, permissionSetArn, policyArn));
  }

  @Override
  public void attachCustomerManagedPolicyReference(
      String instanceArn, String permissionSetArn, CustomerManagedPolicyRef ref) {
    calls.once(
        "AttachCustomerManagedPolicyReferenceToPermissionSet",
        () -> delegate.attachCustomerManagedPolicyReference(instanceArn, permissionSetArn, ref));
  }

  @Override
  public void detachCustomerManagedPolicyReference(
      String instanceArn, String permissionSetArn, CustomerManagedPolicyRef ref) {
    calls.once(
        "DetachCustomerManagedPolicyReferenceFromPermissionSet",
        () -> delegate.detachCustomerManagedPolicyReference(instanceArn, permissionSetArn, ref));
  }

  @Override
  public void putPermissionsBoundary(
      String instanceArn, String permissionSetArn, PermissionsBoundary boundary) {
    calls.once(
        "PutPermissionsBoundaryToPermissionSet",
        () -> delegate.putPermissionsBoundary(instanceArn, permissionSetArn, boundary));
  }

  @Override
  public void deletePermissionsBoundary(String instanceArn, String permissionSetArn) {
    calls.once(
        "DeletePermissionsBoundaryFromPermissionSet",
        () -> delegate.deletePermissionsBoundary(instanceArn, permissionSetArn));
  }

  @Override
  public void tagPermissionSet(
      String instanceArn, String permissionSetArn, Map<String, String> tags) {
    calls.once("TagResource", () -> delegate.tagPermissionSet(instanceArn, permissionSetArn, tags));
  }

  @Override
  public void untagPermissionSet(String instanceArn, String permissionSetArn, Set<String> tagKeys) {
    calls.once(
        "UntagResource", () -> delegate.untagPermissionSet(instanceArn, permissionSetArn, tagKeys));
  }

  @Override
  public OperationStatus provisionPermissionSet(
      String instanceArn, String permissionSetArn, ProvisionTarget target) {
    return calls.once(
        "ProvisionPermissionSet",
        () -> delegate.provisionPermissionSet(instanceArn, permissionSetArn, target));
  }

  @Override
  public OperationStatus describePermissionSetProvisioningStatus(
      String instanceArn, String requestId) {
    return calls.read(
        SSO_ADMIN,
        "DescribePermissionSetProvisioningStatus",
        () -> delegate.describePermissionSetProvisioningStatus(instanceArn, requestId));
  }

  @Override
  public OperationStatus createAccountAssignment(String instanceArn, AccountAssignment assignment) {
    return calls.once(
        "CreateAccountAssignment", () -> delegate.createAccountAssignment(instanceArn, assignment));
  }

  @Override
  public OperationStatus deleteAccountAssignment(String instanceArn, AccountAssignment assignment) {
    return calls.once(
        "DeleteAccountAssignment", () -> delegate.deleteAccountAssignment(instanceArn, assignment));
  }

  @Override
  public OperationStatus describeAccountAssignmentCreationStatus(
      String instanceArn, String requestId) {
    return calls.read(
        SSO_ADMIN,
        "DescribeAccountAssignmentCreationStatus",
        () -> delegate.describeAccountAssignmentCreationStatus(instanceArn, requestId));
  }

  @Override
  public OperationStatus describeAccountAssignmentDeletionStatus(
      String instanceArn, String requestId) {
    return calls.read(
        SSO_ADMIN,
        "DescribeAccountAssignmentDeletionStatus",
        () -> delegate.describeAccountAssignmentDeletionStatus(instanceArn, requestId));
  }

  @Override
  public List<OperationStatus> listAccountAssignmentCreationStatus(
      String instanceArn, OperationState state) {
    return calls.read(
        SSO_ADMIN,
        "ListAccountAssignmentCreationStatus",
        () -> delegate.listAccountAssignmentCreationStatus(instanceArn, state));
  }

  @Override
  public List<OperationStatus> listAccountAssignmentDeletionStatus(
      String instanceArn, OperationState state) {
    return calls.read(
        SSO_ADMIN,
        "ListAccountAssignmentDeletionStatus",
        () -> delegate.listAccountAssignmentDeletionStatus(instanceArn, state));
  }
}
