package dev.idcplane.identitycenter.aws;

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
import dev.idcplane.identitycenter.PageSizes;
import dev.idcplane.identitycenter.PermissionSetInfo;
import dev.idcplane.identitycenter.PermissionSetUpdate;
import dev.idcplane.identitycenter.PermissionsBoundary;
import dev.idcplane.identitycenter.Principal;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.ProvisionTarget;
import dev.idcplane.identitycenter.ProvisioningStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@link IdentityCenter} over the AWS SDK v2 sso-admin, identitystore, Organizations and STS
 * clients. Every list call walks all pages with the SDK paginators, asking for {@link PageSizes}
 * per page. Thread-safe (SDK clients are). Retries are only the clients' configured retry strategy
 * (see {@link AwsClients}); every SDK failure surfaces as an {@code IdentityCenterException}
 * carrying AWS's message. The work is done by one small class per API area; this class routes to
 * them.
 */
public final class AwsIdentityCenter implements IdentityCenter {
  private final SsoAdminClient sso;
  private final StsClient sts;
  private final AwsOrganizations organizations;
  private final AwsIdentityStore identityStore;
  private final AwsPermissionSetReads sets;
  private final AwsPermissionSetWrites writes;
  private final AwsOperations operations;

  public AwsIdentityCenter(
      SsoAdminClient sso,
      IdentitystoreClient identityStore,
      OrganizationsClient organizations,
      StsClient sts) {
    this.sso = sso;
    this.sts = sts;
    this.identityStore = new AwsIdentityStore(identityStore);
    this.organizations = new AwsOrganizations(organizations);
    this.sets = new AwsPermissionSetReads(sso);
    this.writes = new AwsPermissionSetWrites(sso);
    this.operations = new AwsOperations(sso);
  }

  public AwsIdentityCenter(AwsClients clients) {
    this(clients.ssoAdmin(), clients.identityStore(), clients.organizations(), clients.sts());
  }

  @Override
  public List<Instance> listInstances() {
    return AwsErrors.call(
        "ListInstances",
        () ->
            sso.listInstancesPaginator(r -> r.maxResults(PageSizes.SSO_ADMIN)).instances().stream()
                .map(
                    i ->
                        new Instance(
                            i.instanceArn(),
                            i.identityStoreId(),
                            i.name(),
                            i.ownerAccountId(),
                            i.statusAsString() == null ? "UNKNOWN" : i.statusAsString()))
                .toList());
  }

  @Override
  public String region() {
    return sso.serviceClientConfiguration().region().id();
  }

  @Override
  public String callerAccountId() {
    return AwsErrors.call("GetCallerIdentity", () -> sts.getCallerIdentity(r -> {}).account());
  }

  // ---- organizations and identity store ----

  @Override
  public Organization describeOrganization() {
    return organizations.describeOrganization();
  }

  @Override
  public List<OrgUnit> listRoots() {
    return organizations.listRoots();
  }

  @Override
  public List<OrgUnit> listOrganizationalUnitsForParent(String parentId) {
    return organizations.listOrganizationalUnitsForParent(parentId);
  }

  @Override
  public List<Account> listAccountsForParent(String parentId) {
    return organizations.listAccountsForParent(parentId);
  }

  @Override
  public Optional<String> findGroupId(String identityStoreId, String displayName) {
    return identityStore.findGroupId(identityStoreId, displayName);
  }

  @Override
  public Optional<String> findUserId(String identityStoreId, String userName) {
    return identityStore.findUserId(identityStoreId, userName);
  }

  @Override
  public Optional<String> findUserIdByAttribute(
      String identityStoreId, String attributePath, String value) {
    return identityStore.findUserIdByAttribute(identityStoreId, attributePath, value);
  }

  @Override
  public Optional<Principal> describePrincipal(
      String identityStoreId, PrincipalType type, String principalId) {
    return identityStore.describe(identityStoreId, type, principalId);
  }

  // ---- permission set reads ----

  @Override
  public List<String> listPermissionSets(String instanceArn) {
    return sets.listPermissionSets(instanceArn);
  }

  @Override
  public PermissionSetInfo describePermissionSet(String instanceArn, String permissionSetArn) {
    return sets.describePermissionSet(instanceArn, permissionSetArn);
  }

  @Override
  public List<String> listManagedPolicies(String instanceArn, String permissionSetArn) {
    return sets.listManagedPolicies(instanceArn, permissionSetArn);
  }

  @Override
  public List<CustomerManagedPolicyRef> listCustomerManagedPolicyReferences(
      String instanceArn, String permissionSetArn) {
    return sets.listCustomerManagedPolicyReferences(instanceArn, permissionSetArn);
  }

