package dev.idcplane.identitycenter.sandbox;

import dev.idcplane.identitycenter.PermissionSetDefinition;
import java.time.Duration;
import java.time.format.DateTimeParseException;

/** The limits AWS puts on a permission set definition (sso-admin API reference and quotas page). */
final class PermissionSetRules {
  private static final int MAX_POLICIES = 20;
  private static final int MAX_TAGS = 50;

  /** API_PermissionSet.html / API_UpdatePermissionSet.html: RelayState is 1 to 240 characters. */
  private static final int MAX_RELAY_STATE = 240;

  private PermissionSetRules() {}

  static void check(PermissionSetDefinition d) {
    SandboxBuilder.check(d != null, "a permission set needs a definition");
    Duration duration;
    try {
      duration = Duration.parse(d.sessionDuration());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "session duration must be ISO-8601 like PT1H or PT30M, got " + d.sessionDuration());
    }
    SandboxBuilder.check(
        duration.compareTo(Duration.ofHours(1)) >= 0
            && duration.compareTo(Duration.ofHours(12)) <= 0,
        "session duration must be between PT1H and PT12H, got " + d.sessionDuration());
    for (String arn : d.managedPolicies()) {
      SandboxBuilder.check(
          arn.matches("arn:aws[a-z-]*:iam::aws:policy/([\\w+=,.@-]+/)*[\\w+=,.@-]+"),
          "managed policy must be an AWS managed policy ARN like arn:aws:iam::aws:policy/ReadOnlyAccess, got "
              + arn);
    }
    SandboxBuilder.check(
        d.managedPolicies().size() + d.customerManagedPolicies().size() <= MAX_POLICIES,
        "a permission set holds at most "
            + MAX_POLICIES
            + " managed and customer-managed policies");
    SandboxBuilder.check(
        d.tags().size() <= MAX_TAGS, "a permission set holds at most " + MAX_TAGS + " tags");
    if (d.relayState() != null) {
      SandboxBuilder.check(
          d.relayState().length() <= MAX_RELAY_STATE,
          "relay state must be at most "
              + MAX_RELAY_STATE
              + " characters, has "
              + d.relayState().length());
    }
    if (d.inlinePolicy() != null) {
      SandboxBuilder.check(
          d.inlinePolicy().strip().startsWith("{"), "inline policy must be a JSON object");
    }
  }
}
