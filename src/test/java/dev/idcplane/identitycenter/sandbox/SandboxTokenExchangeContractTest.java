package dev.idcplane.identitycenter.sandbox;

import dev.idcplane.doctor.IssuerDiscovery;
import dev.idcplane.identitycenter.ContractFixture;
import dev.idcplane.identitycenter.IdentityCenterContractTest.Seeded;
import dev.idcplane.identitycenter.apps.TokenExchangeContractTest;
import dev.idcplane.support.HttpsIssuers;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** The token exchange contract against the sandbox, fetching keys as the doctor does. */
class SandboxTokenExchangeContractTest extends TokenExchangeContractTest {

  @Override
  protected Backend backend(Map<String, String> issuer) {
    Seeded s =
        SandboxContractWorld.seed(
            Clock.systemUTC(), SandboxBehaviour.fast().toBuilder().requestsPerSecond(0).build());
    var sandbox = (SandboxIdentityCenter) s.identityCenter();
    IssuerDiscovery keys =
        new IssuerDiscovery(
            IssuerDiscovery.tls(
                Path.of(issuer.get("idc.doctor.trust-store")), HttpsIssuers.PASSWORD.toCharArray()),
            Duration.ofSeconds(5));
    String user = ContractFixture.USERS.get(0);
    return new Backend(
        sandbox.applications(),
        sandbox.tokenExchange(keys::keys),
        s.world().instance().instanceArn(),
        s.world().userIds().get(user),
        user);
  }
}
