package dev.idcplane.adopt;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.aws.AwsClients;
import dev.idcplane.identitycenter.aws.AwsIdentityCenter;
import dev.idcplane.identitycenter.aws.MotoClients;
import dev.idcplane.identitycenter.aws.MotoServer;
import dev.idcplane.support.MotoFixture;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The import round trip on the moto acceptance organization, read through the real SDK. */
class MotoImportRoundTripTest {
  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  @TempDir Path dir;

  @Test
  void theAcceptanceOrganizationRoundTrips() throws Exception {
    try (AwsClients clients = MotoClients.create(MOTO.endpoint())) {
      new MotoFixture(clients).seed(MotoFixture.ACCEPTANCE);
      var trip = MatrixImportRoundTripTest.roundTrip(new AwsIdentityCenter(clients), dir);
      String assignments = MatrixImportRoundTripTest.file(trip.imported(), "assignments.yaml");
      assertThat(assignments).contains("ous:");
      assertThat(trip.imported().files()).hasSize(2);
    }
  }
}
