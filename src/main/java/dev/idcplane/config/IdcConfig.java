package dev.idcplane.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;
import java.util.Optional;

/** Every tunable of the service, under {@code idc.*}. */
@ConfigMapping(prefix = "idc")
public interface IdcConfig {

  /**
   * Which Identity Center to talk to: the real one through the AWS SDK, or the in-process sandbox.
   */
  @WithDefault("sandbox")
  Backend backend();

  /** ARN of the Identity Center instance; when absent, the only instance there is. */
  Optional<String> instanceArn();

  Aws aws();

  Sandbox sandbox();

  Matrix matrix();

  PlanRules plan();

  DevTokens dev();

  Auth auth();

  /** Terraform state files whose Identity Center resources are left to Terraform. */
  Terraform terraform();

  /** Coexistence with Terraform; env {@code IDC_TERRAFORM_*}. */
  interface Terraform {
    /**
     * Terraform state files (format v4 JSON), comma-separated: local paths or {@code
     * s3://bucket/key} URLs. The permission sets and account assignments they hold ({@code
     * aws_ssoadmin_*}) are never changed by a plan; a state that cannot be read fails the plan.
     */
    Optional<List<String>> state();

    /** Region of the S3 client reading s3:// states (buckets elsewhere are followed). */
    Optional<String> s3Region();

    /** S3 endpoint override (an emulator); unset, {@code idc.aws.endpoint-override}. */
    Optional<String> s3EndpointOverride();
  }

  /** Which bearer tokens the service trusts, beyond quarkus.oidc.* (the admins' IdP). */
  interface Auth {
    /**
     * The audience ({@code aud}) every IdP token must carry: tokens for another service are
     * refused. Required in prod.
     */
    Optional<String> audience();

    /**
     * The issuer ({@code iss}) every IdP token must carry. Required in prod when tokens are
     * verified with a configured public key (no discovery to take it from).
     */
    Optional<String> issuer();

    /** GitHub Actions OIDC tokens: CI's workload identity, a second trusted issuer. */
    Github github();

    /**
     * GitHub Actions OIDC: which workflow runs get {@code ci}, and which also get {@code deployer}.
     */
    interface Github {
      /**
       * The issuer GitHub signs workflow tokens as; its discovery document and JWKS are read from
       * it.
       */
      @WithDefault("https://token.actions.githubusercontent.com")
      String issuer();

      /** The audience the workflow asks GitHub for; required when repositories are listed. */
      Optional<String> audience();

      /**
       * Repositories ({@code owner/name}) whose workflow tokens are accepted and get {@code ci};
       * unset, GitHub tokens are not accepted at all.
       */
      Optional<List<String>> repositories();

      /** Refs whose runs (other than pull-request events) also get {@code deployer}. */
      @WithDefault("refs/heads/main")
      List<String> deployRefs();

      /** When set, a run gets {@code deployer} only in this GitHub environment. */
      Optional<String> deployEnvironment();
    }
  }

  ApplyRules apply();

  Health health();

  /** Health checks. */
  interface Health {
    /**
     * Readiness is DOWN when the newest plan of the configured matrix (a scan makes one; previews
     * of a matrix sent in a request do not count) is older than this; unset, always UP.
     */
    Optional<java.time.Duration> maxScanAge();
  }

  Runs runs();

  /** Runs as clients follow them. */
  interface Runs {
    /**
     * How often an open {@code /runs/{id}/events} stream reads the run's journal for entries it has
     * not sent: what another replica records arrives within this; this process's own transitions
     * wake the stream at once.
     */
    @WithDefault("1s")
    java.time.Duration eventsPollInterval();
  }

  Metrics metrics();

  /** Prometheus metrics. */
  interface Metrics {
    /** How long gauges read from the database (open findings, last scan) are reused by scrapes. */
    @WithDefault("15s")
    java.time.Duration cacheTtl();
  }

  Doctor doctor();

  /** The application doctor's reach outside: trusted token issuers' discovery documents. */
  interface Doctor {
    /** How long one fetch of a discovery document or JWKS may take. */
    @WithDefault("5s")
    java.time.Duration timeout();

    /** A PKCS12 trust store for issuers' TLS certificates; the JVM's trust store when unset. */
    Optional<String> trustStore();

    /** The trust store's password. */
    Optional<String> trustStorePassword();
  }

  Drift drift();

  /** Drift history. */
  interface Drift {
    /**
     * How long a resolved occurrence is kept after it was resolved; open ones are never purged.
     * Unset (the default) keeps all history forever, the safe choice for audit evidence.
     */
    Optional<java.time.Duration> retention();

