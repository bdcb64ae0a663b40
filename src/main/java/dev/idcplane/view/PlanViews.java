package dev.idcplane.view;

import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.matrix.SourceLocation;
import dev.idcplane.matrix.Violation;
import dev.idcplane.plan.AssignmentKey;
import dev.idcplane.plan.Change;
import dev.idcplane.plan.DriftFinding;
import dev.idcplane.plan.Plan;
import dev.idcplane.plan.PlanSummary;
import dev.idcplane.plan.apps.AppChange;
import dev.idcplane.plan.apps.ArnRef;
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
    changes.put("application", s.applicationChanges());
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
            account == null ? "all_provisioned_accounts" : "aws_account",
            null,
            null,
            null);
      }
      case CREATE_ASSIGNMENT, DELETE_ASSIGNMENT -> {
        var a = (Change.AssignmentChange) c;
        List<String> wantedBy =
            a instanceof Change.CreateAssignment create
                ? create.wantedBy().stream().map(Object::toString).toList()
                : List.of();
        yield assignment(action, a, wantedBy);
      }
      case APPLICATION -> application(((Change.ApplicationChange) c).change());
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
        null,
        null,
        null,
        null);
  }

  /**
   * A change to an issuer or application: its action is the sso-admin operation ({@code
   * put_application_access_scope}, ...), and {@code settings} what it sets, by the change's own
   * field names (issuers and applications as {@code {arn, name}}, the ARN null until created).
   */
  private static ChangeView application(AppChange c) {
    com.fasterxml.jackson.databind.node.ObjectNode settings = SETTINGS.valueToTree(c);
    settings.remove("reason");
    ArnRef issuer = null;
    ArnRef application = null;
    if (c instanceof AppChange.UpdateIssuer u) {
      issuer = u.issuer();
    } else if (c instanceof AppChange.DeleteIssuer d) {
      issuer = d.issuer();
    } else if (c instanceof AppChange.CreateIssuer n) {
      issuer = ArnRef.byName(n.name());
    } else if (c instanceof AppChange.CreateApplication n) {
      application = ArnRef.byName(n.name());
    } else {
      application = SETTINGS.convertValue(settings.get("application"), ArnRef.class);
    }
    RefView principal = null;
    if (c instanceof AppChange.CreateAssignment a) {
      principal = new RefView(lower(a.principalType()), a.principalId(), a.principalName());
    } else if (c instanceof AppChange.DeleteAssignment a) {
      principal = new RefView(lower(a.principalType()), a.principalId(), null);
    }
    return new ChangeView(
        c.operation(),
        c.key(),
        c.reason(),
        null,
        null,
        null,
        principal,
        List.of(),
        List.of(),
        null,
        List.of(),
        null,
        issuer == null ? null : new RefView("trusted_token_issuer", issuer.arn(), issuer.name()),
        application == null
            ? null
            : new RefView("application", application.arn(), application.name()),
        SETTINGS.convertValue(settings, Map.class));
  }

  private static final com.fasterxml.jackson.databind.ObjectMapper SETTINGS =
      new com.fasterxml.jackson.databind.ObjectMapper();

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
        null,
        null,
        null,
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
