package dev.idcplane.health;

import dev.idcplane.config.IdcConfig;
import dev.idcplane.persistence.PlanRepository;
import dev.idcplane.planning.MatrixInput;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness check {@code latest-scan-age}: DOWN when the newest plan of the configured matrix is
 * older than {@code idc.health.max-scan-age} (or there is none); UP when that setting is unset.
 * Previews of a matrix sent in a request do not count: they do not refresh the drift history.
 */
@Readiness
@ApplicationScoped
public class ScanAgeCheck implements HealthCheck {
  static final String NAME = "latest-scan-age";

  private final IdcConfig config;
  private final PlanRepository plans;
  private final Clock clock;

  public ScanAgeCheck(IdcConfig config, PlanRepository plans, Clock clock) {
    this.config = config;
    this.plans = plans;
    this.clock = clock;
  }

  @Override
  public HealthCheckResponse call() {
    Optional<Duration> max = config.health().maxScanAge();
    if (max.isEmpty()) {
      return HealthCheckResponse.named(NAME).up().withData("maxScanAge", "unset").build();
    }
    Optional<Instant> newest =
        QuarkusTransaction.requiringNew().call(() -> plans.newestCreatedAt(MatrixInput.CONFIGURED));
    var response = HealthCheckResponse.named(NAME).withData("maxScanAge", max.get().toString());
    if (newest.isEmpty()) {
      return response.down().withData("newestPlan", "none").build();
    }
    Duration age = Duration.between(newest.get(), clock.instant());
    return response
        .status(age.compareTo(max.get()) <= 0)
        .withData("newestPlan", newest.get().toString())
        .withData("ageSeconds", age.toSeconds())
        .build();
  }
}
