package dev.idcplane.plan;

import dev.idcplane.error.ControlPlaneException;
import dev.idcplane.identitycenter.AccountStatus;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The organization was read without a single ACTIVE account. Every organization has at least its
 * ACTIVE management account, so the read was wrong (e.g. an account state the adapter does not
 * know); planning from it would delete every managed assignment. Nothing was planned or changed.
 */
public class NoActiveAccountException extends ControlPlaneException {

  public NoActiveAccountException(
      String organizationId, int accounts, Map<AccountStatus, Long> seen) {
    super(
        "organization "
            + organizationId
            + " was read with no ACTIVE account: "
            + (accounts == 0
                ? "ListAccountsForParent returned no account at all"
                : "of "
                    + accounts
                    + " accounts read, "
                    + seen.entrySet().stream()
                        .map(e -> e.getValue() + " " + e.getKey())
                        .collect(Collectors.joining(", ")))
            + ". Nothing was planned or changed: a plan from this read would delete every managed"
            + " assignment. Check the accounts' State in AWS Organizations (the management account"
            + " is always ACTIVE) and that the service reads the Account State field.");
  }

  @Override
  public int httpStatus() {
    return 502;
  }

  @Override
  public String code() {
    return "no_active_account";
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