    /**
     * Quartz-style cron of the purge (daily at 03:30 by default; {@code off} in the test profile).
     * Read by {@code DriftPurger}; a purge does nothing while {@link #retention()} is unset.
     */
    @WithDefault("0 30 3 * * ?")
    String purgeCron();

    /** Occurrences one purge statement deletes at most; each batch commits on its own. */
    @WithDefault("10000")
    @jakarta.validation.constraints.Positive
    int purgeBatchSize();
  }

  Scan scan();

  /** Scheduled read-only scans of the configured matrix, which keep the drift history current. */
  interface Scan {
    /** Whether the scheduler scans at all (off in the test profile). */
    @WithDefault("true")
    boolean enabled();

    /** Quartz-style cron of the scan; hourly by default. Read by {@code DriftScanner}. */
    @WithDefault("0 0 * * * ?")
    String cron();

    /** Whether a scan that finds changes applies them (never deletes past the deletion guard). */
    @WithDefault("false")
    boolean autoApply();
  }

  /** How apply executes plans. Caps are per Identity Center instance. */
  interface ApplyRules {
    /**
     * Runs this process executes at once, each on a thread of its own; more wait their turn,
     * holding their instance's lease. One run per instance runs at a time anyway.
     */
    @WithDefault("4")
    int maxConcurrentRuns();

    /** Asynchronous operations in flight at once; AWS allows 15 per instance, never more. */
    @WithDefault("15")
    int maxOutstanding();

    /** ProvisionPermissionSet operations in flight at once; AWS allows 3. */
    @WithDefault("3")
    int maxProvisioning();

    /**
     * sso-admin calls per second, AWS allows 20. Deprecated: the sso-admin budget is now shared by
     * every caller and set by {@code idc.aws.rate.sso-admin}; this key is used only when that one
     * is unset.
     */
    @WithDefault("20")
    double requestsPerSecond();

    /** Wait after a submission before its first poll, until latencies are measured. */
    @WithDefault("2s")
    java.time.Duration pollFirst();

    /** Longest wait between polls while nothing finishes. */
    @WithDefault("10s")
    java.time.Duration pollMax();

    /** Attempts per call on throttling, conflicts, 5xx and timeouts. */
    @WithDefault("8")
    int maxAttempts();

    /** First retry delay; later ones double (full jitter). */
    @WithDefault("500ms")
    java.time.Duration backoffBase();

    /** Longest single retry delay. */
    @WithDefault("20s")
    java.time.Duration backoffMax();

    /** Longest one operation may take from first submission to a terminal state. */
    @WithDefault("15m")
    java.time.Duration operationTimeout();

    /** How long after a submission a status call's ResourceNotFound means "not visible yet". */
    @WithDefault("30s")
    java.time.Duration statusGrace();

    /**
     * How long the instance's lease outlives its holder's last renewal ({@code ApplyLocks}). The
     * holder renews every third of it and stops writing a quarter of it before the lease could
     * expire; another replica may take an unrenewed lease over after it.
     */
    @WithDefault("30s")
    java.time.Duration leaseTtl();

    /**
     * How often each replica looks for runs another replica left RUNNING or INTERRUPTED (a killed
     * process) and resumes them once their lease has expired (Quarkus {@code every} syntax; {@code
     * off} disables it, leaving resumption to the next apply or start).
     */
    @WithDefault("30s")
    String resumeEvery();

    /** How long a stored plan may be applied after it was made. */
    @WithDefault("1h")
    java.time.Duration planExpiry();

    /** An apply deleting more than this many assignments needs allowDeletes. */
    @WithDefault("25")
    int guardMaxDeletes();

    /**
     * An apply deleting more than this share of managed assignments needs allowDeletes, from {@link
     * #guardMinDeletes()} deletes on.
     */
    @WithDefault("0.2")
    double guardMaxDeleteShare();

    /**
     * Fewer deletes than this never trip the share rule (a small first rollout deleting 2 of 3).
     */
    @WithDefault("10")
    int guardMinDeletes();

    /**
     * Whether a matrix that no longer declares a permission set or file the last applied matrix of
     * the instance declared (an emptied or deleted file) needs allowDeletes.
     */
    @WithDefault("true")
    boolean guardRemovals();
  }

  /**
   * Dev mode only: the key {@code /dev/token} signs with. The prod profile refuses to start with
   * it.
   */
  interface DevTokens {
    /** PEM file of the dev signing key. */
    Optional<String> signingKey();
  }

  /** The two backends. */
  enum Backend {
    aws,
    sandbox
  }

