package dev.idcplane.plan;

import dev.idcplane.identitycenter.PrincipalType;
import java.util.Objects;

/**
 * One drift finding. {@code key} identifies it across plans (kind + natural key), so later scans can
 * track when it was first and last seen. Parts that do not apply to a kind are null. {@code
 * fixedByPlan} says whether a change of the same plan removes it.
 */
public record DriftFinding(
    DriftKind kind,
    String key,
    String permissionSetName,
    String accountId,
    String accountName,
    PrincipalType principalType,
    String principalId,
    String principalName,
    String detail,
    boolean fixedByPlan) {
  public DriftFinding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(detail, "detail");
  }

  static DriftFinding ofAssignment(
      DriftKind kind,
      AssignmentKey k,
      String accountName,
      String principalName,
      String detail,
      boolean fixed) {
    return new DriftFinding(
        kind,
        kind.name().toLowerCase(java.util.Locale.ROOT) + "/" + k.asString(),
        k.permissionSetName(),
        k.accountId(),
        accountName,
        k.principalType(),
        k.principalId(),
        principalName,
        detail,
        fixed);
  }

  static DriftFinding ofPermissionSet(DriftKind kind, String name, String detail, boolean fixed) {
    return new DriftFinding(
        kind,
        kind.name().toLowerCase(java.util.Locale.ROOT) + "/" + name,
        name,
        null,
        null,
        null,
        null,
        null,
        detail,
        fixed);
  }
}
