package dev.idcplane.identitycenter.sandbox;

import dev.idcplane.identitycenter.IdentityCenterContractTest;
import java.time.Clock;

/** The read contract against the sandbox (instant behaviour: reads never throttle). */
class SandboxIdentityCenterContractTest extends IdentityCenterContractTest {

  @Override
  protected Seeded seed() {
    return SandboxContractWorld.seed(Clock.systemUTC(), SandboxBehaviour.instant());
  }
}
