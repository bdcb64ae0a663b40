package dev.idcplane.plan;

import dev.idcplane.identitycenter.LivePermissionSet;
import dev.idcplane.identitycenter.LiveState;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a plan made by IAM Identity Center's delegated administrator is limited. AWS does not let a
 * delegated administrator manage assignments in the organization's management account nor
 * permission sets provisioned to it (IAM Identity Center user guide, "Delegated administration"),
 * so the planner makes no assignment creates or deletes in the management account and neither
 * updates nor provisions those sets: what it would have done is reported as drift it cannot fix.
 *
 * @param callerAccountId the delegated administrator account the plan was read with
 * @param managementAccountId the organization's management account, left alone
 * @param readOnlyPermissionSets sets provisioned to the management account, sorted by name
 * @param withheld findings a plan read by the management account would have fixed, reported here as
 *     drift the plan does not fix
 */
public record Delegation(
    String callerAccountId,
    String managementAccountId,
    List<String> readOnlyPermissionSets,
    int withheld) {
  public Delegation {
    Objects.requireNonNull(callerAccountId, "callerAccountId");
    Objects.requireNonNull(managementAccountId, "managementAccountId");
    readOnlyPermissionSets = List.copyOf(readOnlyPermissionSets);
  }

  /** The limits of a plan of {@code live}; empty when it was read by the management account. */
  static Optional<Delegation> of(LiveState live) {
    if (!live.delegatedAdministrator()) {
      return Optional.empty();
    }
    String management = live.organization().managementAccountId();
    List<String> readOnly =
        live.permissionSetsByName().values().stream()
            .filter(p -> p.provisionedAccounts().contains(management))
            .map(LivePermissionSet::name)
            .sorted()
            .toList();
    return Optional.of(new Delegation(live.callerAccountId(), management, readOnly, 0));
  }

  Delegation withWithheld(int count) {
    return new Delegation(callerAccountId, managementAccountId, readOnlyPermissionSets, count);
  }

  boolean blocksAccount(String accountId) {
    return managementAccountId.equals(accountId);
  }

  boolean blocksPermissionSet(String name) {
    return readOnlyPermissionSets.contains(name);
  }

  /** Why an assignment in the management account is left alone. */
  String accountReason() {
    return "running as delegated administrator (account "
        + callerAccountId
        + "), which AWS does"
        + " not allow to manage assignments in the management account "
        + managementAccountId
        + ": change it from the management account";
  }

  /** Why a set provisioned to the management account is left alone. */
  String permissionSetReason(String name) {
    return "running as delegated administrator (account "
        + callerAccountId
        + "), which AWS does"
        + " not allow to change or provision "
        + name
        + ": it is provisioned to the management"
        + " account "
        + managementAccountId
        + "; change it from the management account";
  }
}
