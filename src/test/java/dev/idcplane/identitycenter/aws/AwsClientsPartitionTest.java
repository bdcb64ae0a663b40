package dev.idcplane.identitycenter.aws;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;

/** Organizations is global per partition: its client is built for the partition's global Region. */
class AwsClientsPartitionTest {

  @ParameterizedTest
  @CsvSource({
    "us-east-1, aws-global",
    "eu-west-1, aws-global",
    "cn-north-1, aws-cn-global",
    "cn-northwest-1, aws-cn-global",
    "us-gov-west-1, aws-us-gov-global",
    "us-iso-east-1, aws-iso-global",
  })
  void organizationsClientUsesThePartitionsGlobalRegion(String region, String organizations) {
    AwsClients.Settings settings =
        new AwsClients.Settings(
            Region.of(region),
            Optional.empty(),
            RetryMode.STANDARD,
            1,
            Duration.ofSeconds(5),
            Optional.of(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s"))));
    try (AwsClients clients = AwsClients.create(settings)) {
      assertThat(clients.organizations().serviceClientConfiguration().region())
          .isEqualTo(Region.of(organizations));
      assertThat(clients.ssoAdmin().serviceClientConfiguration().region())
          .isEqualTo(Region.of(region));
      assertThat(clients.sts().serviceClientConfiguration().region()).isEqualTo(Region.of(region));
    }
  }
}
