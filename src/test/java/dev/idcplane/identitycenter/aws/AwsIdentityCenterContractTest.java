package dev.idcplane.identitycenter.aws;

import dev.idcplane.identitycenter.IdentityCenterContractTest;
import dev.idcplane.support.MotoFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The contract against {@link AwsIdentityCenter} on moto, seeded through real SDK calls. */
class AwsIdentityCenterContractTest extends IdentityCenterContractTest {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private AwsClients clients;

  @Override
  protected Seeded seed() {
    clients = MotoClients.create(MOTO.endpoint());
    return new Seeded(
        new AwsIdentityCenter(clients), new MotoFixture(clients).seed(MotoFixture.CONTRACT));
  }

  @AfterAll
  void closeClients() {
    if (clients != null) {
      clients.close();
    }
  }
}
