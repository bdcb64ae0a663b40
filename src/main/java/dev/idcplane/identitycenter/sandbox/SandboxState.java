package dev.idcplane.identitycenter.sandbox;

import dev.idcplane.identitycenter.Account;
import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.IdentityCenterException.Kind;
import dev.idcplane.identitycenter.Instance;
import dev.idcplane.identitycenter.OrgUnit;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * The whole simulated world: organization, identity store and Identity Center instance. Plain
 * mutable data in insertion order; every access goes through {@link SandboxIdentityCenter}'s lock.
 * Operation classes ({@link OrganizationOps}, {@link DirectoryOps}, {@link PermissionSetOps},
 * {@link AssignmentOps}) read and change it.
 */
final class SandboxState {
  final String organizationId;
  final String managementAccountId;
  final OrgUnit root;
  final Instance instance;

  /** The account the simulated caller's credentials belong to (GetCallerIdentity). */
  String callerAccountId;

  final Map<String, OrgUnit> units = new LinkedHashMap<>();
  final Map<String, String> unitParent = new LinkedHashMap<>();
  final Map<String, Account> accounts = new LinkedHashMap<>();
  final Map<String, String> accountParent = new LinkedHashMap<>();
  final Map<String, String> groups = new LinkedHashMap<>();
  final Map<String, String> users = new LinkedHashMap<>();

  /** Group ids of each user id (identity store group memberships). */
  final Map<String, Set<String>> memberships = new LinkedHashMap<>();

  final Map<String, SandboxPermissionSet> permissionSets = new LinkedHashMap<>();
  final Set<AccountAssignment> assignments = new LinkedHashSet<>();

  SandboxState(String organizationId, String managementAccountId, OrgUnit root, Instance instance) {
    this.organizationId = organizationId;
    this.managementAccountId = managementAccountId;
    this.root = root;
    this.instance = instance;
    this.callerAccountId = managementAccountId;
  }

  boolean isParent(String id) {
    return root.id().equals(id) || units.containsKey(id);
  }

  void requireInstance(String operation, String instanceArn) {
    if (!instance.instanceArn().equals(instanceArn)) {
      throw new IdentityCenterException(
          Kind.NOT_FOUND, operation, "Instance " + instanceArn + " does not exist");
    }
  }

  void requireIdentityStore(String operation, String identityStoreId) {
    if (!instance.identityStoreId().equals(identityStoreId)) {
      throw new IdentityCenterException(
          Kind.NOT_FOUND, operation, "Identity store " + identityStoreId + " does not exist");
    }
  }

  SandboxPermissionSet permissionSet(String operation, String instanceArn, String arn) {
    requireInstance(operation, instanceArn);
    SandboxPermissionSet ps = permissionSets.get(arn);
    if (ps == null) {
      String id = arn == null ? "null" : arn.substring(arn.lastIndexOf('/') + 1);
      throw new IdentityCenterException(
          Kind.NOT_FOUND, operation, "Could not find PermissionSet with id " + id);
    }
    return ps;
  }

  /**
   * Null when Identity Center can act in the account; else the reason AWS gives when an assignment
   * or provisioning request reaches an account that is not ACTIVE (suspended or closed), as
   * reported in aws-samples/aws-identitycenter-codepipeline-auto-assignment issue #31 and
   * 61418/aws-sso-util issue #80: the request is accepted and ends FAILED.
   */
  String unreachable(String accountId) {
    Account a = accounts.get(accountId);
    if (a == null || a.active()) {
      return null;
    }
    return "AWS SSO is unable to complete your request at this time. Obtaining permissions to"
        + " manage your AWS account '"
        + accountId
        + "' takes longer than usual. Please try again"
        + " in a few minutes. If this problem continues, contact AWS Support.";
  }

  Account account(String operation, String accountId) {
    Account a = accounts.get(accountId);
    if (a == null) {
      throw new IdentityCenterException(
          Kind.NOT_FOUND, operation, "Account " + accountId + " is not in the organization");
    }
    return a;
  }
}
