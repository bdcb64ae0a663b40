package dev.idcplane.plan;

import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.matrix.SourceLocation;
import java.util.Objects;
import java.util.Optional;

/**
 * A permission set the matrix declares. With a definition it is managed (its definition and its
 * assignments are ours); without one it is {@code external: true} (only its assignments are ours).
 */
public record DesiredPermissionSet(
    String name, SourceLocation declaredAt, Optional<PermissionSetDefinition> definition) {
  public DesiredPermissionSet {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(declaredAt, "declaredAt");
    definition = Objects.requireNonNullElse(definition, Optional.empty());
  }

  public boolean external() {
    return definition.isEmpty();
  }
}
