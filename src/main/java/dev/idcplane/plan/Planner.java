package dev.idcplane.plan;

import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.LivePermissionSet;
import dev.idcplane.identitycenter.LiveState;
import dev.idcplane.identitycenter.PermissionSetDefinition;
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
 * declared {@code external: true} has its assignments managed but never its definition.
 * Assignments of undeclared sets are reported as unmanaged drift, never deleted. Protected sets are
 * never changed: assignments the matrix wants are created, the rest are reported. Assignments in
 * the management account are never deleted unless the policy allows it.
 *
 * <p>Read by a delegated administrator ({@link LiveState#delegatedAdministrator()}), a plan makes
 * no assignment creates or deletes in the management account and neither updates nor provisions
 * permission sets provisioned to it; what it would have done there is reported as drift it does
 * not fix, and the plan carries its {@link Delegation}.
 *
 * <p>Change order is the order apply runs them in: permission set creates and updates, then
 * provisioning, then assignment creates, then deletes — so nobody moving between groups loses
 * access mid-run.
 */
public final class Planner {

  public Plan plan(DesiredState desired, LiveState live, PlanPolicy policy, PlanSource source) {
    List<Change> definitions = new ArrayList<>();
    List<Change> provisions = new ArrayList<>();
    List<DriftFinding> drift = new ArrayList<>();
    Optional<Delegation> delegation = Delegation.of(live);
    List<DriftFinding> withheld = new ArrayList<>();
    planPermissionSets(desired, live, policy, definitions, provisions, drift, delegation, withheld);

    Map<String, String> nameByArn = new HashMap<>();
    live.permissionSetsByName().values().forEach(p -> nameByArn.put(p.arn(), p.name()));
    Map<AssignmentKey, AccountAssignment> liveByKey = new TreeMap<>();
    for (AccountAssignment a : live.assignments()) {
      String name = nameByArn.getOrDefault(a.permissionSetArn(), a.permissionSetArn());
      liveByKey.put(
          new AssignmentKey(a.accountId(), name, a.principalType(), a.principalId()), a);
    }

    List<Change> creates = new ArrayList<>();
    for (DesiredAssignment want : new TreeMap<>(desired.assignments()).values()) {
      if (liveByKey.containsKey(want.key())) {
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
                DriftKind.MISSING, want.key(), want.accountName(), want.principalName(),
                "not live; " + reason + "; not created: " + delegation.get().accountReason(),
                false));
        continue;
      }
      creates.add(
          new Change.CreateAssignment(
              want.key(), arn, want.principalName(), want.accountName(), want.wantedBy(), reason));
      drift.add(
          DriftFinding.ofAssignment(
              DriftKind.MISSING, want.key(), want.accountName(), want.principalName(),
              "not live; " + reason, true));
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
      if (policy.isProtected(setName)) {
        drift.add(
            DriftFinding.ofAssignment(
                DriftKind.PROTECTED, key, accountName, principalName,
                setName + " is protected: its assignments are never changed", false));
      } else if (!desired.permissionSets().containsKey(setName)) {
        drift.add(
            DriftFinding.ofAssignment(
                DriftKind.UNMANAGED, key, accountName, principalName,
                setName + " is not declared in the matrix: reported, never deleted", false));
      } else if (key.accountId().equals(management) && !policy.allowManagementAccountDeletes()) {
        drift.add(
            DriftFinding.ofAssignment(
                DriftKind.UNEXPECTED, key, accountName, principalName,
                "not in the matrix, kept: assignments in the management account are never"
                    + " deleted (idc.plan.allow-management-account-deletes)", false));
      } else if (delegation.isPresent() && delegation.get().blocksAccount(key.accountId())) {
        withheld.add(
            DriftFinding.ofAssignment(
                DriftKind.UNEXPECTED, key, accountName, principalName,
                "not in the matrix, kept: " + delegation.get().accountReason(), false));
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
              DriftKind.EXPIRED_USER_RULE, u,
              "USER exception at " + u.at() + " (owner " + u.owner() + ") expired on "
                  + u.expires() + ": left out of the desired state; remove it from the matrix"));
    }
    for (UserException u : desired.expiringUserRules()) {
      drift.add(
          DriftFinding.ofUserException(
              DriftKind.EXPIRING_USER_RULE, u,
              "USER exception at " + u.at() + " (owner " + u.owner() + ") is valid through "
                  + u.expires() + ": renew it (a later expires) or let it lapse; its"
                  + " assignments are deleted from the day after"));
    }

    drift.addAll(withheld);
    List<Change> changes = new ArrayList<>(definitions);
    changes.addAll(provisions);
    changes.addAll(creates);
    changes.addAll(deletes);
    drift.sort(Comparator.comparing(DriftFinding::kind).thenComparing(DriftFinding::key));
    long managed = liveByKey.keySet().stream()
        .filter(k -> desired.permissionSets().containsKey(k.permissionSetName())
            && !policy.isProtected(k.permissionSetName()))
        .count();
    return new Plan(source, changes, drift, desired.warnings(), (int) managed,
        delegation.map(d -> d.withWithheld(withheld.size())));
  }

  private void planPermissionSets(
      DesiredState desired,
      LiveState live,
      PlanPolicy policy,
      List<Change> definitions,
      List<Change> provisions,
      List<DriftFinding> drift,
      Optional<Delegation> delegation,
      List<DriftFinding> withheld) {
    for (DesiredPermissionSet want : new TreeMap<>(desired.permissionSets()).values()) {
      LivePermissionSet have = live.permissionSetsByName().get(want.name());
      if (have == null) {
        want.definition()
            .ifPresent(
                def ->
                    definitions.add(
                        new Change.CreatePermissionSet(
                            want.name(), def, want.declaredAt(),
                            "declared at " + want.declaredAt() + ", not live")));
        continue;
      }
      if (delegation.isPresent() && delegation.get().blocksPermissionSet(want.name())) {
        planReadOnlySet(want, have, policy, delegation.get(), drift, withheld);
        continue;
      }
      boolean managed = want.definition().isPresent() && !policy.isProtected(want.name());
      boolean updated = false;
      if (managed) {
        PermissionSetDefinition wantDef = want.definition().get();
        PermissionSetDefinition haveDef =
            have.definition()
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "live definition of declared set " + want.name() + " was not read"));
        List<FieldChange> fields = DefinitionDiffer.diff(haveDef, wantDef);
        if (!fields.isEmpty()) {
          updated = fields.stream().anyMatch(f -> DefinitionDiffer.provisioned(f.field()));
          String changed = String.join(", ", fields.stream().map(FieldChange::field).toList());
          definitions.add(
              new Change.UpdatePermissionSet(
                  want.name(), have.arn(), fields, haveDef, wantDef, want.declaredAt(),
                  "live definition differs from " + want.declaredAt() + " in " + changed));
          drift.add(
              DriftFinding.ofPermissionSet(
                  DriftKind.DEFINITION, want.name(), "live definition differs in " + changed, true,
                  fields));
        }
      }
      boolean provisionedAnywhere = !have.provisionedAccounts().isEmpty();
      if (!have.outOfSyncAccounts().isEmpty()) {
        drift.add(outOfSync(have, managed && provisionedAnywhere));
      }
      if (managed && provisionedAnywhere && (updated || !have.outOfSyncAccounts().isEmpty())) {
        String reason =
            updated
                ? "definition changes reach accounts only when provisioned"
                : "outdated copy in " + new TreeSet<>(have.outOfSyncAccounts());
        provisions.add(
            new Change.ProvisionPermissionSet(
                want.name(), have.arn(), List.copyOf(new TreeSet<>(have.outOfSyncAccounts())),
                reason));
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
      PermissionSetDefinition wantDef = want.definition().get();
      PermissionSetDefinition haveDef =
          have.definition()
              .orElseThrow(
                  () ->
                      new IllegalStateException(
                          "live definition of declared set " + want.name() + " was not read"));
      List<FieldChange> fields = DefinitionDiffer.diff(haveDef, wantDef);
      if (!fields.isEmpty()) {
        String changed = String.join(", ", fields.stream().map(FieldChange::field).toList());
        withheld.add(
            DriftFinding.ofPermissionSet(
                DriftKind.DEFINITION, want.name(),
                "live definition differs in " + changed + "; not updated: " + why, false, fields));
      }
    }
    if (!have.outOfSyncAccounts().isEmpty()) {
      DriftFinding finding = outOfSync(have, false);
      if (managed) {
        withheld.add(
            DriftFinding.ofPermissionSet(
                DriftKind.OUT_OF_SYNC, have.name(), finding.detail() + "; not provisioned: " + why,
                false));
      } else {
        drift.add(finding);
      }
    }
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
                "permission set " + s.name() + " is declared external but does not exist in "
                    + live.instance().instanceArn(),
                "create it first, or declare its definition so the service creates it"));
      }
    }
    return out;
  }
}
