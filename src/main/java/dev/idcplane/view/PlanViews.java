package dev.idcplane.view;

import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.matrix.SourceLocation;
import dev.idcplane.matrix.Violation;
import dev.idcplane.plan.AssignmentKey;
import dev.idcplane.plan.Change;
import dev.idcplane.plan.DriftFinding;
import dev.idcplane.plan.Plan;
import dev.idcplane.plan.PlanSummary;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

/** Maps domain plans to their API views. */
public final class PlanViews {
  private PlanViews() {}

  public static PlanView of(
      UUID id, Instant createdAt, String createdBy, String origin, Plan plan) {
    return of(id, createdAt, createdBy, null, origin, plan);
  }

  /**
   * The view of a plan made by {@code createdBy} (a token's sub), shown as {@code createdByName}.
   */
  public static PlanView of(
      UUID id,
      Instant createdAt,
      String createdBy,
      String createdByName,
      String origin,
      Plan plan) {
    var s = plan.source();
    return new PlanView(
        id,
        createdAt,
        createdBy,
        createdByName,
        origin,
        new PlanView.SourceView(
            s.matrixDigest(), s.matrixCommit(), s.instanceArn(), s.snapshotAt()),
        plan.fingerprint(),
        summary(plan.summary(), plan.managedAssignments()),
        plan.changes().stream().map(PlanViews::change).toList(),
        plan.drift().stream().map(PlanViews::drift).toList(),
        plan.warnings().stream().map(Violation::detail).toList(),
        plan.delegation()
            .map(
                d ->
                    new PlanView.DelegationView(
                        d.callerAccountId(),
                        d.managementAccountId(),
                        d.readOnlyPermissionSets(),
                        d.withheld()))
            .orElse(null));
  }

  static PlanView.SummaryView summary(PlanSummary s, int managedAssignments) {
    Map<String, Integer> changes = new LinkedHashMap<>();
    changes.put("create_permission_set", s.createPermissionSets());
    changes.put("update_permission_set", s.updatePermissionSets());
    changes.put("provision_permission_set", s.provisionPermissionSets());
    changes.put("create_assignment", s.createAssignments());
    changes.put("delete_assignment", s.deleteAssignments());
    Map<String, Integer> drift = new LinkedHashMap<>();
    s.driftByKind().entrySet().stream()
        .sorted(Map.Entry.comparingByKey())
        .forEach(e -> drift.put(lower(e.getKey()), e.getValue()));
    return new PlanView.SummaryView(
        s.totalChanges(),
        changes,
        drift,
        managedAssignments,
        s.delegatedAdministrator(),
        s.withheldByDelegation());
  }

  public static ChangeView change(Change c) {
    String action = lower(c.action());
    return switch (c.action()) {
      case CREATE_PERMISSION_SET -> {
        var p = (Change.CreatePermissionSet) c;
        yield permissionSet(action, c, p.name(), null, p.declaredAt(), List.of(), p.definition());
      }
      case UPDATE_PERMISSION_SET -> {
        var p = (Change.UpdatePermissionSet) c;
        yield permissionSet(
            action,
            c,
            p.name(),
            p.permissionSetArn(),
            p.declaredAt(),
            p.fields().stream()
                .map(f -> new ChangeView.FieldView(f.field(), f.before(), f.after()))
                .toList(),
            p.after());
      }
      case PROVISION_PERMISSION_SET -> {
        var p = (Change.ProvisionPermissionSet) c;
        RefView account =
            p.target()
                .accountId()
                .map(id -> new RefView("account", id, p.accountName()))
                .orElse(null);
        yield new ChangeView(
            action,
            c.key(),
            c.reason(),
            p.name(),
            p.permissionSetArn(),
            account,
            null,
            List.of(),
            List.of(),
            null,
            p.outOfSyncAccounts(),
            account == null ? "all_provisioned_accounts" : "aws_account");
      }
      case CREATE_ASSIGNMENT, DELETE_ASSIGNMENT -> {
        var a = (Change.AssignmentChange) c;
        List<String> wantedBy =
            a instanceof Change.CreateAssignment create
                ? create.wantedBy().stream().map(Object::toString).toList()
                : List.of();
        yield assignment(action, a, wantedBy);
      }
    };
  }

  private static ChangeView permissionSet(
      String action,
      Change c,
      String name,
      String arn,
      SourceLocation declaredAt,
      List<ChangeView.FieldView> fields,
      PermissionSetDefinition definition) {
    return new ChangeView(
        action,
        c.key(),
        c.reason(),
        name,
        arn,
        null,
        null,
        List.of(declaredAt.toString()),
        fields,
        DefinitionView.of(definition),
        List.of(),
        null);
  }

  private static ChangeView assignment(
      String action, Change.AssignmentChange a, List<String> wantedBy) {
    AssignmentKey k = a.assignment();
    return new ChangeView(
        action,
        a.key(),
        a.reason(),
        k.permissionSetName(),
        a.permissionSetArn(),
        new RefView("account", k.accountId(), a.accountName()),
        new RefView(lower(k.principalType()), k.principalId(), a.principalName()),
        wantedBy,
        List.of(),
        null,
        List.of(),
        null);
  }

  static DriftView drift(DriftFinding d) {
    RefView account =
        d.accountId() == null ? null : new RefView("account", d.accountId(), d.accountName());
    RefView principal =
        d.principalType() == null
            ? null
            : new RefView(lower(d.principalType()), d.principalId(), d.principalName());
    return new DriftView(
        lower(d.kind()),
        d.key(),
        d.permissionSetName(),
        account,
        principal,
        d.detail(),
        d.fixedByPlan(),
        d.fields().stream()
            .map(f -> new DriftView.FieldView(f.field(), f.before(), f.after()))
            .toList());
  }

  private static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
