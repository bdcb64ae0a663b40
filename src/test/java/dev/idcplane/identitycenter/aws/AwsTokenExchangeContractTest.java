package dev.idcplane.identitycenter.aws;

import dev.idcplane.identitycenter.ContractFixture;
import dev.idcplane.identitycenter.SeededWorld;
import dev.idcplane.identitycenter.apps.TokenExchangeContractTest;
import dev.idcplane.support.MotoFixture;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;

/**
 * The token exchange contract against the AWS adapter on moto (oidc_patches.py), through the real
 * SDK; moto trusts the local issuer's CA through SSL_CERT_FILE.
 */
class AwsTokenExchangeContractTest extends TokenExchangeContractTest {
  private final MotoServer moto = new MotoServer();
  private AwsClients clients;

  @Override
  protected Backend backend(Map<String, String> issuer) throws Exception {
    moto.environment("SSL_CERT_FILE", issuer.get("idcplane-test-issuer-ca-pem")).start();
    clients = MotoClients.create(moto.endpoint());
    SeededWorld world =
        new MotoFixture(clients)
            .seed(MotoFixture.Org.directory(ContractFixture.GROUPS, ContractFixture.USERS));
    String user = ContractFixture.USERS.get(0);
    return new Backend(
        new AwsApplications(clients.ssoAdmin()),
        new AwsTokenExchange(clients.ssoOidc(), clients.sts()),
        world.instance().instanceArn(),
        world.userIds().get(user),
        user);
  }

  @AfterAll
  void close() throws InterruptedException {
    if (clients != null) {
      clients.close();
    }
    moto.stop();
  }
}
