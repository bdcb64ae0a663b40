package dev.idcplane.plan;

import java.util.EnumMap;
import java.util.Map;

/**
 * Counts of a plan's changes by action and of its drift by kind; whether it was read by a delegated
 * administrator, and how many findings that left for the management account to fix.
 */
public record PlanSummary(
    int createPermissionSets,
    int updatePermissionSets,
    int provisionPermissionSets,
    int createAssignments,
    int deleteAssignments,
    Map<DriftKind, Integer> driftByKind,
    boolean delegatedAdministrator,
    int withheldByDelegation) {

  public int totalChanges() {
    return createPermissionSets
        + updatePermissionSets
        + provisionPermissionSets
        + createAssignments
        + deleteAssignments;
  }

  static PlanSummary of(Plan plan) {
    int[] n = new int[5];
    for (Change c : plan.changes()) {
      int i =
          switch (c.action()) {
            case CREATE_PERMISSION_SET -> 0;
            case UPDATE_PERMISSION_SET -> 1;
            case PROVISION_PERMISSION_SET -> 2;
            case CREATE_ASSIGNMENT -> 3;
            case DELETE_ASSIGNMENT -> 4;
          };
      n[i]++;
    }
    Map<DriftKind, Integer> drift = new EnumMap<>(DriftKind.class);
    for (DriftKind k : DriftKind.values()) {
      drift.put(k, 0);
    }
    plan.drift().forEach(d -> drift.merge(d.kind(), 1, Integer::sum));
    return new PlanSummary(
        n[0],
        n[1],
        n[2],
        n[3],
        n[4],
        Map.copyOf(drift),
        plan.delegation().isPresent(),
        plan.delegation().map(Delegation::withheld).orElse(0));
  }
}