  @Override
  public Optional<String> getInlinePolicy(String instanceArn, String permissionSetArn) {
    return sets.getInlinePolicy(instanceArn, permissionSetArn);
  }

  @Override
  public Optional<PermissionsBoundary> getPermissionsBoundary(
      String instanceArn, String permissionSetArn) {
    return sets.getPermissionsBoundary(instanceArn, permissionSetArn);
  }

  @Override
  public Map<String, String> listTags(String instanceArn, String permissionSetArn) {
    return sets.listTags(instanceArn, permissionSetArn);
  }

  @Override
  public List<String> listAccountsForProvisionedPermissionSet(
      String instanceArn, String permissionSetArn, ProvisioningStatus status) {
    return sets.listAccountsForProvisionedPermissionSet(instanceArn, permissionSetArn, status);
  }

  @Override
  public List<AccountAssignment> listAccountAssignments(
      String instanceArn, String accountId, String permissionSetArn) {
    return operations.listAccountAssignments(instanceArn, accountId, permissionSetArn);
  }

  // ---- permission set writes ----

  @Override
  public PermissionSetInfo createPermissionSet(String instanceArn, NewPermissionSet set) {
    return writes.create(instanceArn, set);
  }

  @Override
  public void updatePermissionSet(
      String instanceArn, String permissionSetArn, PermissionSetUpdate update) {
    writes.update(instanceArn, permissionSetArn, update);
  }

  @Override
  public void putInlinePolicy(String instanceArn, String permissionSetArn, String policy) {
    writes.putInline(instanceArn, permissionSetArn, policy);
  }

  @Override
  public void deleteInlinePolicy(String instanceArn, String permissionSetArn) {
    writes.deleteInline(instanceArn, permissionSetArn);
  }

  @Override
  public void attachManagedPolicy(String instanceArn, String permissionSetArn, String policyArn) {
    writes.attachManaged(instanceArn, permissionSetArn, policyArn);
  }

  @Override
  public void detachManagedPolicy(String instanceArn, String permissionSetArn, String policyArn) {
    writes.detachManaged(instanceArn, permissionSetArn, policyArn);
  }

  @Override
  public void attachCustomerManagedPolicyReference(
      String instanceArn, String permissionSetArn, CustomerManagedPolicyRef ref) {
    writes.attachCustomerManaged(instanceArn, permissionSetArn, ref);
  }

  @Override
  public void detachCustomerManagedPolicyReference(
      String instanceArn, String permissionSetArn, CustomerManagedPolicyRef ref) {
    writes.detachCustomerManaged(instanceArn, permissionSetArn, ref);
  }

  @Override
  public void putPermissionsBoundary(
      String instanceArn, String permissionSetArn, PermissionsBoundary boundary) {
    writes.putBoundary(instanceArn, permissionSetArn, boundary);
  }

  @Override
  public void deletePermissionsBoundary(String instanceArn, String permissionSetArn) {
    writes.deleteBoundary(instanceArn, permissionSetArn);
  }

  @Override
  public void tagPermissionSet(
      String instanceArn, String permissionSetArn, Map<String, String> tags) {
    writes.tag(instanceArn, permissionSetArn, tags);
  }

  @Override
  public void untagPermissionSet(String instanceArn, String permissionSetArn, Set<String> tagKeys) {
    writes.untag(instanceArn, permissionSetArn, tagKeys);
  }

  // ---- asynchronous operations ----

  @Override
  public OperationStatus provisionPermissionSet(
      String instanceArn, String permissionSetArn, ProvisionTarget target) {
    return operations.provision(instanceArn, permissionSetArn, target);
  }

  @Override
  public OperationStatus describePermissionSetProvisioningStatus(
      String instanceArn, String requestId) {
    return operations.describeProvisioning(instanceArn, requestId);
  }

  @Override
  public OperationStatus createAccountAssignment(String instanceArn, AccountAssignment assignment) {
    return operations.create(instanceArn, assignment);
  }

  @Override
  public OperationStatus deleteAccountAssignment(String instanceArn, AccountAssignment assignment) {
    return operations.delete(instanceArn, assignment);
  }

  @Override
  public OperationStatus describeAccountAssignmentCreationStatus(
      String instanceArn, String requestId) {
    return operations.describeCreation(instanceArn, requestId);
  }

  @Override
  public OperationStatus describeAccountAssignmentDeletionStatus(
      String instanceArn, String requestId) {
    return operations.describeDeletion(instanceArn, requestId);
  }

  @Override
  public List<OperationStatus> listAccountAssignmentCreationStatus(
      String instanceArn, OperationState state) {
    return operations.listCreation(instanceArn, state);
  }

  @Override
  public List<OperationStatus> listAccountAssignmentDeletionStatus(
      String instanceArn, OperationState state) {
    return operations.listDeletion(instanceArn, state);
  }
}
