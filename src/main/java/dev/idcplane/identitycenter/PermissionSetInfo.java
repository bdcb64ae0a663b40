package dev.idcplane.identitycenter;

import java.util.Objects;

/**
 * What DescribePermissionSet returns. {@code description} and {@code relayState} may be null;
 * duration is ISO-8601.
 */
public record PermissionSetInfo(
    String arn, String name, String description, String sessionDuration, String relayState) {
  public PermissionSetInfo {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(name, "name");
    relayState = relayState == null || relayState.isBlank() ? null : relayState;
  }

  /** A set without a relay state. */
  public PermissionSetInfo(String arn, String name, String description, String sessionDuration) {
    this(arn, name, description, sessionDuration, null);
  }
}
