package dev.idcplane.plan.apps;

import dev.idcplane.identitycenter.IdentityCenter;
import java.util.Optional;

/**
 * Resolves the group display names and user names a matrix assigns to ids in the identity store.
 */
public interface PrincipalLookup {
  Optional<String> groupId(String displayName);

  Optional<String> userId(String userName);

  /** Looks principals up in {@code identityStoreId} through the Identity Center port. */
  static PrincipalLookup of(IdentityCenter identityCenter, String identityStoreId) {
    return new PrincipalLookup() {
      @Override
      public Optional<String> groupId(String displayName) {
        return identityCenter.findGroupId(identityStoreId, displayName);
      }

      @Override
      public Optional<String> userId(String userName) {
        return identityCenter.findUserId(identityStoreId, userName);
      }
    };
  }
}
