package dev.idcplane.plan;

import dev.idcplane.matrix.Violation;
import java.util.List;

/** Renders a plan the way {@code terraform plan} does: one block per change, then drift. */
public final class PlanTextRenderer {
  private PlanTextRenderer() {}

  public static String render(Plan plan) {
    StringBuilder out = new StringBuilder();
    PlanSource src = plan.source();
    out.append("IDC Control Plane plan for ").append(src.instanceArn()).append('\n');
    out.append("  live state read at ").append(src.snapshotAt()).append('\n');
    out.append("  matrix ").append(src.matrixDigest());
    if (src.matrixCommit() != null) {
      out.append(" (commit ").append(src.matrixCommit()).append(')');
    }
    out.append('\n');
    plan.delegation().ifPresent(d -> renderDelegation(out, d));
    out.append('\n');
    if (plan.changes().isEmpty()) {
      out.append("No changes. Identity Center matches the matrix.\n");
    } else {
      out.append("Identity Center will be changed as follows:\n\n");
      plan.changes().forEach(c -> renderChange(out, c));
    }
    PlanSummary s = plan.summary();
    out.append("\nPlan: ")
        .append(s.createPermissionSets())
        .append(" permission sets to create, ")
        .append(s.updatePermissionSets())
        .append(" to update, ")
        .append(s.provisionPermissionSets())
        .append(" to provision; ")
        .append(s.createAssignments())
        .append(" assignments to create, ")
        .append(s.deleteAssignments())
        .append(" to delete");
    if (s.applicationChanges() > 0) {
      out.append("; ")
          .append(s.applicationChanges())
          .append(" trusted token issuer and application changes");
    }
    out.append(".\n");
    List<DriftFinding> left = plan.drift().stream().filter(d -> !d.fixedByPlan()).toList();
    long fixed = plan.drift().size() - left.size();
    if (!plan.drift().isEmpty()) {
      out.append("\nDrift: ")
          .append(plan.drift().size())
          .append(" findings, ")
          .append(fixed)
          .append(" fixed by the changes above, ")
          .append(left.size())
          .append(" left alone:\n");
      for (DriftFinding d : left) {
        out.append("  ! ").append(d.kind().name().toLowerCase(java.util.Locale.ROOT)).append("  ");
        out.append(describe(d)).append("\n      ").append(d.detail()).append('\n');
      }
    }
    renderWarnings(out, plan.warnings());
    return out.toString();
  }

  private static void renderDelegation(StringBuilder out, Delegation d) {
    out.append("  running as delegated administrator (account ")
        .append(d.callerAccountId())
        .append("): nothing is changed in the management account ")
        .append(d.managementAccountId())
        .append(" (no assignment creates or deletes)");
    if (!d.readOnlyPermissionSets().isEmpty()) {
      out.append(", nor in the permission sets provisioned to it ")
          .append(d.readOnlyPermissionSets())
          .append(" (no updates, no provisioning)");
    }
    out.append(";\n  ")
        .append(d.withheld())
        .append(" findings below are left for the management account to fix\n");
  }

  private static void renderChange(StringBuilder out, Change c) {
    switch (c.action()) {
      case CREATE_PERMISSION_SET -> {
        Change.CreatePermissionSet p = (Change.CreatePermissionSet) c;
        out.append("  + permission set ").append(p.name()).append('\n');
        renderDefinition(out, p.definition());
      }
      case UPDATE_PERMISSION_SET -> {
        Change.UpdatePermissionSet p = (Change.UpdatePermissionSet) c;
        out.append("  ~ permission set ").append(p.name()).append('\n');
        for (FieldChange f : p.fields()) {
          out.append("      ~ ")
              .append(f.field())
              .append(": ")
              .append(f.before())
              .append("\n          -> ")
              .append(f.after())
              .append('\n');
        }
      }
      case PROVISION_PERMISSION_SET -> {
        Change.ProvisionPermissionSet p = (Change.ProvisionPermissionSet) c;
        out.append("  > provision ")
            .append(p.name())
            .append(" to ")
            .append(
                p.target()
                    .accountId()
                    .map(
                        id ->
                            "account "
                                + (p.accountName() == null
                                    ? id
                                    : p.accountName() + " (" + id + ")"))
                    .orElse("ALL_PROVISIONED_ACCOUNTS"))
            .append('\n');
      }
      case CREATE_ASSIGNMENT -> {
        Change.CreateAssignment a = (Change.CreateAssignment) c;
        out.append("  + assignment ")
            .append(assignment(a.assignment(), a.principalName(), a.accountName()))
            .append('\n');
      }
      case APPLICATION ->
          out.append(
              dev.idcplane.plan.apps.AppChangeText.render(((Change.ApplicationChange) c).change()));
      case DELETE_ASSIGNMENT -> {
        Change.DeleteAssignment d = (Change.DeleteAssignment) c;
        out.append("  - assignment ")
            .append(assignment(d.assignment(), d.principalName(), d.accountName()))
            .append('\n');
      }
    }
    out.append("      # ").append(c.reason()).append('\n');
  }

  private static void renderDefinition(
      StringBuilder out, dev.idcplane.identitycenter.PermissionSetDefinition d) {
    field(out, "description", d.description());
    field(out, "session_duration", d.sessionDuration());
    field(out, "relay_state", d.relayState());
    field(out, "managed_policies", d.managedPolicies().isEmpty() ? null : d.managedPolicies());
    field(
        out,
        "customer_managed_policies",
        d.customerManagedPolicies().isEmpty() ? null : d.customerManagedPolicies());
    field(out, "permissions_boundary", d.permissionsBoundary().orElse(null));
    field(
        out,
        "inline_policy",
        d.inlinePolicy() == null ? null : PolicyDocuments.canonicalText(d.inlinePolicy()));
    field(out, "tags", d.tags().isEmpty() ? null : d.tags());
  }

  private static void field(StringBuilder out, String name, Object value) {
    if (value != null) {
      out.append("      ").append(name).append(": ").append(value).append('\n');
    }
  }

  private static String assignment(AssignmentKey k, String principal, String account) {
    return k.permissionSetName()
        + " → "
        + k.principalType().name().toLowerCase(java.util.Locale.ROOT)
        + " "
        + principal
        + " in "
        + account
        + " ("
        + k.accountId()
        + ")";
  }

  private static String describe(DriftFinding d) {
    if (d.permissionSetName() == null) {
      return d.key();
    }
    if (d.accountId() == null) {
      return d.permissionSetName() + (d.principalName() == null ? "" : " → " + d.principalName());
    }
    return d.permissionSetName()
        + " → "
        + d.principalType().name().toLowerCase(java.util.Locale.ROOT)
        + " "
        + d.principalName()
        + " in "
        + d.accountName()
        + " ("
        + d.accountId()
        + ")";
  }

  private static void renderWarnings(StringBuilder out, List<Violation> warnings) {
    if (warnings.isEmpty()) {
      return;
    }
    out.append("\nWarnings:\n");
    warnings.forEach(w -> out.append("  * ").append(w).append('\n'));
  }
}
