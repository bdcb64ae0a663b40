package dev.idcplane.identitycenter.sandbox;

import dev.idcplane.identitycenter.AccountStatus;
import dev.idcplane.identitycenter.ContractFixture;
import dev.idcplane.identitycenter.ContractFixture.AccountSpec;
import dev.idcplane.identitycenter.ContractFixture.AssignmentSpec;
import dev.idcplane.identitycenter.ContractFixture.PermissionSetSpec;
import dev.idcplane.identitycenter.IdentityCenterContractTest.Seeded;
import dev.idcplane.identitycenter.Instance;
import dev.idcplane.identitycenter.SeededWorld;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Seeds {@link ContractFixture} into a sandbox through its builder with ids chosen here; shared by
 * the read and write contract tests.
 */
final class SandboxContractWorld {
  private SandboxContractWorld() {}

  static Seeded seed(Clock clock, SandboxBehaviour behaviour) {
    String management = "100000000000";
    Instance instance =
        new Instance(
            "arn:aws:sso:::instance/ssoins-0123456789abcdef",
            "d-0123456789",
            null,
            management,
            Instance.ACTIVE);
    SandboxBuilder b =
        SandboxIdentityCenter.builder()
            .clock(clock)
            .behaviour(behaviour)
            .instance(instance.instanceArn(), instance.identityStoreId())
            .organization("o-contract001", management, "r-ct01")
            .account("", management, "management", null, AccountStatus.ACTIVE);
    Map<String, String> units = new LinkedHashMap<>();
    int n = 0;
    for (String path : ContractFixture.UNITS) {
      String id = String.format("ou-ct01-%08d", ++n);
      b.unit(path, id);
      units.put(path, id);
    }
    Map<String, String> accounts = new LinkedHashMap<>();
    n = 0;
    for (AccountSpec a : ContractFixture.ACCOUNTS) {
      String id = String.format("2000000000%02d", ++n);
      b.account(
          a.unitPath(),
          id,
          a.name(),
          a.email(),
          a.closed() ? AccountStatus.CLOSED : AccountStatus.ACTIVE);
      accounts.put(a.name(), id);
    }
    Map<String, String> groups = new LinkedHashMap<>();
    n = 0;
    for (String g : ContractFixture.GROUPS) {
      String id = String.format("9067%04d-0000-0000-0000-000000000000", ++n);
      b.group(g, id);
      groups.put(g, id);
    }
    Map<String, String> users = new LinkedHashMap<>();
    for (String u : ContractFixture.USERS) {
      String id = String.format("9067%04d-1111-1111-1111-111111111111", ++n);
      b.user(u, id);
      users.put(u, id);
    }
    Map<String, String> sets = new LinkedHashMap<>();
    n = 0;
    for (PermissionSetSpec p : ContractFixture.PERMISSION_SETS) {
      String arn =
          String.format("arn:aws:sso:::permissionSet/ssoins-0123456789abcdef/ps-%016d", ++n);
      b.permissionSet(p.name(), arn, p.definition());
      sets.put(p.name(), arn);
    }
    for (AssignmentSpec a : ContractFixture.ASSIGNMENTS) {
      b.assignment(a.permissionSet(), a.type(), a.principal(), accounts.get(a.account()));
    }
    for (PermissionSetSpec p : ContractFixture.PERMISSION_SETS) {
      p.outOfSyncAccounts().forEach(acct -> b.outOfSync(p.name(), accounts.get(acct)));
    }
    SeededWorld world =
        new SeededWorld(
            instance, "o-contract001", management, accounts, units, groups, users, sets);
    return new Seeded(b.build(), world);
  }
}
