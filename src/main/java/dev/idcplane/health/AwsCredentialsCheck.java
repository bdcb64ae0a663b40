package dev.idcplane.health;

import dev.idcplane.config.IdcConfig;
import dev.idcplane.identitycenter.aws.AwsClients;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code aws-credentials}: with the aws backend, DOWN while the SDK's default
 * credential provider chain finds no credentials, since every plan, scan and apply would fail with
 * {@code aws_credentials}. UP (and not consulted) with the sandbox backend.
 */
@Readiness
@ApplicationScoped
public class AwsCredentialsCheck implements HealthCheck {
  static final String NAME = "aws-credentials";

  private final IdcConfig config;

  public AwsCredentialsCheck(IdcConfig config) {
    this.config = config;
  }

  @Override
  public HealthCheckResponse call() {
    var response = HealthCheckResponse.named(NAME).withData("backend", config.backend().name());
    if (config.backend() != IdcConfig.Backend.aws) {
      return response.up().build();
    }
    return AwsClients.defaultCredentialsProblem()
        .map(problem -> response.down().withData("error", problem).build())
        .orElseGet(() -> response.up().build());
  }
}
