package dev.idcplane.matrix;

import dev.idcplane.identitycenter.PermissionSetDefinition;
import java.util.Objects;
import java.util.Optional;

/**
 * A permission set declared under {@code permission_sets}. With a definition it is managed (its
 * definition and its assignments are ours); without one it was declared {@code external: true} (it
 * exists already, only its assignments are ours).
 */
public record DeclaredPermissionSet(
    String name, SourceLocation at, Optional<PermissionSetDefinition> definition) {
  public DeclaredPermissionSet {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(at, "at");
    definition = Objects.requireNonNullElse(definition, Optional.empty());
  }

  public static DeclaredPermissionSet external(String name, SourceLocation at) {
    return new DeclaredPermissionSet(name, at, Optional.empty());
  }

  public static DeclaredPermissionSet managed(
      String name, SourceLocation at, PermissionSetDefinition definition) {
    return new DeclaredPermissionSet(name, at, Optional.of(definition));
  }

  public boolean external() {
    return definition.isEmpty();
  }
}
