package dev.idcplane.identitycenter.aws;

import java.net.URI;
import java.time.Duration;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;

/** SDK clients for a moto endpoint: moto's test keys, no SDK retries. */
public final class MotoClients {
  private MotoClients() {}

  public static AwsClients create(URI endpoint) {
    return AwsClients.create(
        new AwsClients.Settings(
            Region.US_EAST_1,
            Optional.of(endpoint),
            RetryMode.STANDARD,
            1,
            Duration.ofSeconds(30),
            Optional.of(
                StaticCredentialsProvider.create(
                    AwsBasicCredentials.create("testing", "testing")))));
  }
}
