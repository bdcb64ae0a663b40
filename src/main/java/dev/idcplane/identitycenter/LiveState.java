package dev.idcplane.identitycenter;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A snapshot of everything the planner compares against: the instance, the organization tree, every
 * permission set, every account assignment of every permission set, and the names of the principals
 * that appear in them. Immutable.
 */
public record LiveState(
    Instance instance,
    Organization organization,
    OrgTree orgTree,
    Map<String, LivePermissionSet> permissionSetsByName,
    Set<AccountAssignment> assignments,
    Map<String, Principal> principalsById,
    Instant readAt) {
  public LiveState {
    Objects.requireNonNull(instance, "instance");
    Objects.requireNonNull(organization, "organization");
    Objects.requireNonNull(orgTree, "orgTree");
    permissionSetsByName = Map.copyOf(permissionSetsByName);
    assignments = Set.copyOf(assignments);
    principalsById = Map.copyOf(principalsById);
    Objects.requireNonNull(readAt, "readAt");
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
