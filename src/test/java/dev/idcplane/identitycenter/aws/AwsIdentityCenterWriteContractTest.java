package dev.idcplane.identitycenter.aws;

import dev.idcplane.identitycenter.IdentityCenterContractTest.Seeded;
import dev.idcplane.identitycenter.IdentityCenterWriteContractTest;
import dev.idcplane.support.MotoFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The write contract against {@link AwsIdentityCenter} on patched moto (its own moto process). */
class AwsIdentityCenterWriteContractTest extends IdentityCenterWriteContractTest {
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
