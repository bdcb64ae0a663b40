package dev.idcplane.identitycenter;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A permission set as it is live: its description, its full definition when it was read (only for
 * sets the matrix declares), the accounts it is provisioned to and those whose provisioned copy is
 * not the latest definition.
 */
public record LivePermissionSet(
    PermissionSetInfo info,
    Optional<PermissionSetDefinition> definition,
    Set<String> provisionedAccounts,
    Set<String> outOfSyncAccounts) {
  public LivePermissionSet {
    Objects.requireNonNull(info, "info");
    definition = Objects.requireNonNullElse(definition, Optional.empty());
    provisionedAccounts = Set.copyOf(provisionedAccounts);
    outOfSyncAccounts = Set.copyOf(outOfSyncAccounts);
  }

  public String name() {
    return info.name();
  }

  public String arn() {
    return info.arn();
  }
}
