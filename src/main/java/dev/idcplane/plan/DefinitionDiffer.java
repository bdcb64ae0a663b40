package dev.idcplane.plan;

import dev.idcplane.identitycenter.PermissionSetDefinition;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Field-by-field comparison of a permission set's live definition with the matrix. Durations
 * compare by length ({@code PT60M} equals {@code PT1H}) and inline policies as JSON. A relay state
 * the matrix leaves out is wanted absent: the matrix is the whole truth for a managed set.
 */
public final class DefinitionDiffer {
  /**
   * Fields that live only in Identity Center and are not part of what ProvisionPermissionSet copies
   * to accounts (policies, session duration, relay state, permissions boundary): changing them
   * alone needs no provisioning. Every other field, including any added later, does.
   */
  private static final Set<String> NOT_PROVISIONED = Set.of("description", "tags");

  private DefinitionDiffer() {}

  /** Whether a change to {@code field} reaches accounts only once the set is provisioned. */
  public static boolean provisioned(String field) {
    return !NOT_PROVISIONED.contains(field);
  }

  public static List<FieldChange> diff(PermissionSetDefinition live, PermissionSetDefinition want) {
    List<FieldChange> out = new ArrayList<>();
    if (!Objects.equals(blankToNull(live.description()), blankToNull(want.description()))) {
      out.add(new FieldChange("description", live.description(), want.description()));
    }
    if (!sameDuration(live.sessionDuration(), want.sessionDuration())) {
      out.add(new FieldChange("session_duration", live.sessionDuration(), want.sessionDuration()));
    }
    if (!Objects.equals(live.relayState(), want.relayState())) {
      out.add(new FieldChange("relay_state", live.relayState(), want.relayState()));
    }
    if (!live.managedPolicies().equals(want.managedPolicies())) {
      out.add(
          new FieldChange(
              "managed_policies",
              live.managedPolicies().toString(),
              want.managedPolicies().toString()));
    }
    if (!live.customerManagedPolicies().equals(want.customerManagedPolicies())) {
      out.add(
          new FieldChange(
              "customer_managed_policies",
              live.customerManagedPolicies().toString(),
              want.customerManagedPolicies().toString()));
    }
    if (!live.permissionsBoundary().equals(want.permissionsBoundary())) {
      out.add(
          new FieldChange(
              "permissions_boundary",
              live.permissionsBoundary().map(Object::toString).orElse(null),
              want.permissionsBoundary().map(Object::toString).orElse(null)));
    }
    if (!PolicyDocuments.equivalent(live.inlinePolicy(), want.inlinePolicy())) {
      out.add(
          new FieldChange(
              "inline_policy",
              PolicyDocuments.canonicalText(live.inlinePolicy()),
              PolicyDocuments.canonicalText(want.inlinePolicy())));
    }
    if (!live.tags().equals(want.tags())) {
      out.add(new FieldChange("tags", live.tags().toString(), want.tags().toString()));
    }
    return out;
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static boolean sameDuration(String a, String b) {
    try {
      return Duration.parse(a).equals(Duration.parse(b));
    } catch (DateTimeParseException e) {
      return Objects.equals(a, b);
    }
  }
}
