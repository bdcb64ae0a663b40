package dev.idcplane.identitycenter.apps;

import java.util.Objects;

/**
 * An application of an Identity Center instance: its provider tells a customer-managed one ({@link
 * #CUSTOM_PROVIDER}) from the AWS-managed ones, which the service never changes. {@code status} is
 * ENABLED or DISABLED.
 */
public record ApplicationInfo(
    String arn, String name, String providerArn, String description, String status) {
  /** The provider of customer-managed OAuth applications, the only one the service creates. */
  public static final String CUSTOM_PROVIDER = "arn:aws:sso::aws:applicationProvider/custom";

  public static final String ENABLED = "ENABLED";
  public static final String DISABLED = "DISABLED";

  public ApplicationInfo {
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(providerArn, "providerArn");
    Objects.requireNonNull(status, "status");
  }

  /** Whether this is a customer-managed application (provider {@code custom}). */
  public boolean custom() {
    return CUSTOM_PROVIDER.equals(providerArn);
  }
}
