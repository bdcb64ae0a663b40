package dev.idcplane.plan;

import java.util.EnumMap;
import java.util.Map;

/**
 * Counts of a plan's changes by action (every change to a trusted token issuer or application
 * counts as an application change) and of its drift by kind; whether it was read by a delegated
 * administrator, and how many findings that left for the management account to fix.
 */
public record PlanSummary(
    int createPermissionSets,
    int updatePermissionSets,
    int provisionPermissionSets,
    int createAssignments,
    int deleteAssignments,
    int applicationChanges,
    Map<DriftKind, Integer> driftByKind,
    boolean delegatedAdministrator,
    int withheldByDelegation) {

  public int totalChanges() {
    return createPermissionSets
        + updatePermissionSets
        + provisionPermissionSets
        + createAssignments
        + deleteAssignments
        + applicationChanges;
  }

  static PlanSummary of(Plan plan) {
    int[] n = new int[6];
    for (Change c : plan.changes()) {
      int i =
          switch (c.action()) {
            case CREATE_PERMISSION_SET -> 0;
            case UPDATE_PERMISSION_SET -> 1;
            case PROVISION_PERMISSION_SET -> 2;
            case CREATE_ASSIGNMENT -> 3;
            case DELETE_ASSIGNMENT -> 4;
            case APPLICATION -> 5;
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
        n[5],
        Map.copyOf(drift),
        plan.delegation().isPresent(),
        plan.delegation().map(Delegation::withheld).orElse(0));
  }
}
