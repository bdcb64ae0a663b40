package dev.idcplane.config;

import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.aws.AwsClients;
import dev.idcplane.identitycenter.aws.AwsIdentityCenter;
import dev.idcplane.identitycenter.sandbox.SandboxIdentityCenter;
import dev.idcplane.matrix.MatrixLoader;
import dev.idcplane.plan.Planner;
import dev.idcplane.plan.PlanPolicy;
import dev.idcplane.plan.Resolver;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;
import java.time.Clock;
import org.jboss.logging.Logger;

/** Produces the clock, the Identity Center backend and the pure core objects; disposes clients. */
@ApplicationScoped
public class ServiceProducers {
  private static final Logger LOG = Logger.getLogger(ServiceProducers.class);
  private volatile AwsClients awsClients;
  private volatile AwsClients applyClients;

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  @Produces
  @ApplicationScoped
  IdentityCenter identityCenter(IdcConfig config, Clock clock) {
    return switch (config.backend()) {
      case sandbox -> {
        Path seed = Path.of(config.sandbox().seed());
        LOG.infof("Identity Center backend: sandbox seeded from %s", seed.toAbsolutePath());
        yield SandboxIdentityCenter.fromSeed(seed, clock);
      }
      case aws -> {
        IdcConfig.Aws aws = config.aws();
        LOG.infof(
            "Identity Center backend: AWS in %s%s",
            aws.region(),
            aws.endpointOverride().map(e -> " through " + e).orElse(""));
        awsClients = clients(aws, aws.maxAttempts());
        yield new AwsIdentityCenter(awsClients);
      }
    };
  }

  /**
   * The Identity Center apply writes through. On AWS its clients make one attempt per call: the
   * applier owns retries (with the slot and rate accounting), so the SDK's must not multiply them.
   * The sandbox is one world, shared with reads.
   */
  @Produces
  @ApplicationScoped
  @ForApply
  IdentityCenter applyIdentityCenter(IdcConfig config, IdentityCenter reads) {
    if (config.backend() == IdcConfig.Backend.sandbox) {
      return reads;
    }
    applyClients = clients(config.aws(), 1);
    return new AwsIdentityCenter(applyClients);
  }

  private static AwsClients clients(IdcConfig.Aws aws, int maxAttempts) {
    return AwsClients.create(
        new AwsClients.Settings(
            Region.of(aws.region()),
            aws.endpointOverride().map(URI::create),
            RetryMode.STANDARD,
            maxAttempts,
            aws.callTimeout(),
            Optional.empty()));
  }

  @PreDestroy
  void close() {
    for (AwsClients c : new AwsClients[] {awsClients, applyClients}) {
      if (c != null) {
        c.close();
      }
    }
  }

  @Produces
  @Singleton
  PlanPolicy planPolicy(IdcConfig config) {
    return new PlanPolicy(
        config.plan().protectedPermissionSets(), config.plan().allowManagementAccountDeletes(),
        config.plan().expiryWarningDays());
  }

  @Produces
  @Singleton
  Planner planner() {
    return new Planner();
  }

  @Produces
  @Singleton
  Resolver resolver() {
    return new Resolver();
  }

  @Produces
  @Singleton
  MatrixLoader matrixLoader() {
    return new MatrixLoader();
  }
}
