package dev.idcplane.identitycenter;

import java.util.Objects;

/**
 * An Identity Center instance as ListInstances describes it: its ARN, the identity store that holds
 * its users and groups, its name (null when it has none), the account that owns it (null when not
 * reported) and its status ({@code CREATE_IN_PROGRESS}, {@code CREATE_FAILED}, {@code
 * DELETE_IN_PROGRESS} or {@code ACTIVE}; kept as text so a status AWS adds later is shown as is).
 */
public record Instance(
    String instanceArn, String identityStoreId, String name, String ownerAccountId, String status) {
  public static final String ACTIVE = "ACTIVE";

  public Instance {
    Objects.requireNonNull(instanceArn, "instanceArn");
    Objects.requireNonNull(identityStoreId, "identityStoreId");
    Objects.requireNonNull(status, "status");
  }

  /** An ACTIVE instance without name or known owner. */
  public Instance(String instanceArn, String identityStoreId) {
    this(instanceArn, identityStoreId, null, null, ACTIVE);
  }

  /** Only an ACTIVE instance can be read and changed; the others are being created or deleted. */
  public boolean active() {
    return ACTIVE.equals(status);
  }

  /** ARN, name, owner account and status, for error messages. */
  public String describe() {
    return instanceArn
        + " (name "
        + (name == null ? "none" : name)
        + ", owner account "
        + (ownerAccountId == null ? "unknown" : ownerAccountId)
        + ", status "
        + status
        + ")";
  }
}
