package dev.idcplane.identitycenter;

import java.util.Objects;

/**
 * An organizational unit or the root ({@code r-…} id): a node that holds accounts and child units.
 */
public record OrgUnit(String id, String name) {
  public OrgUnit {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
  }

  public boolean isRoot() {
    return id.startsWith("r-");
  }
}
