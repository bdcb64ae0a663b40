package dev.idcplane.identitycenter.sandbox;

import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.IdentityCenterException.Kind;
import java.util.List;

/**
 * Account assignment reads and changes over the sandbox state. Callers hold the sandbox lock.
 *
 * <p>As in AWS: creating an assignment that exists already succeeds without a duplicate, and the
 * first assignment of a set in an account provisions the set there (an account that already holds a
 * copy keeps it as it is, in sync or not). When the last assignment of a set in an account is
 * deleted, Identity Center removes the set's role from that account, so the set is no longer
 * provisioned there.
 */
final class AssignmentOps {
  private final SandboxState state;
  private final DirectoryOps directory;

  AssignmentOps(SandboxState state, DirectoryOps directory) {
    this.state = state;
    this.directory = directory;
  }

  List<AccountAssignment> list(String op, String instanceArn, String accountId, String psArn) {
    state.permissionSet(op, instanceArn, psArn);
    return state.assignments.stream()
        .filter(a -> a.accountId().equals(accountId) && a.permissionSetArn().equals(psArn))
        .toList();
  }

  /** Returns true when the assignment was new. */
  boolean create(AccountAssignment a) {
    String op = "CreateAccountAssignment";
    SandboxPermissionSet ps =
        state.permissionSet(op, state.instance.instanceArn(), a.permissionSetArn());
    state.account(op, a.accountId());
    if (!directory.exists(a.principalType(), a.principalId())) {
      throw new IdentityCenterException(
          Kind.NOT_FOUND, op, a.principalType() + " " + a.principalId() + " does not exist");
    }
    boolean added = state.assignments.add(a);
    if (!ps.provisionedVersions.containsKey(a.accountId())) {
      ps.provisionLatest(a.accountId());
    }
    return added;
  }

  /** Returns true when the assignment existed. */
  boolean delete(AccountAssignment a) {
    boolean removed = state.assignments.remove(a);
    boolean othersLeft =
        state.assignments.stream()
            .anyMatch(
                o ->
                    o.accountId().equals(a.accountId())
                        && o.permissionSetArn().equals(a.permissionSetArn()));
    SandboxPermissionSet ps = state.permissionSets.get(a.permissionSetArn());
    if (removed && !othersLeft && ps != null) {
      ps.provisionedVersions.remove(a.accountId());
    }
    return removed;
  }

  /**
   * What CreateAccountAssignment / DeleteAccountAssignment check before accepting a request: the
   * instance, the permission set and the account must exist (NOT_FOUND otherwise). The principal
   * and the assignment itself are checked when the operation runs, as AWS does.
   */
  void checkSubmission(String op, String instanceArn, AccountAssignment a) {
    state.permissionSet(op, instanceArn, a.permissionSetArn());
    state.account(op, a.accountId());
  }

  /**
   * A creation completing: null on success, AWS's 404 reason when the principal is gone, the
   * unreachable-account reason when the account is not ACTIVE.
   */
  String completeCreate(AccountAssignment a) {
    String unreachable = state.unreachable(a.accountId());
    if (unreachable != null) {
      return unreachable;
    }
    if (!directory.exists(a.principalType(), a.principalId())) {
      return "Received a 404 status error: the "
          + a.principalType()
          + " assignee "
          + a.principalId()
          + " was not found in directory "
          + state.instance.identityStoreId();
    }
    create(a);
    return null;
  }

  /**
   * A deletion completing: null on success; FAILED when the account is not ACTIVE. An assignment
   * that does not exist makes the request end FAILED with the 404 reason AWS gives (AWS accepts the
   * request and fails it later; see hashicorp/terraform-provider-aws
   * internal/service/ssoadmin/account_assignment.go, which treats that reason as "already
   * deleted").
   */
  String completeDelete(AccountAssignment a) {
    String unreachable = state.unreachable(a.accountId());
    if (unreachable != null) {
      return unreachable;
    }
    if (delete(a)) {
      return null;
    }
    String instanceId =
        state.instance.instanceArn().substring(state.instance.instanceArn().lastIndexOf('/') + 1);
    String psId = a.permissionSetArn().substring(a.permissionSetArn().lastIndexOf('/') + 1);
    return "Received a 404 status error: EntitlementItem doesn't exist with the given entitlement key"
        + " EntitlementKey{accessorId=AccessorId{value="
        + a.principalId()
        + "}, resourceId=ResourceId{value="
        + psId
        + "}, auxiliaryResourceId=AuxiliaryResourceId{value="
        + a.accountId()
        + "}, containerId=ContainerId{value="
        + instanceId
        + "}}";
  }
}
