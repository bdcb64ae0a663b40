package dev.idcplane.identitycenter.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * How the sandbox behaves where apply cares: asynchronous operations with a latency distribution,
 * the per-instance caps, the shared request rate and injected faults. Immutable; build one with
 * {@link #builder()} or a profile's {@link #toBuilder()}, or read it from a seed's {@code
 * behaviour:} section.
 *
 * <p>Published facts it models (IAM Identity Center quotas page): the sso-admin APIs share 20
 * requests per second; at most 15 asynchronous operations are outstanding per instance; at most 3
 * ProvisionPermissionSet calls run at once. Operations take seconds to about a minute.
 *
 * @param seed seeds every RNG stream (request ids, latencies, faults)
 * @param maxOutstandingOperations submissions beyond this many IN_PROGRESS operations fail
 *     THROTTLED
 * @param maxConcurrentProvisioning ProvisionPermissionSet beyond this many in progress fails
 *     CONFLICT
 * @param requestsPerSecond sso-admin calls admitted in any one-second window; 0 means no limit
 * @param latency how long each asynchronous operation takes
 * @param faults what to inject
 */
public record SandboxBehaviour(
    long seed,
    int maxOutstandingOperations,
    int maxConcurrentProvisioning,
    int requestsPerSecond,
    Latency latency,
    Faults faults) {

  public SandboxBehaviour {
    if (maxOutstandingOperations < 1) {
      throw new IllegalArgumentException(
          "max_outstanding_operations must be at least 1, got " + maxOutstandingOperations);
    }
    if (maxConcurrentProvisioning < 1) {
      throw new IllegalArgumentException(
          "max_concurrent_provisioning must be at least 1, got " + maxConcurrentProvisioning);
    }
    if (requestsPerSecond < 0) {
      throw new IllegalArgumentException(
          "requests_per_second must be 0 (no limit) or more, got " + requestsPerSecond);
    }
    Objects.requireNonNull(latency, "latency");
    Objects.requireNonNull(faults, "faults");
  }

  /** AWS-like: 15 outstanding, 3 provisioning, 20 requests/second, 2–8 s operations, no faults. */
  public static SandboxBehaviour defaults() {
    return new SandboxBehaviour(
        1, 15, 3, 20, Latency.uniform(Duration.ofSeconds(2), Duration.ofSeconds(8)), Faults.none());
  }

  /** {@link #defaults()} with 1–5 ms operations: AWS's caps at test speed on the real clock. */
  public static SandboxBehaviour fast() {
    return defaults().toBuilder()
        .latency(Latency.uniform(Duration.ofMillis(1), Duration.ofMillis(5)))
        .build();
  }

  /**
   * What a seed without a {@code behaviour:} section gets: operations finish by the next call and
   * there is no request rate limit, so reads never throttle (the caps still hold).
   */
  public static SandboxBehaviour instant() {
    return defaults().toBuilder()
        .latency(Latency.fixed(Duration.ZERO))
        .requestsPerSecond(0)
        .build();
  }

  /** A builder starting from {@link #defaults()}. */
  public static Builder builder() {
    return defaults().toBuilder();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Mutable builder; every setter returns this. */
  public static final class Builder {
    private long seed;
    private int maxOutstanding;
    private int maxProvisioning;
    private int rps;
    private Latency latency;
    private List<Faults.ThrottleStorm> storms;
    private double serviceErrorRate;
    private double failedRate;
    private String failureReason;
    private double slowRate;
    private double slowFactor;
    private Set<String> faultOperations;
    private int failFirst;
    private int hiddenDescribes;
    private int createConflicts;

    private Builder(SandboxBehaviour b) {
      seed = b.seed;
      maxOutstanding = b.maxOutstandingOperations;
      maxProvisioning = b.maxConcurrentProvisioning;
      rps = b.requestsPerSecond;
      latency = b.latency;
      faults(b.faults);
    }

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder maxOutstandingOperations(int max) {
      this.maxOutstanding = max;
      return this;
    }

    public Builder maxConcurrentProvisioning(int max) {
      this.maxProvisioning = max;
      return this;
    }

    /** 0 turns the request rate limit off. */
    public Builder requestsPerSecond(int rps) {
      this.rps = rps;
      return this;
    }

    public Builder latency(Latency latency) {
      this.latency = latency;
      return this;
    }

    public Builder throttleStorms(List<Faults.ThrottleStorm> storms) {
      this.storms = storms;
      return this;
    }

    public Builder serviceErrorRate(double rate) {
      this.serviceErrorRate = rate;
      return this;
    }

    /** Probability an operation ends FAILED, and the reason it gives (null: the default). */
    public Builder failedOperations(double rate, String reason) {
      this.failedRate = rate;
      this.failureReason = reason;
      return this;
    }

    /** Probability an operation is slow, and by how many times its latency. */
    public Builder slowOperations(double rate, double factor) {
      this.slowRate = rate;
      this.slowFactor = factor;
      return this;
    }

    /** API operation names faults target; empty: every sso-admin operation. */
    public Builder faultOperations(Set<String> operations) {
      this.faultOperations = operations;
      return this;
    }

    /** The first {@code n} targeted asynchronous submissions end FAILED with {@code reason}. */
    public Builder failFirstOperations(int n, String reason) {
      this.failFirst = n;
      this.failureReason = reason;
      return this;
    }

    /** Each request is NOT_FOUND to its first {@code n} targeted Describe*Status calls. */
    public Builder hiddenDescribes(int n) {
      this.hiddenDescribes = n;
      return this;
    }

    /**
     * The first {@code n} targeted CreatePermissionSet calls lose a race to a concurrent writer.
     */
    public Builder createConflicts(int n) {
      this.createConflicts = n;
      return this;
    }

    public Builder faults(Faults f) {
      storms = f.throttleStorms();
      serviceErrorRate = f.serviceErrorRate();
      failedRate = f.failedOperationRate();
      failureReason = f.failureReason();
      slowRate = f.slowOperationRate();
      slowFactor = f.slowFactor();
      faultOperations = f.operations();
      failFirst = f.failFirstOperations();
      hiddenDescribes = f.hiddenDescribes();
      createConflicts = f.createConflicts();
      return this;
    }

    public SandboxBehaviour build() {
      return new SandboxBehaviour(
          seed,
          maxOutstanding,
          maxProvisioning,
          rps,
          latency,
          new Faults(
              storms,
              serviceErrorRate,
              failedRate,
              failureReason,
              slowRate,
              slowFactor,
              faultOperations,
              failFirst,
              hiddenDescribes,
              createConflicts));
    }
  }
}
