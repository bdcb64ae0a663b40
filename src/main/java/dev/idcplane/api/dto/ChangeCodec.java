package dev.idcplane.api.dto;

import dev.idcplane.identitycenter.CustomerManagedPolicyRef;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PermissionsBoundary;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.ProvisionTarget;
import dev.idcplane.matrix.SourceLocation;
import dev.idcplane.plan.AssignmentKey;
import dev.idcplane.plan.Change;
import dev.idcplane.plan.FieldChange;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Turns a {@link ChangeView} (as stored with a run's operations) back into the {@link Change} apply
 * executes, so a run interrupted by a restart resumes from the database alone.
 */
public final class ChangeCodec {
  private ChangeCodec() {}

  public static Change decode(ChangeView v) {
    return switch (dev.idcplane.plan.ChangeAction.valueOf(v.action().toUpperCase(Locale.ROOT))) {
      case CREATE_PERMISSION_SET ->
          new Change.CreatePermissionSet(
              v.permissionSet(),
              definition(v.definition()),
              location(first(v.wantedBy())),
              v.reason());
      case UPDATE_PERMISSION_SET ->
          new Change.UpdatePermissionSet(
              v.permissionSet(),
              v.permissionSetArn(),
              v.fields().stream()
                  .map(f -> new FieldChange(f.field(), f.before(), f.after()))
                  .toList(),
              null,
              definition(v.definition()),
              location(first(v.wantedBy())),
              v.reason());
      case PROVISION_PERMISSION_SET ->
          new Change.ProvisionPermissionSet(
              v.permissionSet(),
              v.permissionSetArn(),
              nonNull(v.outOfSyncAccounts()),
              v.account() == null
                  ? ProvisionTarget.ALL_PROVISIONED_ACCOUNTS
                  : ProvisionTarget.account(v.account().id()),
              v.account() == null ? null : v.account().name(),
              v.reason());
      case CREATE_ASSIGNMENT ->
          new Change.CreateAssignment(
              key(v),
              v.permissionSetArn(),
              v.principal().name(),
              v.account().name(),
              nonNull(v.wantedBy()).stream().map(ChangeCodec::location).toList(),
              v.reason());
      case DELETE_ASSIGNMENT ->
          new Change.DeleteAssignment(
              key(v), v.permissionSetArn(), v.principal().name(), v.account().name(), v.reason());
    };
  }

  private static AssignmentKey key(ChangeView v) {
    return new AssignmentKey(
        v.account().id(),
        v.permissionSet(),
        PrincipalType.valueOf(v.principal().type().toUpperCase(Locale.ROOT)),
        v.principal().id());
  }

  static PermissionSetDefinition definition(DefinitionView d) {
    Set<CustomerManagedPolicyRef> cmps =
        nonNull(d.customerManagedPolicies()).stream()
            .map(r -> new CustomerManagedPolicyRef(r.name(), r.path()))
            .collect(Collectors.toSet());
    Optional<PermissionsBoundary> boundary =
        Optional.ofNullable(d.permissionsBoundary())
            .map(
                b ->
                    b.customerManaged() != null
                        ? PermissionsBoundary.customerManaged(
                            new CustomerManagedPolicyRef(
                                b.customerManaged().name(), b.customerManaged().path()))
                        : PermissionsBoundary.managed(b.managedPolicyArn()));
    return new PermissionSetDefinition(
        d.description(),
        d.sessionDuration(),
        Set.copyOf(nonNull(d.managedPolicies())),
        cmps,
        boundary,
        d.inlinePolicy(),
        d.tags(),
        d.relayState());
  }

  private static SourceLocation location(String text) {
    if (text == null) {
      return new SourceLocation("unknown", 0);
    }
    int colon = text.lastIndexOf(':');
    try {
      return new SourceLocation(
          text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    } catch (RuntimeException e) {
      return new SourceLocation(text, 0);
    }
  }

  private static String first(List<String> l) {
    return l == null || l.isEmpty() ? null : l.get(0);
  }

  private static <T> List<T> nonNull(List<T> l) {
    return l == null ? List.of() : l;
  }
}
