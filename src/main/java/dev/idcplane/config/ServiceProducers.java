package dev.idcplane.config;

import dev.idcplane.apply.PacedApplications;
import dev.idcplane.apply.PacedIdentityCenter;
import dev.idcplane.apply.ReadRetry;
import dev.idcplane.apply.RequestBudgets;
import dev.idcplane.apply.Sleeper;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.apps.Applications;
import dev.idcplane.identitycenter.apps.IssuerKeys;
import dev.idcplane.identitycenter.apps.TokenExchange;
import dev.idcplane.identitycenter.aws.AwsApplications;
import dev.idcplane.identitycenter.aws.AwsClients;
import dev.idcplane.identitycenter.aws.AwsIdentityCenter;
import dev.idcplane.identitycenter.aws.AwsTokenExchange;
import dev.idcplane.identitycenter.aws.PacingInterceptor;
import dev.idcplane.identitycenter.sandbox.SandboxIdentityCenter;
import dev.idcplane.matrix.MatrixLoader;
import dev.idcplane.plan.PlanPolicy;
import dev.idcplane.plan.Planner;
import dev.idcplane.plan.Resolver;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.regions.Region;

/** Produces the clock, the Identity Center backend and the pure core objects; disposes clients. */
@ApplicationScoped
public class ServiceProducers {
  private static final Logger LOG = Logger.getLogger(ServiceProducers.class);
  private volatile AwsClients awsClients;
  private volatile AwsClients applyClients;
  private SandboxIdentityCenter sandbox;

  @Produces
  @Singleton
  Clock clock() {
    return Clock.systemUTC();
  }

  /** The one set of request budgets every caller of every Identity Center draws from. */
  @Produces
  @Singleton
  RequestBudgets requestBudgets(IdcConfig config, Clock clock) {
    IdcConfig.Rate rate = config.aws().rate();
    double ssoAdmin = rate.ssoAdmin().orElse(config.apply().requestsPerSecond());
    LOG.infof(
        "Request budgets per second: sso-admin %s, identitystore %s, organizations %s",
        ssoAdmin, rate.identityStore(), rate.organizations());
    return new RequestBudgets(
        ssoAdmin, rate.identityStore(), rate.organizations(), clock, Sleeper.REAL);
  }

  /**
   * The Identity Center plans, scans and reports read through: every call takes a token from the
   * shared budgets (the adapter underneath paces later pages) and throttled reads are retried.
   */
  @Produces
  @ApplicationScoped
  IdentityCenter identityCenter(IdcConfig config, Clock clock, RequestBudgets budgets) {
    IdcConfig.Aws aws = config.aws();
    IdentityCenter backend =
        switch (config.backend()) {
          case sandbox -> sandbox(config, clock, budgets);
          case aws -> {
            LOG.infof(
                "Identity Center backend: AWS in %s%s",
                aws.region(), aws.endpointOverride().map(e -> " through " + e).orElse(""));
            yield new AwsIdentityCenter(readClients(config, budgets));
          }
        };
    ReadRetry retry =
        new ReadRetry(
            aws.readMaxAttempts(),
            aws.readMaxElapsed(),
            aws.readBackoffBase(),
            aws.readBackoffMax());
    return new PacedIdentityCenter(
        backend, budgets, retry, clock, Sleeper.REAL, new SplittableRandom());
  }

  /**
   * The Identity Center apply writes through. It is not wrapped: apply's call gate paces every call
   * on the same sso-admin budget (see ApplyService) and owns the retries, so wrapping would take
   * two tokens per call and retry twice. On AWS its clients make one attempt per call, so the SDK's
   * retries do not multiply apply's. The sandbox is one world, shared with reads.
   */
  @Produces
  @ApplicationScoped
  @ForApply
  IdentityCenter applyIdentityCenter(IdcConfig config, Clock clock, RequestBudgets budgets) {
    if (config.backend() == IdcConfig.Backend.sandbox) {
      return sandbox(config, clock, budgets);
    }
    return new AwsIdentityCenter(applyClients(config, budgets));
  }

