package dev.idcplane.identitycenter.apps;

import dev.idcplane.identitycenter.PrincipalType;
import java.util.Objects;

/** A user or group assigned to an application. */
public record ApplicationAssignment(PrincipalType principalType, String principalId) {
  public ApplicationAssignment {
    Objects.requireNonNull(principalType, "principalType");
    Objects.requireNonNull(principalId, "principalId");
  }
}
