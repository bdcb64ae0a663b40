package dev.idcplane.identitycenter;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A snapshot of everything the planner compares against: the instance, the organization tree, every
 * permission set, every account assignment of every permission set, and the names of the principals
 * that appear in them, and the account whose credentials read it ({@code callerAccountId}).
 * Immutable.
 *
 * <p>When the caller is not the organization's management account the service runs as Identity
 * Center's delegated administrator, which AWS does not let manage permission sets provisioned to
 * the management account nor assignments in it ({@link #delegatedAdministrator()}).
 */
public record LiveState(
    Instance instance,
    Organization organization,
    OrgTree orgTree,
    Map<String, LivePermissionSet> permissionSetsByName,
    Set<AccountAssignment> assignments,
    Map<String, Principal> principalsById,
    Instant readAt,
    String callerAccountId) {
  public LiveState {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(orgTree, "orgTree");
    permissionSetsByName = Map.copyOf(permissionSetsByName);
    assignments = Set.copyOf(assignments);
    principalsById = Map.copyOf(principalsById);
    Objects.requireNonNull(readAt, "readAt");
    Objects.requireNonNull(callerAccountId, "callerAccountId");
  }

  /** Whether the snapshot was read by a delegated administrator, not the management account. */
  public boolean delegatedAdministrator() {
    return !callerAccountId.equals(organization.managementAccountId());
  }

  public Optional<LivePermissionSet> permissionSetByArn(String arn) {
    return permissionSetsByName.values().stream().filter(p -> p.arn().equals(arn)).findFirst();
  }

  /** The principal's name, or its id when the identity store does not know it. */
  public String principalName(String principalId) {
    Principal p = principalsById.get(principalId);
    return p == null ? principalId : p.name();
  }
}
