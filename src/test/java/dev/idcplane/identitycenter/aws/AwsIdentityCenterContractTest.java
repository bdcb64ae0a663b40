package dev.idcplane.identitycenter.aws;

import dev.idcplane.identitycenter.IdentityCenterContractTest;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;

/** The contract against {@link AwsIdentityCenter} on moto, seeded through real SDK calls. */
class AwsIdentityCenterContractTest extends IdentityCenterContractTest {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  private AwsClients clients;

  @Override
  protected Seeded seed() {
    clients = AwsClients.create(new AwsClients.Settings(
        Region.US_EAST_1,
        Optional.of(MOTO.endpoint()),
        RetryMode.STANDARD,
        1,
        Duration.ofSeconds(30),
        Optional.of(StaticCredentialsProvider.create(AwsBasicCredentials.create("testing", "testing")))));
    return new Seeded(new AwsIdentityCenter(clients), new MotoSeeder(clients).seed());
  }

  @AfterAll
  void closeClients() {
    if (clients != null) {
      clients.close();
    }
  }
}
