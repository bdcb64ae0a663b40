package dev.idcplane.identitycenter;

/**
 * A permission set's permissions boundary: exactly one of a customer-managed policy reference or an
 * AWS managed policy ARN.
 */
public record PermissionsBoundary(
    CustomerManagedPolicyRef customerManaged, String managedPolicyArn) {
  public PermissionsBoundary {
    if ((customerManaged == null) == (managedPolicyArn == null)) {
      throw new IllegalArgumentException(
          "a permissions boundary is exactly one of customer_managed or managed_policy_arn");
    }
  }

  public static PermissionsBoundary customerManaged(CustomerManagedPolicyRef ref) {
    return new PermissionsBoundary(ref, null);
  }

  public static PermissionsBoundary managed(String arn) {
    return new PermissionsBoundary(null, arn);
  }

  @Override
  public String toString() {
    return customerManaged != null ? "customer_managed:" + customerManaged : managedPolicyArn;
  }
}
