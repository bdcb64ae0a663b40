package dev.idcplane.identitycenter;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The port to AWS IAM Identity Center, its identity store and AWS Organizations. Each method maps
 * to one AWS API operation (named in its Javadoc) and returns <em>every</em> page of a list call.
 *
 * <p>Contract for every implementation:
 *
 * <ul>
 *   <li>Thread-safe; read methods have no side effects.
 *   <li>Failures are {@link IdentityCenterException}s classified by {@link
 *       IdentityCenterException.Kind}; implementations do not retry on their own beyond the
 *       transport's configured retry mode, so callers own the retry policy.
 *   <li>Lists are returned in a stable order (AWS order for the AWS adapter, insertion order for
 *       the sandbox); callers must not depend on it.
 *   <li>A resource that does not exist is an empty {@link Optional} where the method returns one,
 *       otherwise a {@code NOT_FOUND} exception.
 * </ul>
 */
public interface IdentityCenter {

  // ---- sso-admin: instances ----

  /** ListInstances. */
  List<Instance> listInstances();

  /**
   * Where ListInstances looks: the AWS Region of the sso-admin calls ({@code idc.aws.region}), or a
   * description of the simulated world. Makes no call.
   */
  String region();

  // ---- sts ----

  /**
   * GetCallerIdentity: the account whose credentials the calls are made with. Compared with the
   * organization's management account it tells whether the service runs as a delegated
   * administrator.
   */
  String callerAccountId();

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

  /** GetGroupId with the {@code displayName} unique attribute. */
  Optional<String> findGroupId(String identityStoreId, String displayName);

  /** GetUserId with the {@code userName} unique attribute. */
  Optional<String> findUserId(String identityStoreId, String userName);

  /**
   * GetUserId with the unique attribute at {@code attributePath}: AWS accepts {@code userName} and
   * {@code emails.value} (the API reference of GetUserId); this default knows {@code userName} only
   * and refuses the others as AWS refuses an unknown path (VALIDATION).
   */
  default Optional<String> findUserIdByAttribute(
      String identityStoreId, String attributePath, String value) {
    if ("userName".equals(attributePath)) {
      return findUserId(identityStoreId, value);
    }
    throw new IdentityCenterException(
        IdentityCenterException.Kind.VALIDATION,
        "GetUserId",
        "ValidationException: users cannot be looked up by " + attributePath + " here");
  }

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

  // ---- sso-admin: permission set writes (synchronous) ----
  // Each is one AWS call. They are not idempotent on their own: callers read before they write.

  /** CreatePermissionSet. CONFLICT when a set of that name exists. A null relay state is none. */
  PermissionSetInfo createPermissionSet(String instanceArn, NewPermissionSet set);

  /**
   * UpdatePermissionSet: description, session duration and relay state. AWS keeps a description or
   * session duration that is left out (null) but <em>clears</em> a relay state that is left out
   * (terraform-provider-aws#17411), so callers pass the relay state on every update: the wanted
   * one, or null to remove it.
   */
  void updatePermissionSet(String instanceArn, String permissionSetArn, PermissionSetUpdate update);

  /** PutInlinePolicyToPermissionSet. */
  void putInlinePolicy(String instanceArn, String permissionSetArn, String policy);

  /** DeleteInlinePolicyFromPermissionSet. */
  void deleteInlinePolicy(String instanceArn, String permissionSetArn);

  /** AttachManagedPolicyToPermissionSet. */
  void attachManagedPolicy(String instanceArn, String permissionSetArn, String policyArn);

  /** DetachManagedPolicyFromPermissionSet. */
  void detachManagedPolicy(String instanceArn, String permissionSetArn, String policyArn);

  /** AttachCustomerManagedPolicyReferenceToPermissionSet. */
  void attachCustomerManagedPolicyReference(
      String instanceArn, String permissionSetArn, CustomerManagedPolicyRef ref);

  /** DetachCustomerManagedPolicyReferenceFromPermissionSet. */
  void detachCustomerManagedPolicyReference(
      String instanceArn, String permissionSetArn, CustomerManagedPolicyRef ref);

  /** PutPermissionsBoundaryToPermissionSet. */
  void putPermissionsBoundary(
      String instanceArn, String permissionSetArn, PermissionsBoundary boundary);

  /** DeletePermissionsBoundaryFromPermissionSet. */
  void deletePermissionsBoundary(String instanceArn, String permissionSetArn);

  /** TagResource on the permission set. */
  void tagPermissionSet(String instanceArn, String permissionSetArn, Map<String, String> tags);

  /** UntagResource on the permission set. */
  void untagPermissionSet(
      String instanceArn, String permissionSetArn, java.util.Set<String> tagKeys);

  // ---- sso-admin: asynchronous operations ----
  // Each submission holds one of the instance's 15 outstanding-operation slots until it reaches a
  // terminal state; a submission beyond the cap fails THROTTLED ("too many requests processing").

  /**
   * ProvisionPermissionSet to {@code target}: ALL_PROVISIONED_ACCOUNTS, or one account
   * (AWS_ACCOUNT). Provisioning to, or through ALL_PROVISIONED_ACCOUNTS reaching, an account that
   * is not ACTIVE ends FAILED.
   */
  OperationStatus provisionPermissionSet(
      String instanceArn, String permissionSetArn, ProvisionTarget target);

  /** ProvisionPermissionSet with TargetType ALL_PROVISIONED_ACCOUNTS. */
  default OperationStatus provisionPermissionSet(String instanceArn, String permissionSetArn) {
    return provisionPermissionSet(
        instanceArn, permissionSetArn, ProvisionTarget.ALL_PROVISIONED_ACCOUNTS);
  }

  /** DescribePermissionSetProvisioningStatus. NOT_FOUND for an unknown request id. */
  OperationStatus describePermissionSetProvisioningStatus(String instanceArn, String requestId);

  /**
   * CreateAccountAssignment. Creating an assignment that exists succeeds (idempotent in AWS). In an
   * account that is not ACTIVE the request ends FAILED (so does DeleteAccountAssignment).
   */
  OperationStatus createAccountAssignment(String instanceArn, AccountAssignment assignment);

  /** DeleteAccountAssignment. Deleting one that does not exist is NOT_FOUND or a FAILED request. */
  OperationStatus deleteAccountAssignment(String instanceArn, AccountAssignment assignment);

  /** DescribeAccountAssignmentCreationStatus. NOT_FOUND for an unknown request id. */
  OperationStatus describeAccountAssignmentCreationStatus(String instanceArn, String requestId);

  /** DescribeAccountAssignmentDeletionStatus. NOT_FOUND for an unknown request id. */
  OperationStatus describeAccountAssignmentDeletionStatus(String instanceArn, String requestId);

  /** ListAccountAssignmentCreationStatus filtered on one state (every page). */
  List<OperationStatus> listAccountAssignmentCreationStatus(
      String instanceArn, OperationState state);

  /** ListAccountAssignmentDeletionStatus filtered on one state (every page). */
  List<OperationStatus> listAccountAssignmentDeletionStatus(
      String instanceArn, OperationState state);
}
