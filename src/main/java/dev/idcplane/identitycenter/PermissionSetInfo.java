package dev.idcplane.identitycenter;

import java.util.Objects;

/** What DescribePermissionSet returns. {@code description} may be null; duration is ISO-8601. */
public record PermissionSetInfo(
    String arn, String name, String description, String sessionDuration) {
  public PermissionSetInfo {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(name, "name");
  }
}