  /** AWS SDK settings. */
  interface Aws {
    /** Region of the Identity Center instance (its home Region). */
    @WithDefault("us-east-1")
    String region();

    /** Endpoint override for emulators such as moto; absent for real AWS. */
    Optional<String> endpointOverride();

    /** Attempts the AWS SDK makes per call (its STANDARD retry mode), including the first. */
    @WithDefault("3")
    int maxAttempts();

    /** Limit for one AWS call including the SDK's own retries. */
    @WithDefault("30s")
    java.time.Duration callTimeout();

    /**
     * Request budgets, one per service for the whole process (plans, scans, access reports and
     * apply share them, since AWS's rate quotas are per account and Region). Both backends.
     */
    Rate rate();

    /** Attempts per read (the first included) when AWS answers throttled; both backends. */
    @WithDefault("6")
    @jakarta.validation.constraints.Positive
    int readMaxAttempts();

    /** A throttled read is not retried past this long after its first attempt. */
    @WithDefault("30s")
    java.time.Duration readMaxElapsed();

    /** First delay before retrying a throttled read; later ones double (full jitter). */
    @WithDefault("200ms")
    java.time.Duration readBackoffBase();

    /** Longest single delay before retrying a throttled read. */
    @WithDefault("5s")
    java.time.Duration readBackoffMax();
  }

  /**
   * Requests per second each AWS service gets; rates of 1 or more are rounded down to whole calls.
   */
  interface Rate {
    /**
     * sso-admin requests per second (AWS: 20 for the account's Identity Center APIs together);
     * unset, {@code idc.apply.requests-per-second}, whose default is 20.
     */
    Optional<@jakarta.validation.constraints.Positive Double> ssoAdmin();

    /** identitystore requests per second (GetGroupId, GetUserId, DescribeGroup, DescribeUser). */
    @WithDefault("20")
    @jakarta.validation.constraints.Positive
    double identityStore();

    /** Organizations requests per second (DescribeOrganization, ListRoots, List*ForParent). */
    @WithDefault("10")
    @jakarta.validation.constraints.Positive
    double organizations();
  }

  /** The sandbox backend. */
  interface Sandbox {
    /** The seed file the sandbox starts from. */
    @WithDefault("deploy/sandbox/seed.yaml")
    String seed();
  }

  /** Where the matrix lives. */
  interface Matrix {
    /** Folder whose {@code *.yaml} files make up the matrix. */
    @WithDefault("assignments")
    String path();

    /**
     * Git commit plans of the configured folder record when the caller gives none, e.g. the
     * deployment's GIT_COMMIT through IDC_MATRIX_COMMIT; unset, asked of git in the folder.
     */
    Optional<String> commit();

    /**
     * Where the configured matrix comes from: {@code folder} ({@code idc.matrix.path}), {@code git}
     * ({@code idc.matrix.git.*}, pulled before each plan or scan) or {@code pushed} (the matrix a
     * deployer last applied, kept in the database).
     */
    @WithDefault("folder")
    Source source();

    /** The repository the {@code git} source pulls. */
    Git git();

    /** The kinds of matrix source. */
    enum Source {
      FOLDER,
      GIT,
      PUSHED
    }

    /** The {@code git} matrix source; env {@code IDC_MATRIX_GIT_*}. */
    interface Git {
      /** Repository to clone (https, ssh or a local path); required with {@code source=git}. */
      Optional<String> uri();

      /** Branch whose tip is the configured matrix. */
      @WithDefault("main")
      String branch();

      /**
       * Folder inside the repository holding the matrix {@code *.yaml} files ({@code .}: the root).
       */
      @WithDefault("assignments")
      String folder();

      /** Local directory the repository is cloned into and fetched in; must be writable. */
      @WithDefault("${java.io.tmpdir}/idc-matrix-git")
      String workDir();

      /**
       * User name for https (for tokens, any non-empty name GitHub accepts, e.g. x-access-token).
       */
      Optional<String> username();

      /** Password or access token for https. */
      Optional<String> password();

      /** How long one clone or fetch may take. */
      @WithDefault("30s")
      java.time.Duration timeout();
    }
  }

  /** Safety rules of every plan. */
  interface PlanRules {
    /** Glob patterns of permission sets never changed (default: Control Tower's AWS* sets). */
    @WithDefault("AWS*")
    List<String> protectedPermissionSets();

    /** Whether assignments in the organization's management account may be deleted. */
    @WithDefault("false")
    boolean allowManagementAccountDeletes();

    /** A USER exception valid for at most this many more days is reported as expiring (0: off). */
    @WithDefault("14")
    int expiryWarningDays();
  }
}
