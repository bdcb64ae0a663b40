package dev.idcplane.identitycenter.sandbox;

import dev.idcplane.identitycenter.IdentityCenterContractTest.Seeded;
import dev.idcplane.identitycenter.IdentityCenterWriteContractTest;
import java.time.Clock;

/**
 * The write contract against the sandbox on the real clock with millisecond operations and AWS's
 * caps; the request rate limit is off because the contract polls freely (the rate has its own
 * sandbox test).
 */
class SandboxIdentityCenterWriteContractTest extends IdentityCenterWriteContractTest {

  @Override
  protected Seeded seed() {
    return SandboxContractWorld.seed(
        Clock.systemUTC(), SandboxBehaviour.fast().toBuilder().requestsPerSecond(0).build());
  }
}
