package dev.idcplane.identitycenter;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Everything that defines a permission set's permissions, as declared in the matrix or read live.
 * Collections are copied into sorted, unmodifiable form so two definitions compare by content.
 * {@code inlinePolicy} is the raw JSON text (compared semantically by the planner), or null. {@code
 * relayState} is the URL users land on after federating (DescribePermissionSet's RelayState), or
 * null for none: for a managed set the matrix is the whole truth, so an omitted relay state means
 * "none" and a live one is removed.
 */
public record PermissionSetDefinition(
    String description,
    String sessionDuration,
    Set<String> managedPolicies,
    Set<CustomerManagedPolicyRef> customerManagedPolicies,
    Optional<PermissionsBoundary> permissionsBoundary,
    String inlinePolicy,
    Map<String, String> tags,
    String relayState) {

  /** AWS's default session duration when none is set. */
  public static final String DEFAULT_SESSION_DURATION = "PT1H";

  /**
   * The keys of the components in YAML, in component order: a permission set's entry in the matrix
   * and in a sandbox seed names them alike.
   */
  public static final List<String> YAML_KEYS =
      List.of(
          "description",
          "session_duration",
          "managed_policies",
          "customer_managed_policies",
          "permissions_boundary",
          "inline_policy",
          "tags",
          "relay_state");

  public PermissionSetDefinition {
    sessionDuration = sessionDuration == null ? DEFAULT_SESSION_DURATION : sessionDuration;
    managedPolicies =
        java.util.Collections.unmodifiableSortedSet(
            new TreeSet<>(managedPolicies == null ? java.util.Set.of() : managedPolicies));
    customerManagedPolicies =
        java.util.Collections.unmodifiableSortedSet(
            new TreeSet<>(
                customerManagedPolicies == null ? java.util.Set.of() : customerManagedPolicies));
    permissionsBoundary = Objects.requireNonNullElse(permissionsBoundary, Optional.empty());
    inlinePolicy = inlinePolicy == null || inlinePolicy.isBlank() ? null : inlinePolicy;
    tags =
        java.util.Collections.unmodifiableSortedMap(new TreeMap<>(tags == null ? Map.of() : tags));
    relayState = relayState == null || relayState.isBlank() ? null : relayState;
  }
}
