package dev.idcplane.plan;

import dev.idcplane.matrix.Violation;
import java.util.List;
import java.util.Map;

/**
 * The matrix resolved against the organization: every declared permission set by name, every
 * wanted assignment by key, the USER exceptions that have expired (left out of {@code assignments})
 * and non-blocking warnings (e.g. a suspended account named explicitly).
 */
public record DesiredState(
    Map<String, DesiredPermissionSet> permissionSets,
    Map<AssignmentKey, DesiredAssignment> assignments,
    List<UserException> expiredUserRules,
    List<Violation> warnings) {
  public DesiredState {
    permissionSets = Map.copyOf(permissionSets);
    assignments = Map.copyOf(assignments);
    expiredUserRules = List.copyOf(expiredUserRules);
    warnings = List.copyOf(warnings);
  }
}
