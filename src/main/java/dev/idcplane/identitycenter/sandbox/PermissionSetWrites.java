package dev.idcplane.identitycenter.sandbox;

import dev.idcplane.identitycenter.CustomerManagedPolicyRef;
import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.IdentityCenterException.Kind;
import dev.idcplane.identitycenter.NewPermissionSet;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PermissionSetInfo;
import dev.idcplane.identitycenter.PermissionSetUpdate;
import dev.idcplane.identitycenter.PermissionsBoundary;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The synchronous permission set writes over the sandbox state; callers hold the sandbox lock. Each
 * applies at once, as in AWS, and (except tagging) bumps the set's definition version so every
 * account it is provisioned to becomes LATEST_PERMISSION_SET_NOT_PROVISIONED until a provisioning
 * completes. Errors follow AWS: CONFLICT for a duplicate name or an attachment that exists,
 * NOT_FOUND for detaching what is not attached, VALIDATION for limits and malformed input.
 */
final class PermissionSetWrites {
  private static final String NAME = "[\\w+=,.@-]{1,32}";
  private final SandboxState state;

  PermissionSetWrites(SandboxState state) {
    this.state = state;
  }

  PermissionSetInfo create(String op, String instanceArn, NewPermissionSet set) {
    state.requireInstance(op, instanceArn);
    String name = set.name();
    if (name == null || !name.matches(NAME)) {
      throw new IdentityCenterException(
          Kind.VALIDATION,
          op,
          "1 validation error detected: Value '"
              + name
              + "' at 'name' failed to satisfy constraint:"
              + " Member must satisfy regular expression pattern: "
              + NAME);
    }
    if (state.permissionSets.values().stream().anyMatch(p -> p.name.equals(name))) {
      throw new IdentityCenterException(
          Kind.CONFLICT, op, "PermissionSet with name " + name + " already exists");
    }
    PermissionSetDefinition d =
        new PermissionSetDefinition(
            set.description(),
            set.sessionDuration(),
            Set.of(),
            Set.of(),
            Optional.empty(),
            null,
            set.tags(),
            set.relayState());
    check(op, d);
    String arn = SandboxIds.permissionSetArn(instanceArn, name);
    SandboxPermissionSet ps = new SandboxPermissionSet(arn, name, d);
    state.permissionSets.put(arn, ps);
    return ps.info();
  }

  /** See {@link Edit#update}. */
  void update(String op, String instanceArn, String arn, PermissionSetUpdate update) {
    change(op, instanceArn, arn, true, e -> e.update(update));
  }

  void putInline(String op, String instanceArn, String arn, String policy) {
    change(op, instanceArn, arn, true, e -> e.inline = policy);
  }

  void deleteInline(String op, String instanceArn, String arn) {
    change(op, instanceArn, arn, true, e -> e.inline = null);
  }

  void attachManaged(String op, String instanceArn, String arn, String policyArn) {
    change(op, instanceArn, arn, true, e -> e.attachManaged(policyArn));
  }

  void detachManaged(String op, String instanceArn, String arn, String policyArn) {
    change(op, instanceArn, arn, true, e -> e.detachManaged(policyArn));
  }

  void attachCustomerManaged(
      String op, String instanceArn, String arn, CustomerManagedPolicyRef ref) {
    change(op, instanceArn, arn, true, e -> e.attachCustomerManaged(ref));
  }

  void detachCustomerManaged(
      String op, String instanceArn, String arn, CustomerManagedPolicyRef ref) {
    change(op, instanceArn, arn, true, e -> e.detachCustomerManaged(ref));
  }

  void putBoundary(String op, String instanceArn, String arn, PermissionsBoundary boundary) {
    change(op, instanceArn, arn, true, e -> e.boundary = Optional.of(boundary));
  }

  void deleteBoundary(String op, String instanceArn, String arn) {
    change(op, instanceArn, arn, true, Edit::deleteBoundary);
  }

  /** Tags are not part of what is provisioned to accounts, so they leave the version alone. */
  void tag(String op, String instanceArn, String arn, Map<String, String> tags) {
    change(op, instanceArn, arn, false, e -> e.tags.putAll(tags));
  }

  void untag(String op, String instanceArn, String arn, Set<String> keys) {
    change(op, instanceArn, arn, false, e -> e.tags.keySet().removeAll(keys));
  }

