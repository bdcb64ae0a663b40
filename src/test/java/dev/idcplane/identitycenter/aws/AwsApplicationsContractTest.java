package dev.idcplane.identitycenter.aws;

import dev.idcplane.identitycenter.ContractFixture;
import dev.idcplane.identitycenter.SeededWorld;
import dev.idcplane.identitycenter.apps.ApplicationsContractTest;
import dev.idcplane.support.MotoFixture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The applications contract against the AWS adapter on moto, through the real SDK. */
class AwsApplicationsContractTest extends ApplicationsContractTest {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private AwsClients clients;

  @Override
  protected Backend backend() {
    clients = MotoClients.create(MOTO.endpoint());
    SeededWorld world =
        new MotoFixture(clients)
            .seed(MotoFixture.Org.directory(ContractFixture.GROUPS, ContractFixture.USERS));
    return new Backend(
        new AwsApplications(clients.ssoAdmin()),
        world.instance().instanceArn(),
        world.groupIds().get(ContractFixture.GROUPS.get(0)),
        world.userIds().get(ContractFixture.USERS.get(0)));
  }

  @AfterAll
  void close() {
    if (clients != null) {
      clients.close();
    }
  }
}
