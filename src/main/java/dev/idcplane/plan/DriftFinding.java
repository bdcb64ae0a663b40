package dev.idcplane.plan;

import dev.idcplane.identitycenter.PrincipalType;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One drift finding. {@code key} identifies it across plans (kind + natural key), so later scans
 * can track when it was first and last seen. Parts that do not apply to a kind are null. {@code
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
    boolean fixedByPlan,
    List<FieldChange> fields) {
  public DriftFinding {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(detail, "detail");
    fields = List.copyOf(fields);
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
        kind.name().toLowerCase(Locale.ROOT) + "/" + k.asString(),
        k.permissionSetName(),
        k.accountId(),
        accountName,
        k.principalType(),
        k.principalId(),
        principalName,
        detail,
        fixed,
        List.of());
  }

  /** A finding about a trusted token issuer or application, keyed by {@code key}. */
  static DriftFinding ofApplication(DriftKind kind, String key, String detail, boolean fixed) {
    return new DriftFinding(
        kind,
        kind.name().toLowerCase(Locale.ROOT) + "/" + key,
        null,
        null,
        null,
        null,
        null,
        null,
        detail,
        fixed,
        List.of());
  }

  static DriftFinding ofPermissionSet(DriftKind kind, String name, String detail, boolean fixed) {
    return ofPermissionSet(kind, name, detail, fixed, List.of());
  }

  static DriftFinding ofPermissionSet(
      DriftKind kind, String name, String detail, boolean fixed, List<FieldChange> fields) {
    return new DriftFinding(
        kind,
        kind.name().toLowerCase(Locale.ROOT) + "/" + name,
        name,
        null,
        null,
        null,
        null,
        null,
        detail,
        fixed,
        fields);
  }

  /**
   * A finding about a USER exception of the matrix, keyed by user, permission set and last valid
   * day (not by file:line, which moves with unrelated edits): renewing the exception changes its
   * key, so the old finding resolves by that matrix change.
   */
  static DriftFinding ofUserException(DriftKind kind, UserException u, String detail) {
    return new DriftFinding(
        kind,
        kind.name().toLowerCase(Locale.ROOT)
            + "/"
            + u.userName()
            + "/"
            + u.permissionSetName()
            + "/"
            + u.expires(),
        u.permissionSetName(),
        null,
        null,
        dev.idcplane.identitycenter.PrincipalType.USER,
        null,
        u.userName(),
        detail,
        false,
        List.of());
  }
}
