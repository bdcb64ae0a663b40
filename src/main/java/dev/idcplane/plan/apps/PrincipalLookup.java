package dev.idcplane.plan.apps;

import dev.idcplane.identitycenter.IdentityCenter;
import java.util.Optional;

/**
 * Resolves the group display names and user names a matrix assigns to ids in the identity store.
 */
public interface PrincipalLookup {
  Optional<String> groupId(String displayName);

  Optional<String> userId(String userName);

  /**
   * This lookup answering each name once: later asks for the same name are answered from memory, so
   * the planner, the doctor and the export share one identity store call per name. Not thread-safe;
   * for one request.
   */
  default PrincipalLookup memoized() {
    PrincipalLookup source = this;
    java.util.Map<String, Optional<String>> groups = new java.util.HashMap<>();
    java.util.Map<String, Optional<String>> users = new java.util.HashMap<>();
    return new PrincipalLookup() {
      @Override
      public Optional<String> groupId(String displayName) {
        return groups.computeIfAbsent(displayName, source::groupId);
      }

      @Override
      public Optional<String> userId(String userName) {
        return users.computeIfAbsent(userName, source::userId);
      }
    };
  }

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