  /**
   * A provisioning completing. To one account ({@code targetAccountId}): that account gets {@code
   * version} (or keeps a newer one). To ALL_PROVISIONED_ACCOUNTS: every ACTIVE account holding a
   * copy does. Either way, an account that is not ACTIVE cannot be reached and the request ends
   * FAILED with AWS's reason (see {@link SandboxState#unreachable}).
   */
  String completeProvision(String arn, long version, String targetAccountId) {
    SandboxPermissionSet ps = state.permissionSets.get(arn);
    if (ps == null) {
      return null;
    }
    if (targetAccountId != null) {
      String unreachable = state.unreachable(targetAccountId);
      if (unreachable == null) {
        ps.provisionedVersions.merge(targetAccountId, version, Math::max);
      }
      return unreachable;
    }
    String failure = null;
    for (var e : ps.provisionedVersions.entrySet()) {
      String unreachable = state.unreachable(e.getKey());
      if (unreachable == null) {
        e.setValue(Math.max(e.getValue(), version));
      } else if (failure == null) {
        failure = unreachable;
      }
    }
    return failure;
  }

  private void change(
      String op, String instanceArn, String arn, boolean bump, Consumer<Edit> edit) {
    SandboxPermissionSet ps = state.permissionSet(op, instanceArn, arn);
    Edit e = new Edit(op, ps.definition);
    edit.accept(e);
    PermissionSetDefinition next = e.build();
    check(op, next);
    ps.definition = next;
    if (bump) {
      ps.version++;
    }
  }

  private static void check(String op, PermissionSetDefinition d) {
    try {
      PermissionSetRules.check(d);
    } catch (IllegalArgumentException ex) {
      throw new IdentityCenterException(Kind.VALIDATION, op, ex.getMessage());
    }
  }

  /** A definition being edited by the API operation {@code op}, with AWS's answers to it. */
  private static final class Edit {
    private final String op;
    String description;
    String sessionDuration;
    final Set<String> managed;
    final Set<CustomerManagedPolicyRef> customerManaged;
    Optional<PermissionsBoundary> boundary;
    String inline;
    final Map<String, String> tags;
    String relayState;

    Edit(String op, PermissionSetDefinition d) {
      this.op = op;
      description = d.description();
      sessionDuration = d.sessionDuration();
      managed = new LinkedHashSet<>(d.managedPolicies());
      customerManaged = new LinkedHashSet<>(d.customerManagedPolicies());
      boundary = d.permissionsBoundary();
      inline = d.inlinePolicy();
      tags = new LinkedHashMap<>(d.tags());
      relayState = d.relayState();
    }

    /**
     * As AWS: a description or session duration left out (null) is kept, but a relay state left out
     * is cleared (API_UpdatePermissionSet.html; terraform-provider-aws#17411).
     */
    void update(PermissionSetUpdate update) {
      if (update.description() != null) {
        description = update.description();
      }
      if (update.sessionDuration() != null) {
        sessionDuration = update.sessionDuration();
      }
      relayState = update.relayState();
    }

    void attachManaged(String policyArn) {
      if (!managed.add(policyArn)) {
        throw new IdentityCenterException(
            Kind.CONFLICT,
            op,
            "Permission set already has an attachment of managed policy " + policyArn);
      }
    }

    void detachManaged(String policyArn) {
      if (!managed.remove(policyArn)) {
        throw new IdentityCenterException(
            Kind.NOT_FOUND, op, "Could not find ManagedPolicy with arn " + policyArn);
      }
    }

    void attachCustomerManaged(CustomerManagedPolicyRef ref) {
      if (!customerManaged.add(ref)) {
        throw new IdentityCenterException(
            Kind.CONFLICT,
            op,
            "Given customer managed policy with name: "
                + ref.name()
                + " and path "
                + ref.path()
                + " already attached");
      }
    }

    void detachCustomerManaged(CustomerManagedPolicyRef ref) {
      if (!customerManaged.remove(ref)) {
        throw new IdentityCenterException(
            Kind.NOT_FOUND,
            op,
            "Given managed policy with name: "
                + ref.name()
                + " and path "
                + ref.path()
                + " does not exist on PermissionSet");
      }
    }

    void deleteBoundary() {
      if (boundary.isEmpty()) {
        throw new IdentityCenterException(
            Kind.NOT_FOUND, op, "Permissions boundary not found for this permission set");
      }
      boundary = Optional.empty();
    }

    PermissionSetDefinition build() {
      return new PermissionSetDefinition(
          description,
          sessionDuration,
          managed,
          customerManaged,
          boundary,
          inline,
          tags,
          relayState);
    }
  }
}
