package dev.idcplane.identitycenter.sandbox;

import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.IdentityCenterException.Kind;
import dev.idcplane.identitycenter.Principal;
import dev.idcplane.identitycenter.PrincipalType;
import java.util.Map;
import java.util.Optional;

/** Identity store reads and test mutations over the sandbox state. Callers hold the lock. */
final class DirectoryOps {
  private final SandboxState state;

  DirectoryOps(SandboxState state) {
    this.state = state;
  }

  Optional<String> findId(String operation, String store, PrincipalType type, String name) {
    state.requireIdentityStore(operation, store);
    return directory(type).entrySet().stream()
        .filter(e -> e.getValue().equals(name))
        .map(Map.Entry::getKey)
        .findFirst();
  }

  Optional<Principal> describe(String operation, String store, PrincipalType type, String id) {
    state.requireIdentityStore(operation, store);
    return Optional.ofNullable(directory(type).get(id)).map(name -> new Principal(type, id, name));
  }

  /** Adds a group or user; display names and user names are unique in an identity store. */
  Principal add(PrincipalType type, String name, String id) {
    Map<String, String> dir = directory(type);
    if (dir.containsValue(name)) {
      // identitystore CreateGroup/CreateUser: ConflictException, UNIQUENESS_CONSTRAINT_VIOLATION.
      throw new IdentityCenterException(
          Kind.CONFLICT,
          type == PrincipalType.GROUP ? "CreateGroup" : "CreateUser",
          "Duplicate " + (type == PrincipalType.GROUP ? "GroupDisplayName" : "UserName"));
    }
    String realId = id != null ? id : SandboxIds.principalId(type.name(), name);
    dir.put(realId, name);
    return new Principal(type, realId, name);
  }

  boolean exists(PrincipalType type, String id) {
    return directory(type).containsKey(id);
  }

  private Map<String, String> directory(PrincipalType type) {
    return switch (type) {
      case GROUP -> state.groups;
      case USER -> state.users;
    };
  }
}
