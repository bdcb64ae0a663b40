package dev.idcplane.plan.apps;

import java.util.Optional;

/**
 * Resolves the group display names and user names a matrix assigns to ids in the identity store.
 */
public interface PrincipalLookup {
  Optional<String> groupId(String displayName);

  Optional<String> userId(String userName);
}
