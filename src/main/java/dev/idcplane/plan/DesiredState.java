package dev.idcplane.plan;

import dev.idcplane.matrix.Violation;
import java.util.List;
import java.util.Map;

/**
 * The matrix resolved against the organization: every declared permission set by name, every wanted
 * assignment by key, the USER exceptions that have expired (left out of {@code assignments}), those
 * still active that expire within the policy's warning window (kept in {@code assignments}) and
 * non-blocking warnings (e.g. a suspended account named explicitly).
 */
public record DesiredState(
    Map<String, DesiredPermissionSet> permissionSets,
    Map<AssignmentKey, DesiredAssignment> assignments,
    List<UserException> expiredUserRules,
    List<UserException> expiringUserRules,
    List<Violation> warnings) {
  public DesiredState {
    permissionSets = Map.copyOf(permissionSets);
    assignments = Map.copyOf(assignments);
    expiredUserRules = List.copyOf(expiredUserRules);
    expiringUserRules = List.copyOf(expiringUserRules);
    warnings = List.copyOf(warnings);
  }

  /** A desired state with no USER exception about to expire. */
  public DesiredState(
      Map<String, DesiredPermissionSet> permissionSets,
      Map<AssignmentKey, DesiredAssignment> assignments,
      List<UserException> expiredUserRules,
      List<Violation> warnings) {
    this(permissionSets, assignments, expiredUserRules, List.of(), warnings);
  }
}
