package dev.idcplane.apply;

import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.OperationState;
import dev.idcplane.identitycenter.OperationStatus;
import dev.idcplane.plan.AssignmentKey;
import dev.idcplane.plan.Change;
import java.util.List;
import java.util.Map;

/**
 * Maps an asynchronous operation to its sso-admin calls. Assignment creates for a permission set
 * made by the same run carry no ARN in the plan; they get it from {@code arnByName}.
 */
final class AssignmentTargets {
  private final Map<String, String> arnByName;

  AssignmentTargets(Map<String, String> arnByName) {
    this.arnByName = Map.copyOf(arnByName);
  }

  /** The operation cannot be submitted: what it needs does not exist. */
  static final class Unresolvable extends RuntimeException {
    Unresolvable(String message) {
      super(message);
    }
  }

  OperationStatus submit(IdentityCenter ic, String instance, Operation op) {
    return switch (op.kind()) {
      case CREATE_ASSIGNMENT -> ic.createAccountAssignment(instance, assignment(op));
      case DELETE_ASSIGNMENT -> ic.deleteAccountAssignment(instance, assignment(op));
      case PROVISION_PERMISSION_SET -> {
        Change.ProvisionPermissionSet p = (Change.ProvisionPermissionSet) op.change();
        yield ic.provisionPermissionSet(instance, p.permissionSetArn(), p.target());
      }
      case CREATE_PERMISSION_SET, UPDATE_PERMISSION_SET, APPLICATION ->
          throw new IllegalArgumentException("not asynchronous: " + op.kind());
    };
  }

  OperationStatus describe(IdentityCenter ic, String instance, Operation op) {
    return switch (op.kind()) {
      case CREATE_ASSIGNMENT ->
          ic.describeAccountAssignmentCreationStatus(instance, op.requestId());
      case DELETE_ASSIGNMENT ->
          ic.describeAccountAssignmentDeletionStatus(instance, op.requestId());
      case PROVISION_PERMISSION_SET ->
          ic.describePermissionSetProvisioningStatus(instance, op.requestId());
      case CREATE_PERMISSION_SET, UPDATE_PERMISSION_SET, APPLICATION ->
          throw new IllegalArgumentException("not asynchronous: " + op.kind());
    };
  }

  List<OperationStatus> listInProgress(IdentityCenter ic, String instance, OperationKind kind) {
    return switch (kind) {
      case CREATE_ASSIGNMENT ->
          ic.listAccountAssignmentCreationStatus(instance, OperationState.IN_PROGRESS);
      case DELETE_ASSIGNMENT ->
          ic.listAccountAssignmentDeletionStatus(instance, OperationState.IN_PROGRESS);
      case PROVISION_PERMISSION_SET, CREATE_PERMISSION_SET, UPDATE_PERMISSION_SET, APPLICATION ->
          throw new IllegalArgumentException("no list call for " + kind);
    };
  }

  AccountAssignment assignment(Operation op) {
    AssignmentKey key;
    String arn;
    if (op.change() instanceof Change.CreateAssignment c) {
      key = c.assignment();
      arn =
          c.permissionSetArn() != null
              ? c.permissionSetArn()
              : arnByName.get(key.permissionSetName());
    } else if (op.change() instanceof Change.DeleteAssignment d) {
      key = d.assignment();
      arn = d.permissionSetArn();
    } else {
      throw new IllegalArgumentException("not an assignment: " + op.kind());
    }
    if (arn == null) {
      throw new Unresolvable("permission set " + key.permissionSetName() + " does not exist");
    }
    return new AccountAssignment(key.accountId(), arn, key.principalType(), key.principalId());
  }
}
