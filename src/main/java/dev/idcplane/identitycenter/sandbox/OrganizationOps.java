package dev.idcplane.identitycenter.sandbox;

import dev.idcplane.identitycenter.Account;
import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.IdentityCenterException.Kind;
import dev.idcplane.identitycenter.OrgUnit;
import dev.idcplane.identitycenter.Organization;
import java.util.List;

/** AWS Organizations reads over the sandbox state. Callers hold the sandbox lock. */
final class OrganizationOps {
  private final SandboxState state;

  OrganizationOps(SandboxState state) {
    this.state = state;
  }

  Organization describeOrganization() {
    return new Organization(state.organizationId, state.managementAccountId);
  }

  List<OrgUnit> listRoots() {
    return List.of(state.root);
  }

  List<OrgUnit> unitsFor(String operation, String parentId) {
    requireParent(operation, parentId);
    return state.units.values().stream()
        .filter(u -> parentId.equals(state.unitParent.get(u.id())))
        .toList();
  }

  List<Account> accountsFor(String operation, String parentId) {
    requireParent(operation, parentId);
    return state.accounts.values().stream()
        .filter(a -> parentId.equals(state.accountParent.get(a.id())))
        .toList();
  }

  private void requireParent(String operation, String parentId) {
    if (parentId == null || !state.isParent(parentId)) {
      // ParentNotFoundException, worded as in the Organizations API reference.
      throw new IdentityCenterException(
          Kind.NOT_FOUND,
          operation,
          "We can't find a root or OU with the ParentId that you specified: " + parentId);
    }
  }
}
