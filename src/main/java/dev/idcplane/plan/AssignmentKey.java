package dev.idcplane.plan;

import dev.idcplane.identitycenter.PrincipalType;
import java.util.Comparator;
import java.util.Objects;

/**
 * The natural key of an assignment as the planner sees it: account × permission set (by name, as a
 * set the matrix declares may not exist yet) × principal.
 */
public record AssignmentKey(
    String accountId, String permissionSetName, PrincipalType principalType, String principalId)
    implements Comparable<AssignmentKey> {
  private static final Comparator<AssignmentKey> ORDER =
      Comparator.comparing(AssignmentKey::permissionSetName)
          .thenComparing(AssignmentKey::accountId)
          .thenComparing(AssignmentKey::principalType)
          .thenComparing(AssignmentKey::principalId);

  public AssignmentKey {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(permissionSetName, "permissionSetName");
    Objects.requireNonNull(principalType, "principalType");
    Objects.requireNonNull(principalId, "principalId");
  }

  @Override
  public int compareTo(AssignmentKey o) {
    return ORDER.compare(this, o);
  }

  /** Stable textual key, e.g. {@code AppDeveloper/111122223333/GROUP:9067...}. */
  public String asString() {
    return permissionSetName + "/" + accountId + "/" + principalType + ":" + principalId;
  }
}
