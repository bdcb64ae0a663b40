package dev.idcplane.identitycenter;

import java.util.Objects;

/** An Identity Center instance: its ARN and the identity store that holds its users and groups. */
public record Instance(String instanceArn, String identityStoreId) {
  public Instance {
    Objects.requireNonNull(instanceArn, "instanceArn");
    Objects.requireNonNull(identityStoreId, "identityStoreId");
  }
}