  /**
   * The instance's trusted token issuers and applications. On AWS its calls go through the read
   * clients, so each takes a token from the shared sso-admin budget.
   */
  @Produces
  @ApplicationScoped
  Applications applications(IdcConfig config, Clock clock, RequestBudgets budgets) {
    Applications backend =
        config.backend() == IdcConfig.Backend.sandbox
            ? sandbox(config, clock, budgets).applications()
            : new AwsApplications(readClients(config, budgets).ssoAdmin());
    IdcConfig.Aws aws = config.aws();
    return new PacedApplications(
        backend,
        budgets,
        new ReadRetry(
            aws.readMaxAttempts(),
            aws.readMaxElapsed(),
            aws.readBackoffBase(),
            aws.readBackoffMax()),
        clock,
        Sleeper.REAL,
        new SplittableRandom());
  }

  /**
   * The trusted token issuers and applications apply writes through: not paced here, since apply's
   * call gate paces every call on the shared sso-admin budget and owns the retries; on AWS through
   * apply's clients (one attempt per call).
   */
  @Produces
  @ApplicationScoped
  @ForApply
  Applications applyApplications(IdcConfig config, Clock clock, RequestBudgets budgets) {
    if (config.backend() == IdcConfig.Backend.sandbox) {
      return sandbox(config, clock, budgets).applications();
    }
    return new AwsApplications(applyClients(config, budgets).ssoAdmin());
  }

  /**
   * CreateTokenWithIAM for the application doctor's exchange check: on AWS through the read clients
   * (SSO OIDC and STS), in the sandbox against its applications, fetching issuers' keys through
   * {@code keys}.
   */
  @Produces
  @ApplicationScoped
  TokenExchange tokenExchange(
      IdcConfig config, Clock clock, RequestBudgets budgets, IssuerKeys keys) {
    if (config.backend() == IdcConfig.Backend.sandbox) {
      return sandbox(config, clock, budgets).tokenExchange(keys::keys);
    }
    AwsClients clients = readClients(config, budgets);
    return new AwsTokenExchange(clients.ssoOidc(), clients.sts());
  }

  /** The SDK clients apply writes through (one attempt per call); made once. */
  private synchronized AwsClients applyClients(IdcConfig config, RequestBudgets budgets) {
    if (applyClients == null) {
      applyClients = clients(config.aws(), 1, budgets);
    }
    return applyClients;
  }

  /** The SDK clients plans, scans, reports and the doctor read through; made once. */
  private synchronized AwsClients readClients(IdcConfig config, RequestBudgets budgets) {
    if (awsClients == null) {
      awsClients = clients(config.aws(), config.aws().maxAttempts(), budgets);
    }
    return awsClients;
  }

  private synchronized SandboxIdentityCenter sandbox(
      IdcConfig config, Clock clock, RequestBudgets budgets) {
    if (sandbox == null) {
      Path seed = Path.of(config.sandbox().seed());
      LOG.infof("Identity Center backend: sandbox seeded from %s", seed.toAbsolutePath());
      sandbox = SandboxIdentityCenter.fromSeed(seed, clock, budgets);
    }
    return sandbox;
  }

  /** SDK clients whose pages and SDK retries take tokens from {@code budgets}. */
  private static AwsClients clients(IdcConfig.Aws aws, int maxAttempts, RequestBudgets budgets) {
    return AwsClients.create(
        new AwsClients.Settings(
            Region.of(aws.region()),
            aws.endpointOverride().map(URI::create),
            RetryMode.STANDARD,
            maxAttempts,
            aws.callTimeout(),
            Optional.empty(),
            List.of(new PacingInterceptor(budgets))));
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
        config.plan().protectedPermissionSets(),
        config.plan().allowManagementAccountDeletes(),
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
