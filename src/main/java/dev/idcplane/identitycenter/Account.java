package dev.idcplane.identitycenter;

import java.util.Objects;

/** A member account of the organization. */
public record Account(String id, String name, String email, AccountStatus status) {
  public Account {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
  }

  public boolean active() {
    return status == AccountStatus.ACTIVE;
  }
}
