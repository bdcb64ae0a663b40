package dev.idcplane.plan;

import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.ProvisionTarget;
import dev.idcplane.matrix.SourceLocation;
import java.util.List;
import java.util.Objects;

/**
 * One change a plan makes to Identity Center. Each carries everything apply needs to execute it
 * unchanged, its natural {@link #key()}, and a display-only {@link #reason()} that explains the
 * plan but never drives apply.
 */
public sealed interface Change {

  /** Stable natural key, unique within a plan. */
  String key();

  /** Why the change is planned; for people, not for apply. */
  String reason();

  /** Which of the five actions this is. */
  ChangeAction action();

  /** Everything apply acts on, as text: equal for two changes that would do the same thing. */
  String content();

  /**
   * A definition as fingerprints see it. Without a relay state it reads as it did before relay
   * states were modelled, so a plan stored before that upgrade keeps its fingerprint and still
   * applies; only a relay state (which that plan could not have had) changes it.
   */
  private static String content(PermissionSetDefinition d) {
    String text = d.toString();
    String none = ", relayState=null]";
    return d.relayState() == null && text.endsWith(none)
        ? text.substring(0, text.length() - none.length()) + "]"
        : text;
  }

  /** A permission set the matrix declares that does not exist yet. */
  record CreatePermissionSet(
      String name, PermissionSetDefinition definition, SourceLocation declaredAt, String reason)
      implements Change {
    public CreatePermissionSet {
      Objects.requireNonNull(name);
      Objects.requireNonNull(definition);
    }

    @Override
    public String key() {
      return "permission-set/" + name;
    }

    @Override
    public ChangeAction action() {
      return ChangeAction.CREATE_PERMISSION_SET;
    }

    @Override
    public String content() {
      return key() + "|" + Change.content(definition);
    }
  }

  /** A managed permission set whose live definition differs from the matrix. */
  record UpdatePermissionSet(
      String name,
      String permissionSetArn,
      List<FieldChange> fields,
      PermissionSetDefinition before,
      PermissionSetDefinition after,
      SourceLocation declaredAt,
      String reason)
      implements Change {
    public UpdatePermissionSet {
      Objects.requireNonNull(permissionSetArn);
      fields = List.copyOf(fields);
    }

    @Override
    public String key() {
      return "permission-set/" + name;
    }

    @Override
    public ChangeAction action() {
      return ChangeAction.UPDATE_PERMISSION_SET;
    }

    @Override
    public String content() {
      return key() + "|" + permissionSetArn + "|" + Change.content(after);
    }
  }

  /**
   * ProvisionPermissionSet to its {@code target}: {@code TargetType=ALL_PROVISIONED_ACCOUNTS}, or
   * one account ({@code AWS_ACCOUNT}, {@code accountName} its name for display) when the set is
   * provisioned to an account that is not ACTIVE or to more accounts than one request reaches.
   */
  record ProvisionPermissionSet(
      String name,
      String permissionSetArn,
      List<String> outOfSyncAccounts,
      ProvisionTarget target,
      String accountName,
      String reason)
      implements Change {
    public ProvisionPermissionSet {
      Objects.requireNonNull(permissionSetArn);
      Objects.requireNonNull(target);
      outOfSyncAccounts = List.copyOf(outOfSyncAccounts);
    }

    /** To ALL_PROVISIONED_ACCOUNTS. */
    public ProvisionPermissionSet(
        String name, String permissionSetArn, List<String> outOfSyncAccounts, String reason) {
      this(
          name,
          permissionSetArn,
          outOfSyncAccounts,
          ProvisionTarget.ALL_PROVISIONED_ACCOUNTS,
          null,
          reason);
    }

    @Override
    public String key() {
      return "provision/" + name + target.accountId().map(id -> "/" + id).orElse("");
    }

    @Override
    public ChangeAction action() {
      return ChangeAction.PROVISION_PERMISSION_SET;
    }

    @Override
    public String content() {
      return key() + "|" + permissionSetArn;
    }
  }

  /** A change to one account assignment: its key, permission set and the names shown with it. */
  sealed interface AssignmentChange extends Change permits CreateAssignment, DeleteAssignment {
    AssignmentKey assignment();

    String permissionSetArn();

    String principalName();

    String accountName();

    @Override
    default String key() {
      return "assignment/" + assignment().asString();
    }

    @Override
    default String content() {
      return key() + "|" + permissionSetArn();
    }
  }

  /**
   * CreateAccountAssignment. {@code permissionSetArn} is null when the set is created by the same
   * plan; apply looks it up by name after creating it.
   */
  record CreateAssignment(
      AssignmentKey assignment,
      String permissionSetArn,
      String principalName,
      String accountName,
      List<SourceLocation> wantedBy,
      String reason)
      implements AssignmentChange {
    public CreateAssignment {
      Objects.requireNonNull(assignment);
      wantedBy = List.copyOf(wantedBy);
    }

    @Override
    public ChangeAction action() {
      return ChangeAction.CREATE_ASSIGNMENT;
    }
  }

  /**
   * A change to a trusted token issuer or customer-managed application: synchronous sso-admin
   * calls, run after the permission sets and account assignments, in the order the {@link
   * dev.idcplane.plan.apps.AppPlanner} gave.
   */
  record ApplicationChange(dev.idcplane.plan.apps.AppChange change) implements Change {
    public ApplicationChange {
      Objects.requireNonNull(change, "change");
    }

    @Override
    public String key() {
      return change.key();
    }

    @Override
    public String reason() {
      return change.reason();
    }

    @Override
    public ChangeAction action() {
      return ChangeAction.APPLICATION;
    }

    @Override
    public String content() {
      return change.content();
    }
  }

  /** DeleteAccountAssignment. */
  record DeleteAssignment(
      AssignmentKey assignment,
      String permissionSetArn,
      String principalName,
      String accountName,
      String reason)
      implements AssignmentChange {
    public DeleteAssignment {
      Objects.requireNonNull(assignment);
      Objects.requireNonNull(permissionSetArn);
    }

    @Override
    public ChangeAction action() {
      return ChangeAction.DELETE_ASSIGNMENT;
    }
  }
}
