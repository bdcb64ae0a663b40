package dev.idcplane.identitycenter;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The port to AWS IAM Identity Center, its identity store and AWS Organizations. Each method maps to
 * one AWS API operation (named in its Javadoc) and returns <em>every</em> page of a list call.
 *
 * <p>Contract for every implementation:
 *
 * <ul>
 *   <li>Thread-safe; read methods have no side effects.
 *   <li>Failures are {@link IdentityCenterException}s classified by {@link
 *       IdentityCenterException.Kind}; implementations do not retry on their own beyond the
 *       transport's configured retry mode, so callers own the retry policy.
 *   <li>Lists are returned in a stable order (AWS order for the AWS adapter, insertion order for the
 *       sandbox); callers must not depend on it.
 *   <li>A resource that does not exist is an empty {@link Optional} where the method returns one,
 *       otherwise a {@code NOT_FOUND} exception.
 * </ul>
 */
public interface IdentityCenter {

  // ---- sso-admin: instances ----

  /** ListInstances. */
  List<Instance> listInstances();

  // ---- organizations ----

  /** DescribeOrganization. */
  Organization describeOrganization();

  /** ListRoots (an organization has exactly one root in practice). */
  List<OrgUnit> listRoots();

  /** ListOrganizationalUnitsForParent: the direct children of a root or OU. */
  List<OrgUnit> listOrganizationalUnitsForParent(String parentId);

  /** ListAccountsForParent: the accounts directly under a root or OU, of any status. */
  List<Account> listAccountsForParent(String parentId);

  // ---- identitystore ----

  /** GetGroupId with the {@code DisplayName} unique attribute. */
  Optional<String> findGroupId(String identityStoreId, String displayName);

  /** GetUserId with the {@code UserName} unique attribute. */
  Optional<String> findUserId(String identityStoreId, String userName);

  /** DescribeGroup / DescribeUser: the principal's display name or user name. */
  Optional<Principal> describePrincipal(
      String identityStoreId, PrincipalType type, String principalId);

  // ---- sso-admin: permission sets ----

  /** ListPermissionSets: the ARNs of every permission set in the instance. */
  List<String> listPermissionSets(String instanceArn);

  /** DescribePermissionSet. NOT_FOUND when the ARN is unknown. */
  PermissionSetInfo describePermissionSet(String instanceArn, String permissionSetArn);

  /** ListManagedPoliciesInPermissionSet: attached AWS managed policy ARNs. */
  List<String> listManagedPolicies(String instanceArn, String permissionSetArn);

  /** ListCustomerManagedPolicyReferencesInPermissionSet. */
  List<CustomerManagedPolicyRef> listCustomerManagedPolicyReferences(
      String instanceArn, String permissionSetArn);

  /** GetInlinePolicyForPermissionSet: empty when the set has none. */
  Optional<String> getInlinePolicy(String instanceArn, String permissionSetArn);

  /** GetPermissionsBoundaryForPermissionSet: empty when the set has none. */
  Optional<PermissionsBoundary> getPermissionsBoundary(String instanceArn, String permissionSetArn);

  /** ListTagsForResource on the permission set. */
  Map<String, String> listTags(String instanceArn, String permissionSetArn);

  // ---- sso-admin: provisioning and assignments ----

  /**
   * ListAccountsForProvisionedPermissionSet: the accounts the permission set is provisioned to,
   * optionally only those whose provisioned copy is (or is not) the latest definition.
   */
  List<String> listAccountsForProvisionedPermissionSet(
      String instanceArn, String permissionSetArn, ProvisioningStatus status);

  /** ListAccountAssignments: every assignment of one permission set in one account. */
  List<AccountAssignment> listAccountAssignments(
      String instanceArn, String accountId, String permissionSetArn);
}
