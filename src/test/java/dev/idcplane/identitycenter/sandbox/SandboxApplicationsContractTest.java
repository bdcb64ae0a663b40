package dev.idcplane.identitycenter.sandbox;

import dev.idcplane.identitycenter.ContractFixture;
import dev.idcplane.identitycenter.IdentityCenterContractTest.Seeded;
import dev.idcplane.identitycenter.apps.ApplicationsContractTest;
import java.time.Clock;

/** The applications contract against the sandbox. */
class SandboxApplicationsContractTest extends ApplicationsContractTest {

  @Override
  protected Backend backend() {
    Seeded s =
        SandboxContractWorld.seed(
            Clock.systemUTC(), SandboxBehaviour.fast().toBuilder().requestsPerSecond(0).build());
    var sandbox = (SandboxIdentityCenter) s.identityCenter();
    var world = s.world();
    return new Backend(
        sandbox.applications(),
        world.instance().instanceArn(),
        world.groupIds().get(ContractFixture.GROUPS.get(0)),
        world.userIds().get(ContractFixture.USERS.get(0)));
  }
}
