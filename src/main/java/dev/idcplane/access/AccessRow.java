package dev.idcplane.access;

import dev.idcplane.identitycenter.PrincipalType;
import java.util.List;
import java.util.Objects;

/**
 * One live assignment in an access report: who (principal) holds which permission set in which
 * account, and whether the matrix intends it ({@code wantedBy} lists the rules as file:line).
 * {@code fixedByPlan} says whether the plan computed with the report changes it (deletes it); never
 * for an assignment in the management account when the service runs as delegated administrator.
 */
public record AccessRow(
    String accountId,
    String accountName,
    PrincipalType principalType,
    String principalId,
    String principalName,
    String permissionSet,
    AccessStatus status,
    List<String> wantedBy,
    String detail,
    boolean fixedByPlan) {
  public AccessRow {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(principalType, "principalType");
    Objects.requireNonNull(principalId, "principalId");
    Objects.requireNonNull(permissionSet, "permissionSet");
    Objects.requireNonNull(status, "status");
    wantedBy = List.copyOf(wantedBy);
  }
}
