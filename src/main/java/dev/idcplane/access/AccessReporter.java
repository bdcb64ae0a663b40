package dev.idcplane.access;

import dev.idcplane.identitycenter.Account;
import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.LivePermissionSet;
import dev.idcplane.identitycenter.LiveState;
import dev.idcplane.identitycenter.Principal;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.plan.AssignmentKey;
import dev.idcplane.plan.DesiredAssignment;
import dev.idcplane.plan.DesiredState;
import dev.idcplane.plan.DriftFinding;
import dev.idcplane.plan.Plan;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Builds access reports from one live snapshot, the resolved matrix and the plan computed from
 * both: every live assignment, marked wanted (with its rules) or with the planner's finding about
 * it. Pure; no I/O. Read by a delegated administrator, nothing in the management account is
 * reported as fixed by the plan: AWS does not let a delegated administrator change assignments
 * there.
 */
public final class AccessReporter {
  private final LiveState live;
  private final DesiredState desired;
  private final Map<String, DriftFinding> findingsByKey = new HashMap<>();

  public AccessReporter(LiveState live, DesiredState desired, Plan plan) {
    this.live = live;
    this.desired = desired;
    for (DriftFinding d : plan.drift()) {
      if (d.accountId() != null && d.principalId() != null) {
        findingsByKey.put(key(d.permissionSetName(), d.accountId(), d.principalId()), d);
      }
    }
  }

  /** The account with this id, or the one account with this name. */
  public Optional<Account> account(String idOrName) {
    Optional<Account> byId = live.orgTree().account(idOrName);
    if (byId.isPresent()) {
      return byId;
    }
    List<Account> named = live.orgTree().accountsNamed(idOrName);
    return named.size() == 1 ? Optional.of(named.get(0)) : Optional.empty();
  }

  /**
   * Whether a principal with this id or name is known: it appears in a live assignment or the
   * matrix wants it somewhere. An unknown one is a 404 at the edge, not an empty report.
   */
  public boolean knowsPrincipal(String idOrName) {
    return live.principalsById().values().stream()
            .anyMatch(p -> p.id().equals(idOrName) || p.name().equals(idOrName))
        || live.assignments().stream().anyMatch(a -> a.principalId().equals(idOrName))
        || desired.assignments().values().stream()
            .anyMatch(
                d -> d.principalName().equals(idOrName) || d.key().principalId().equals(idOrName));
  }

  /** Every live assignment in the account. */
  public List<AccessRow> byAccount(Account account) {
    return rows(a -> a.accountId().equals(account.id()));
  }

  /**
   * Every live assignment of the principal with this id or name (group display name or user name).
   */
  public List<AccessRow> byPrincipal(String idOrName) {
    return rows(
        a -> {
          Principal p = live.principalsById().get(a.principalId());
          return a.principalId().equals(idOrName) || (p != null && p.name().equals(idOrName));
        });
  }

  private List<AccessRow> rows(Predicate<AccountAssignment> which) {
    return live.assignments().stream()
        .filter(which)
        .map(this::row)
        .sorted(
            Comparator.comparing(AccessRow::accountName)
                .thenComparing(AccessRow::principalName)
                .thenComparing(AccessRow::permissionSet))
        .toList();
  }

  private AccessRow row(AccountAssignment a) {
    String set =
        live.permissionSetByArn(a.permissionSetArn())
            .map(LivePermissionSet::name)
            .orElse(a.permissionSetArn());
    String accountName =
        live.orgTree().account(a.accountId()).map(Account::name).orElse(a.accountId());
    String principalName = live.principalName(a.principalId());
    DesiredAssignment want =
        desired
            .assignments()
            .get(new AssignmentKey(a.accountId(), set, a.principalType(), a.principalId()));
    if (want != null) {
      String expiring =
          desired.expiringUserRules().stream()
              .filter(
                  u ->
                      a.principalType() == PrincipalType.USER
                          && u.userName().equals(principalName)
                          && u.permissionSetName().equals(set))
              .map(
                  u ->
                      "USER exception at "
                          + u.at()
                          + " (owner "
                          + u.owner()
                          + ") is valid through "
                          + u.expires())
              .findFirst()
              .orElse(null);
      return row(
          a,
          accountName,
          principalName,
          set,
          AccessStatus.WANTED,
          want.wantedBy().stream().map(Object::toString).toList(),
          expiring,
          false);
    }
    DriftFinding finding = findingsByKey.get(key(set, a.accountId(), a.principalId()));
    AccessStatus status =
        finding == null
            ? AccessStatus.UNEXPECTED
            : switch (finding.kind()) {
              case PROTECTED -> AccessStatus.PROTECTED;
              case UNMANAGED -> AccessStatus.UNMANAGED;
              case UNEXPECTED,
                  INACTIVE_ACCOUNT,
                  MISSING,
                  DEFINITION,
                  OUT_OF_SYNC,
                  EXPIRED_USER_RULE,
                  EXPIRING_USER_RULE,
                  TRUSTED_TOKEN_ISSUER,
                  APPLICATION,
                  UNMANAGED_TRUSTED_TOKEN_ISSUER,
                  UNMANAGED_APPLICATION,
                  TERRAFORM_DRIFT ->
                  AccessStatus.UNEXPECTED;
              case TERRAFORM_MANAGED -> AccessStatus.TERRAFORM_MANAGED;
            };
    return row(
        a,
        accountName,
        principalName,
        set,
        status,
        List.of(),
        finding == null ? null : finding.detail(),
        finding != null && finding.fixedByPlan() && changeable(a.accountId()));
  }

  private static AccessRow row(
      AccountAssignment a,
      String accountName,
      String principalName,
      String set,
      AccessStatus status,
      List<String> wantedBy,
      String detail,
      boolean fixable) {
    return new AccessRow(
        a.accountId(),
        accountName,
        a.principalType(),
        a.principalId(),
        principalName,
        set,
        status,
        wantedBy,
        detail,
        fixable);
  }

  /** Whether the credentials the live state was read with may change assignments there. */
  private boolean changeable(String accountId) {
    return !(live.delegatedAdministrator()
        && accountId.equals(live.organization().managementAccountId()));
  }

  private static String key(String set, String accountId, String principalId) {
    return set + "/" + accountId + "/" + principalId;
  }
}
