package dev.idcplane.identitycenter;

import java.util.Map;

/**
 * What CreatePermissionSet takes besides the instance: the name and the fields a set is created
 * with. {@code description} and {@code relayState} may be null (none); {@code sessionDuration} is
 * ISO-8601; {@code tags} may be null or empty (none). Values are passed on as they are: the
 * implementation validates them as AWS does.
 */
public record NewPermissionSet(
    String name,
    String description,
    String sessionDuration,
    String relayState,
    Map<String, String> tags) {

  /** A set named {@code name} with the description, session duration, relay state and tags of d. */
  public static NewPermissionSet of(String name, PermissionSetDefinition d) {
    return new NewPermissionSet(
        name, d.description(), d.sessionDuration(), d.relayState(), d.tags());
  }
}
