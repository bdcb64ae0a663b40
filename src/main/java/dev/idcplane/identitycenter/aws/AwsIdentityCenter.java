package dev.idcplane.identitycenter.aws;

import dev.idcplane.identitycenter.Account;
import dev.idcplane.identitycenter.AccountAssignment;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.organizations.OrganizationsClient;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.ssoadmin.model.ResourceNotFoundException;

/**
 * {@link IdentityCenter} over the AWS SDK v2 sso-admin, identitystore and Organizations clients.
 * Every list call walks all pages with the SDK paginators, asking for {@link PageSizes} per page.
 * Thread-safe (SDK clients are). Retries are only the clients' configured retry strategy (see
 * {@link AwsClients}); every SDK failure surfaces as an {@code IdentityCenterException}.
 */
public final class AwsIdentityCenter implements IdentityCenter {
  private final SsoAdminClient sso;
  private final AwsOrganizations organizations;
  private final AwsIdentityStore identityStore;

  public AwsIdentityCenter(SsoAdminClient sso, IdentitystoreClient identityStore, OrganizationsClient organizations) {
    this.sso = sso;
    this.identityStore = new AwsIdentityStore(identityStore);
    this.organizations = new AwsOrganizations(organizations);
  }

  public AwsIdentityCenter(AwsClients clients) {
    this(clients.ssoAdmin(), clients.identityStore(), clients.organizations());
  }

  @Override
  public List<Instance> listInstances() {
    return AwsErrors.call("ListInstances", () ->
        sso.listInstancesPaginator(r -> r.maxResults(PageSizes.SSO_ADMIN)).instances().stream()
            .map(i -> new Instance(i.instanceArn(), i.identityStoreId()))
            .toList());
  }

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
  public Optional<Principal> describePrincipal(String identityStoreId, PrincipalType type, String principalId) {
    return identityStore.describe(identityStoreId, type, principalId);
  }

  @Override
  public List<String> listPermissionSets(String instanceArn) {
    return AwsErrors.call("ListPermissionSets", () ->
        List.copyOf(sso.listPermissionSetsPaginator(r -> r.instanceArn(instanceArn).maxResults(PageSizes.SSO_ADMIN))
            .permissionSets().stream().toList()));
  }

  @Override
  public PermissionSetInfo describePermissionSet(String instanceArn, String permissionSetArn) {
    return AwsErrors.call("DescribePermissionSet", () -> {
      var ps = sso.describePermissionSet(r -> r.instanceArn(instanceArn).permissionSetArn(permissionSetArn))
          .permissionSet();
      return new PermissionSetInfo(ps.permissionSetArn(), ps.name(), ps.description(), ps.sessionDuration());
    });
  }

  @Override
  public List<String> listManagedPolicies(String instanceArn, String permissionSetArn) {
    return AwsErrors.call("ListManagedPoliciesInPermissionSet", () ->
        sso.listManagedPoliciesInPermissionSetPaginator(r -> r.instanceArn(instanceArn)
                .permissionSetArn(permissionSetArn).maxResults(PageSizes.SSO_ADMIN))
            .attachedManagedPolicies().stream().map(p -> p.arn()).toList());
  }

  @Override
  public List<CustomerManagedPolicyRef> listCustomerManagedPolicyReferences(String instanceArn, String permissionSetArn) {
    return AwsErrors.call("ListCustomerManagedPolicyReferencesInPermissionSet", () ->
        sso.listCustomerManagedPolicyReferencesInPermissionSetPaginator(r -> r.instanceArn(instanceArn)
                .permissionSetArn(permissionSetArn).maxResults(PageSizes.SSO_ADMIN))
            .customerManagedPolicyReferences().stream()
            .map(p -> new CustomerManagedPolicyRef(p.name(), p.path()))
            .toList());
  }

  @Override
  public Optional<String> getInlinePolicy(String instanceArn, String permissionSetArn) {
    return AwsErrors.call("GetInlinePolicyForPermissionSet", () -> {
      String policy = sso.getInlinePolicyForPermissionSet(r -> r.instanceArn(instanceArn)
          .permissionSetArn(permissionSetArn)).inlinePolicy();
      return policy == null || policy.isBlank() ? Optional.<String>empty() : Optional.of(policy);
    });
  }

  /**
   * AWS answers ResourceNotFoundException both for a set without a boundary and for an unknown
   * set; both read as "no boundary" here (callers describe the set first, which does fail).
   */
  @Override
  public Optional<PermissionsBoundary> getPermissionsBoundary(String instanceArn, String permissionSetArn) {
    return AwsErrors.call("GetPermissionsBoundaryForPermissionSet", () -> {
      try {
        var b = sso.getPermissionsBoundaryForPermissionSet(r -> r.instanceArn(instanceArn)
            .permissionSetArn(permissionSetArn)).permissionsBoundary();
        if (b == null) {
          return Optional.<PermissionsBoundary>empty();
        }
        if (b.customerManagedPolicyReference() != null) {
          var ref = b.customerManagedPolicyReference();
          return Optional.of(PermissionsBoundary.customerManaged(new CustomerManagedPolicyRef(ref.name(), ref.path())));
        }
        return Optional.ofNullable(b.managedPolicyArn()).map(PermissionsBoundary::managed);
      } catch (ResourceNotFoundException e) {
        return Optional.<PermissionsBoundary>empty();
      }
    });
  }

  @Override
  public Map<String, String> listTags(String instanceArn, String permissionSetArn) {
    return AwsErrors.call("ListTagsForResource", () -> {
      Map<String, String> tags = new LinkedHashMap<>();
      sso.listTagsForResourcePaginator(r -> r.instanceArn(instanceArn).resourceArn(permissionSetArn))
          .tags().forEach(t -> tags.put(t.key(), t.value()));
      return tags;
    });
  }

  @Override
  public List<String> listAccountsForProvisionedPermissionSet(
      String instanceArn, String permissionSetArn, ProvisioningStatus status) {
    return AwsErrors.call("ListAccountsForProvisionedPermissionSet", () ->
        List.copyOf(sso.listAccountsForProvisionedPermissionSetPaginator(r -> {
              r.instanceArn(instanceArn).permissionSetArn(permissionSetArn).maxResults(PageSizes.SSO_ADMIN);
              if (status != ProvisioningStatus.ANY) {
                r.provisioningStatus(status.name());
              }
            }).accountIds().stream().toList()));
  }

  @Override
  public List<AccountAssignment> listAccountAssignments(String instanceArn, String accountId, String permissionSetArn) {
    return AwsErrors.call("ListAccountAssignments", () ->
        sso.listAccountAssignmentsPaginator(r -> r.instanceArn(instanceArn).accountId(accountId)
                .permissionSetArn(permissionSetArn).maxResults(PageSizes.SSO_ADMIN))
            .accountAssignments().stream()
            .map(a -> new AccountAssignment(a.accountId(), a.permissionSetArn(),
                PrincipalType.valueOf(a.principalTypeAsString()), a.principalId()))
            .toList());
  }
}
