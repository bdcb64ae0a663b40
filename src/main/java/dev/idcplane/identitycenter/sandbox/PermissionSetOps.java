package dev.idcplane.identitycenter.sandbox;

import dev.idcplane.identitycenter.CustomerManagedPolicyRef;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PermissionSetInfo;
import dev.idcplane.identitycenter.PermissionsBoundary;
import dev.idcplane.identitycenter.ProvisioningStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Permission set reads, definition updates and provisioning over the sandbox state. Callers hold
 * the sandbox lock. Follows AWS: changing a definition does not touch provisioned copies, so every
 * account the set is provisioned to becomes out of sync until ProvisionPermissionSet runs for it.
 */
final class PermissionSetOps {
  private final SandboxState state;

  PermissionSetOps(SandboxState state) {
    this.state = state;
  }

  List<String> list(String op, String instanceArn) {
    state.requireInstance(op, instanceArn);
    return List.copyOf(state.permissionSets.keySet());
  }

  PermissionSetInfo describe(String op, String instanceArn, String arn) {
    return state.permissionSet(op, instanceArn, arn).info();
  }

  PermissionSetDefinition definition(String op, String instanceArn, String arn) {
    return state.permissionSet(op, instanceArn, arn).definition;
  }

  List<String> managedPolicies(String op, String instanceArn, String arn) {
    return List.copyOf(definition(op, instanceArn, arn).managedPolicies());
  }

  List<CustomerManagedPolicyRef> customerManaged(String op, String instanceArn, String arn) {
    return List.copyOf(definition(op, instanceArn, arn).customerManagedPolicies());
  }

  Optional<String> inlinePolicy(String op, String instanceArn, String arn) {
    return Optional.ofNullable(definition(op, instanceArn, arn).inlinePolicy());
  }

  Optional<PermissionsBoundary> boundary(String op, String instanceArn, String arn) {
    return definition(op, instanceArn, arn).permissionsBoundary();
  }

  Map<String, String> tags(String op, String instanceArn, String arn) {
    return definition(op, instanceArn, arn).tags();
  }

  List<String> provisionedAccounts(
      String op, String instanceArn, String arn, ProvisioningStatus status) {
    SandboxPermissionSet ps = state.permissionSet(op, instanceArn, arn);
    return ps.provisionedVersions.keySet().stream()
        .filter(
            account ->
                switch (status) {
                  case ANY -> true;
                  case LATEST_PERMISSION_SET_PROVISIONED -> ps.inSync(account);
                  case LATEST_PERMISSION_SET_NOT_PROVISIONED -> !ps.inSync(account);
                })
        .toList();
  }

  /** Replaces the definition; a real change marks every provisioned account out of sync. */
  void update(String arn, PermissionSetDefinition definition) {
    SandboxPermissionSet ps =
        state.permissionSet("UpdatePermissionSet", state.instance.instanceArn(), arn);
    if (!ps.definition.equals(definition)) {
      ps.definition = definition;
      ps.version++;
    }
  }

  /** ProvisionPermissionSet to one account: it then holds the latest definition. */
  void provision(String arn, String accountId) {
    SandboxPermissionSet ps =
        state.permissionSet("ProvisionPermissionSet", state.instance.instanceArn(), arn);
    state.account("ProvisionPermissionSet", accountId);
    ps.provisionLatest(accountId);
  }

  /** ProvisionPermissionSet with ALL_PROVISIONED_ACCOUNTS. */
  void provisionAll(String arn) {
    SandboxPermissionSet ps =
        state.permissionSet("ProvisionPermissionSet", state.instance.instanceArn(), arn);
    ps.provisionedVersions.replaceAll((account, v) -> ps.version);
  }
}
