package dev.idcplane.identitycenter;

import java.util.Map;

/**
 * The ids a backend got when it seeded a world: the {@link ContractFixture}, or on moto any {@link
 * dev.idcplane.support.MotoFixture.Org}.
 */
public record SeededWorld(
    Instance instance,
    String organizationId,
    String managementAccountId,
    Map<String, String> accountIds,
    Map<String, String> unitIds,
    Map<String, String> groupIds,
    Map<String, String> userIds,
    Map<String, String> permissionSetArns) {

  public String account(String name) {
    return require(accountIds, name);
  }

  public String group(String name) {
    return require(groupIds, name);
  }

  public String user(String name) {
    return require(userIds, name);
  }

  public String principal(PrincipalType type, String name) {
    return type == PrincipalType.GROUP ? group(name) : user(name);
  }

  public String permissionSet(String name) {
    return require(permissionSetArns, name);
  }

  private static String require(Map<String, String> ids, String name) {
    String id = ids.get(name);
    if (id == null) {
      throw new IllegalArgumentException("fixture has no " + name);
    }
    return id;
  }
}
