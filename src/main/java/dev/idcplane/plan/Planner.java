package dev.idcplane.plan;

import dev.idcplane.identitycenter.Account;
import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.AccountStatus;
import dev.idcplane.identitycenter.LivePermissionSet;
import dev.idcplane.identitycenter.LiveState;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.ProvisionTarget;
import dev.idcplane.matrix.Violation;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The pure planner: {@code (desired, live, policy) → Plan}. No I/O, no clock.
 *
 * <p>Ownership rules: a permission set declared with a definition is managed — its definition and
 * its assignments are ours, and live assignments the matrix does not want are deleted. A set
 * declared {@code external: true} has its assignments managed but never its definition. Assignments
 * of undeclared sets are reported as unmanaged drift, never deleted. Protected sets are never
 * changed: assignments the matrix wants are created, the rest are reported. Assignments in the
 * management account are never deleted unless the policy allows it.
 *
 * <p>Read by a delegated administrator ({@link LiveState#delegatedAdministrator()}), a plan makes
 * no assignment creates or deletes in the management account and neither updates nor provisions
 * permission sets provisioned to it; what it would have done there is reported as drift it does not
 * fix, and the plan carries its {@link Delegation}.
 *
 * <p>Accounts that are not ACTIVE (suspended, closed, pending activation or closure) get no creates
 * and no deletes: Identity Center fails both there, so their assignments are reported as {@link
 * DriftKind#INACTIVE_ACCOUNT}. A set to provision that is provisioned to such an account, or to
 * more than {@link #MAX_ALL_PROVISIONED_ACCOUNTS} accounts, is provisioned account by account
 * ({@code AWS_ACCOUNT}) to its ACTIVE accounts instead of through ALL_PROVISIONED_ACCOUNTS, which
 * would fail. A live state without any ACTIVE account is refused ({@link
 * NoActiveAccountException}): it means the organization was misread, and planning from it would
 * delete every assignment.
 *
 * <p>Change order is the order apply runs them in: permission set creates and updates, then
 * provisioning, then assignment creates, then deletes — so nobody moving between groups loses
 * access mid-run.
 */
public final class Planner {
  /**
   * The most accounts a set may be provisioned to for one ALL_PROVISIONED_ACCOUNTS request; above
   * it the set is provisioned per account.
   */
  public static final int MAX_ALL_PROVISIONED_ACCOUNTS = 3_500;

  public Plan plan(DesiredState desired, LiveState live, PlanPolicy policy, PlanSource source) {
    return plan(desired, live, policy, source, TerraformOwnership.none());
  }

  /**
   * As {@link #plan(DesiredState, LiveState, PlanPolicy, PlanSource)}, leaving what Terraform owns
   * to Terraform: an owned permission set is neither updated nor provisioned, an owned assignment
   * is neither created nor deleted. A live owned assignment the matrix does not want is reported as
   * {@link DriftKind#TERRAFORM_MANAGED}; an owned assignment the state holds and the instance does
   * not is {@link DriftKind#TERRAFORM_DRIFT} (Terraform's to restore). Declaring an owned set with
   * a definition is a matrix error ({@link TerraformOwnership#conflicts}); planned anyway, the set
   * is treated as external.
   */
  public Plan plan(
      DesiredState desired,
      LiveState live,
      PlanPolicy policy,
      PlanSource source,
      TerraformOwnership terraform) {
    requireActiveAccount(live);
    TerraformView tf = new TerraformView(terraform, live);
    List<Change> definitions = new ArrayList<>();
    List<Change> provisions = new ArrayList<>();
    List<DriftFinding> drift = new ArrayList<>();
    Optional<Delegation> delegation = Delegation.of(live);
    List<DriftFinding> withheld = new ArrayList<>();
    planPermissionSets(
        desired, live, policy, tf, definitions, provisions, drift, delegation, withheld);

    Map<String, String> nameByArn = new HashMap<>();
    live.permissionSetsByName().values().forEach(p -> nameByArn.put(p.arn(), p.name()));
    Map<AssignmentKey, AccountAssignment> liveByKey = new TreeMap<>();
    for (AccountAssignment a : live.assignments()) {
      String name = nameByArn.getOrDefault(a.permissionSetArn(), a.permissionSetArn());
      liveByKey.put(new AssignmentKey(a.accountId(), name, a.principalType(), a.principalId()), a);
    }

    List<Change> creates = new ArrayList<>();
    for (DesiredAssignment want : new TreeMap<>(desired.assignments()).values()) {
      if (liveByKey.containsKey(want.key())) {
        continue;
      }
      Optional<TerraformOwnership.Owner> owned = tf.assignment(want.key());
      if (owned.isPresent()) {
        drift.add(tf.notLive(want.key(), want.accountName(), want.principalName(), owned.get()));
        continue;
      }
      Optional<Account> inactive = inactiveAccount(live, want.key().accountId());
      if (inactive.isPresent()) {
        drift.add(
            DriftFinding.ofAssignment(
                DriftKind.INACTIVE_ACCOUNT,
                want.key(),
                want.accountName(),
                want.principalName(),
                "wanted by " + joined(want.wantedBy()) + ", not created: " + why(inactive.get()),
                false));
        continue;
      }
      String arn =
          Optional.ofNullable(live.permissionSetsByName().get(want.key().permissionSetName()))
              .map(LivePermissionSet::arn)
              .orElse(null);
      String reason = "wanted by " + joined(want.wantedBy());
      if (delegation.isPresent() && delegation.get().blocksAccount(want.key().accountId())) {
        withheld.add(
            DriftFinding.ofAssignment(
                DriftKind.MISSING,
                want.key(),
                want.accountName(),
                want.principalName(),
                "not live; " + reason + "; not created: " + delegation.get().accountReason(),
                false));
        continue;
      }
      creates.add(
          new Change.CreateAssignment(
              want.key(), arn, want.principalName(), want.accountName(), want.wantedBy(), reason));
      drift.add(
          DriftFinding.ofAssignment(
              DriftKind.MISSING,
              want.key(),
              want.accountName(),
              want.principalName(),
              "not live; " + reason,
              true));
    }

    Map<String, UserException> expiredByKey = new HashMap<>();
    for (UserException u : desired.expiredUserRules()) {
      expiredByKey.put(u.userName() + "/" + u.permissionSetName(), u);
    }
    List<Change> deletes = new ArrayList<>();
    String management = live.organization().managementAccountId();
    for (Map.Entry<AssignmentKey, AccountAssignment> e : liveByKey.entrySet()) {
      AssignmentKey key = e.getKey();
      if (desired.assignments().containsKey(key)) {
        continue;
      }
      String setName = key.permissionSetName();
      String accountName =
          live.orgTree().account(key.accountId()).map(a -> a.name()).orElse(key.accountId());
      String principalName = live.principalName(key.principalId());
      Optional<TerraformOwnership.Owner> owned = tf.assignment(key);
      if (owned.isPresent()) {
        drift.add(
            DriftFinding.ofAssignment(
                DriftKind.TERRAFORM_MANAGED,
                key,
                accountName,
                principalName,
                "not in the matrix, kept: managed by Terraform at " + owned.get(),
                false));
      } else if (policy.isProtected(setName)) {
        drift.add(
            DriftFinding.ofAssignment(
                DriftKind.PROTECTED,
                key,
                accountName,
                principalName,
                setName + " is protected: its assignments are never changed",
                false));
      } else if (!desired.permissionSets().containsKey(setName)) {
        drift.add(
            DriftFinding.ofAssignment(
                DriftKind.UNMANAGED,
                key,
                accountName,
                principalName,
                setName + " is not declared in the matrix: reported, never deleted",
                false));
      } else if (inactiveAccount(live, key.accountId()).isPresent()) {
        drift.add(
            DriftFinding.ofAssignment(
                DriftKind.INACTIVE_ACCOUNT,
                key,
                accountName,
                principalName,
                "not in the matrix, kept: " + why(inactiveAccount(live, key.accountId()).get()),
                false));
      } else if (key.accountId().equals(management) && !policy.allowManagementAccountDeletes()) {
        drift.add(
            DriftFinding.ofAssignment(
                DriftKind.UNEXPECTED,
                key,
                accountName,
                principalName,
                "not in the matrix, kept: assignments in the management account are never"
                    + " deleted (idc.plan.allow-management-account-deletes)",
                false));
      } else if (delegation.isPresent() && delegation.get().blocksAccount(key.accountId())) {
        withheld.add(
            DriftFinding.ofAssignment(
                DriftKind.UNEXPECTED,
                key,
                accountName,
                principalName,
                "not in the matrix, kept: " + delegation.get().accountReason(),
                false));
      } else {
        UserException expired = expiredByKey.get(principalName + "/" + setName);
        String reason =
            expired != null
                ? "USER exception at " + expired.at() + " expired on " + expired.expires()
                : "not in the matrix, and " + setName + " is managed by the matrix";
        deletes.add(
            new Change.DeleteAssignment(
                key, e.getValue().permissionSetArn(), principalName, accountName, reason));
        drift.add(
            DriftFinding.ofAssignment(
                DriftKind.UNEXPECTED, key, accountName, principalName, reason, true));
      }
    }

    for (UserException u : desired.expiredUserRules()) {
      drift.add(
          DriftFinding.ofUserException(
              DriftKind.EXPIRED_USER_RULE,
              u,
              "USER exception at "
                  + u.at()
                  + " (owner "
                  + u.owner()
                  + ") expired on "
                  + u.expires()
                  + ": left out of the desired state; remove it from the matrix"));
    }
    for (UserException u : desired.expiringUserRules()) {
      drift.add(
          DriftFinding.ofUserException(
              DriftKind.EXPIRING_USER_RULE,
              u,
              "USER exception at "
                  + u.at()
                  + " (owner "
                  + u.owner()
                  + ") is valid through "
                  + u.expires()
                  + ": renew it (a later expires) or let it lapse; its"
                  + " assignments are deleted from the day after"));
    }

    for (AssignmentKey key : tf.ownedNotLive(liveByKey.keySet(), desired.assignments().keySet())) {
      drift.add(
          tf.notLive(
              key,
              live.orgTree().account(key.accountId()).map(Account::name).orElse(key.accountId()),
              live.principalName(key.principalId()),
              tf.assignment(key).orElseThrow()));
    }
    drift.addAll(withheld);
    List<Change> changes = new ArrayList<>(definitions);
    changes.addAll(provisions);
    changes.addAll(creates);
    changes.addAll(deletes);
    drift.sort(Comparator.comparing(DriftFinding::kind).thenComparing(DriftFinding::key));
    long managed =
        liveByKey.keySet().stream()
            .filter(
                k ->
                    desired.permissionSets().containsKey(k.permissionSetName())
                        && !policy.isProtected(k.permissionSetName())
                        && tf.assignment(k).isEmpty())
            .count();
    return new Plan(
        source,
        changes,
        drift,
        desired.warnings(),
        (int) managed,
        delegation.map(d -> d.withWithheld(withheld.size())));
  }

  private void planPermissionSets(
      DesiredState desired,
      LiveState live,
      PlanPolicy policy,
      TerraformView tf,
      List<Change> definitions,
      List<Change> provisions,
      List<DriftFinding> drift,
      Optional<Delegation> delegation,
      List<DriftFinding> withheld) {
    for (DesiredPermissionSet want : new TreeMap<>(desired.permissionSets()).values()) {
      LivePermissionSet have = live.permissionSetsByName().get(want.name());
      boolean owned = tf.ownsSet(want.name(), have == null ? null : have.arn());
      if (have == null) {
        if (owned) {
          continue;
        }
        want.definition()
            .ifPresent(
                def ->
                    definitions.add(
                        new Change.CreatePermissionSet(
                            want.name(),
                            def,
                            want.declaredAt(),
                            "declared at " + want.declaredAt() + ", not live")));
        continue;
      }
      if (delegation.isPresent() && delegation.get().blocksPermissionSet(want.name())) {
        planReadOnlySet(want, have, policy, delegation.get(), drift, withheld);
        continue;
      }
      boolean managed = want.definition().isPresent() && !policy.isProtected(want.name()) && !owned;
      boolean updated = false;
      if (managed) {
        PermissionSetDefinition wantDef = want.definition().get();
        PermissionSetDefinition haveDef = liveDefinition(want, have);
        List<FieldChange> fields = DefinitionDiffer.diff(haveDef, wantDef);
        if (!fields.isEmpty()) {
          updated = fields.stream().anyMatch(f -> DefinitionDiffer.provisioned(f.field()));
          String changed = String.join(", ", fields.stream().map(FieldChange::field).toList());
          definitions.add(
              new Change.UpdatePermissionSet(
                  want.name(),
                  have.arn(),
                  fields,
                  haveDef,
                  wantDef,
                  want.declaredAt(),
                  "live definition differs from " + want.declaredAt() + " in " + changed));
          drift.add(
              DriftFinding.ofPermissionSet(
                  DriftKind.DEFINITION,
                  want.name(),
                  "live definition differs in " + changed,
                  true,
                  fields));
        }
      }
      boolean provisionedAnywhere = !have.provisionedAccounts().isEmpty();
      List<String> unreachable =
          new TreeSet<>(have.provisionedAccounts())
              .stream().filter(id -> inactiveAccount(live, id).isPresent()).toList();
      if (!have.outOfSyncAccounts().isEmpty()) {
        boolean reached = have.outOfSyncAccounts().stream().noneMatch(unreachable::contains);
        drift.add(outOfSync(have, managed && provisionedAnywhere && reached));
      }
      if (managed && provisionedAnywhere && (updated || !have.outOfSyncAccounts().isEmpty())) {
        String reason =
            updated
                ? "definition changes reach accounts only when provisioned"
                : "outdated copy in " + new TreeSet<>(have.outOfSyncAccounts());
        if (unreachable.isEmpty()
            && have.provisionedAccounts().size() <= MAX_ALL_PROVISIONED_ACCOUNTS) {
          provisions.add(
              new Change.ProvisionPermissionSet(
                  want.name(),
                  have.arn(),
                  List.copyOf(new TreeSet<>(have.outOfSyncAccounts())),
                  reason));
        } else {
          provisionPerAccount(live, have, updated, unreachable, reason, provisions);
        }
      }
    }
    for (LivePermissionSet have : live.permissionSetsByName().values()) {
      if (!desired.permissionSets().containsKey(have.name())
          && !have.outOfSyncAccounts().isEmpty()) {
        drift.add(outOfSync(have, false));
      }
    }
  }

  /**
   * A declared set provisioned to the management account, planned by a delegated administrator:
   * what a plan would change (definition, provisioning) is reported, not fixed.
   */
  private static void planReadOnlySet(
      DesiredPermissionSet want,
      LivePermissionSet have,
      PlanPolicy policy,
      Delegation delegation,
      List<DriftFinding> drift,
      List<DriftFinding> withheld) {
    boolean managed = want.definition().isPresent() && !policy.isProtected(want.name());
    String why = delegation.permissionSetReason(want.name());
    if (managed) {
      List<FieldChange> fields =
          DefinitionDiffer.diff(liveDefinition(want, have), want.definition().get());
      if (!fields.isEmpty()) {
        String changed = String.join(", ", fields.stream().map(FieldChange::field).toList());
        withheld.add(
            DriftFinding.ofPermissionSet(
                DriftKind.DEFINITION,
                want.name(),
                "live definition differs in " + changed + "; not updated: " + why,
                false,
                fields));
      }
    }
    if (!have.outOfSyncAccounts().isEmpty()) {
      DriftFinding finding = outOfSync(have, false);
      if (managed) {
        withheld.add(
            DriftFinding.ofPermissionSet(
                DriftKind.OUT_OF_SYNC,
                have.name(),
                finding.detail() + "; not provisioned: " + why,
                false));
      } else {
        drift.add(finding);
      }
    }
  }

  /**
   * One AWS_ACCOUNT provisioning per ACTIVE account that needs it: every account the set is
   * provisioned to after a definition change, else those holding an outdated copy.
   */
  private static void provisionPerAccount(
      LiveState live,
      LivePermissionSet have,
      boolean updated,
      List<String> unreachable,
      String reason,
      List<Change> provisions) {
    String why =
        unreachable.isEmpty()
            ? "; per account: provisioned to "
                + have.provisionedAccounts().size()
                + " accounts, more than one ALL_PROVISIONED_ACCOUNTS request reaches ("
                + MAX_ALL_PROVISIONED_ACCOUNTS
                + ")"
            : "; per account: ALL_PROVISIONED_ACCOUNTS would fail in "
                + unreachable.size()
                + " account(s) that are not ACTIVE "
                + unreachable;
    for (String id :
        new TreeSet<>(updated ? have.provisionedAccounts() : have.outOfSyncAccounts())) {
      if (unreachable.contains(id)) {
        continue;
      }
      provisions.add(
          new Change.ProvisionPermissionSet(
              have.name(),
              have.arn(),
              have.outOfSyncAccounts().contains(id) ? List.of(id) : List.of(),
              ProvisionTarget.account(id),
              live.orgTree().account(id).map(Account::name).orElse(null),
              reason + why));
    }
  }

  /** The account when the organization has it and it is not ACTIVE. */
  private static Optional<Account> inactiveAccount(LiveState live, String accountId) {
    return live.orgTree().account(accountId).filter(a -> !a.active());
  }

  private static String why(Account a) {
    return "account "
        + a.name()
        + " is "
        + a.status()
        + "; Identity Center cannot change assignments there";
  }

  /** Refuses a live state in which no account is ACTIVE (see the class comment). */
  static void requireActiveAccount(LiveState live) {
    List<Account> accounts = live.orgTree().accounts();
    if (accounts.stream().anyMatch(Account::active)) {
      return;
    }
    Map<AccountStatus, Long> seen = new TreeMap<>();
    accounts.forEach(a -> seen.merge(a.status(), 1L, Long::sum));
    throw new NoActiveAccountException(live.organization().id(), accounts.size(), seen);
  }

  /** The live definition of a declared set: the reader reads every declared set that exists. */
  private static PermissionSetDefinition liveDefinition(
      DesiredPermissionSet want, LivePermissionSet have) {
    return have.definition()
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "live definition of declared set " + want.name() + " was not read"));
  }

  private static DriftFinding outOfSync(LivePermissionSet have, boolean fixed) {
    return DriftFinding.ofPermissionSet(
        DriftKind.OUT_OF_SYNC,
        have.name(),
        "outdated copy (LATEST_PERMISSION_SET_NOT_PROVISIONED) in "
            + new TreeSet<>(have.outOfSyncAccounts()),
        fixed);
  }

  private static String joined(List<?> items) {
    return String.join(", ", items.stream().map(Object::toString).toList());
  }

  /**
   * Declared {@code external: true} sets that do not exist live: the matrix says they exist, so
   * this is a matrix error, reported before planning.
   */
  public static List<Violation> missingExternalSets(DesiredState desired, LiveState live) {
    List<Violation> out = new ArrayList<>();
    for (DesiredPermissionSet s : new TreeMap<>(desired.permissionSets()).values()) {
      if (s.external() && !live.permissionSetsByName().containsKey(s.name())) {
        out.add(
            new Violation(
                s.declaredAt(),
                "permission_sets." + s.name(),
                "unknown_permission_set",
                "permission set "
                    + s.name()
                    + " is declared external but does not exist in "
                    + live.instance().instanceArn(),
                "create it first, or declare its definition so the service creates it"));
      }
    }
    return out;
  }
}
