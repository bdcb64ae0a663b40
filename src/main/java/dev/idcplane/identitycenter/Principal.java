package dev.idcplane.identitycenter;

import java.util.Objects;

/**
 * A user or group of the identity store. {@code name} is the group's display name or the user's
 * user name.
 */
public record Principal(PrincipalType type, String id, String name) {
  public Principal {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }
}
