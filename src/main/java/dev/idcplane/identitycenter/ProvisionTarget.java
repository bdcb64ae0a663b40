package dev.idcplane.identitycenter;

import java.util.Optional;

/**
 * Where ProvisionPermissionSet provisions a set: every account it is provisioned to ({@code
 * TargetType=ALL_PROVISIONED_ACCOUNTS}) or one account ({@code TargetType=AWS_ACCOUNT}, {@code
 * TargetId} the account id).
 */
public record ProvisionTarget(Optional<String> accountId) {
  public static final ProvisionTarget ALL_PROVISIONED_ACCOUNTS =
      new ProvisionTarget(Optional.empty());

  public ProvisionTarget {
    accountId = accountId == null ? Optional.empty() : accountId;
    accountId.ifPresent(
        id -> {
          if (!id.matches("\\d{12}")) {
            throw new IllegalArgumentException("account id must be 12 digits, got " + id);
          }
        });
  }

  /** One account, {@code TargetType=AWS_ACCOUNT}. */
  public static ProvisionTarget account(String accountId) {
    return new ProvisionTarget(Optional.of(accountId));
  }

  public boolean allProvisionedAccounts() {
    return accountId.isEmpty();
  }
}
