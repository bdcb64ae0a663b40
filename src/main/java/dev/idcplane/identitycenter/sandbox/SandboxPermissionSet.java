package dev.idcplane.identitycenter.sandbox;

import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PermissionSetInfo;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One simulated permission set: its definition, a version bumped on every definition change, and
 * for each account it is provisioned to the version that account holds. An account holding an older
 * version is out of sync (LATEST_PERMISSION_SET_NOT_PROVISIONED). Guarded by the sandbox's lock.
 */
final class SandboxPermissionSet {
  final String arn;
  final String name;
  PermissionSetDefinition definition;
  long version = 1;
  final Map<String, Long> provisionedVersions = new LinkedHashMap<>();

  SandboxPermissionSet(String arn, String name, PermissionSetDefinition definition) {
    this.arn = arn;
    this.name = name;
    this.definition = definition;
  }

  PermissionSetInfo info() {
    return new PermissionSetInfo(
        arn, name, definition.description(), definition.sessionDuration(), definition.relayState());
  }

  void provisionLatest(String accountId) {
    provisionedVersions.put(accountId, version);
  }

  boolean inSync(String accountId) {
    Long v = provisionedVersions.get(accountId);
    return v != null && v == version;
  }
}
