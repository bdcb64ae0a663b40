package dev.idcplane.identitycenter;

/**
 * What UpdatePermissionSet sets. As in AWS, a {@code description} or {@code sessionDuration} left
 * out (null) is kept, but a {@code relayState} left out (null) is <em>cleared</em>
 * (terraform-provider-aws#17411): an update carries the wanted relay state every time.
 */
public record PermissionSetUpdate(String description, String sessionDuration, String relayState) {

  /** An update to d's description, session duration and relay state. */
  public static PermissionSetUpdate of(PermissionSetDefinition d) {
    return new PermissionSetUpdate(d.description(), d.sessionDuration(), d.relayState());
  }
}
