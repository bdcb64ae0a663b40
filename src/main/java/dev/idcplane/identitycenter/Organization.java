package dev.idcplane.identitycenter;

import java.util.Objects;

/** The AWS organization: its id and its management account, whose assignments are protected. */
public record Organization(String id, String managementAccountId) {
  public Organization {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(managementAccountId, "managementAccountId");
  }
}
