package dev.idcplane.apply;

import java.time.Duration;
import java.util.Objects;

/**
 * The tunables of one apply. Caps are per Identity Center instance.
 *
 * @param maxOutstanding asynchronous operations in flight at once (AWS cap: 15)
 * @param maxProvisioning ProvisionPermissionSet operations in flight at once (AWS cap: 3)
 * @param requestsPerSecond sso-admin calls per second, submissions and polls together (AWS: 20)
 * @param pollFirst wait after a submission before its first poll
 * @param pollMax longest wait between polls while nothing finishes
 * @param maxAttempts attempts per call for throttling, conflict, 5xx and timeouts (the
 *     outstanding-operations cap is retried without limit until {@code operationTimeout})
 * @param backoffBase first retry delay (full jitter: uniform in [0, base·2^attempt])
 * @param backoffMax cap of one retry delay
 * @param operationTimeout how long one operation may take from first submission to terminal state
 * @param statusGrace how long after a submission a Describe*Status answering ResourceNotFound means
 *     "not visible yet" (eventual consistency) rather than "AWS lost the request"
 */
public record ApplySettings(
    int maxOutstanding,
    int maxProvisioning,
    double requestsPerSecond,
    Duration pollFirst,
    Duration pollMax,
    int maxAttempts,
    Duration backoffBase,
    Duration backoffMax,
    Duration operationTimeout,
    Duration statusGrace) {

  public static final int AWS_MAX_OUTSTANDING = 15;
  public static final int AWS_MAX_PROVISIONING = 3;
  public static final Duration DEFAULT_STATUS_GRACE = Duration.ofSeconds(30);

  public ApplySettings {
    if (maxOutstanding < 1 || maxOutstanding > AWS_MAX_OUTSTANDING) {
      throw new IllegalArgumentException("maxOutstanding must be 1..15, got " + maxOutstanding);
    }
    if (maxProvisioning < 1 || maxProvisioning > AWS_MAX_PROVISIONING) {
      throw new IllegalArgumentException("maxProvisioning must be 1..3, got " + maxProvisioning);
    }
    if (requestsPerSecond <= 0) {
      throw new IllegalArgumentException("requestsPerSecond must be positive");
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be at least 1");
    }
    Objects.requireNonNull(pollFirst);
    Objects.requireNonNull(pollMax);
    Objects.requireNonNull(backoffBase);
    Objects.requireNonNull(backoffMax);
    Objects.requireNonNull(operationTimeout);
    Objects.requireNonNull(statusGrace);
  }

  /** AWS-sized defaults. */
  public static ApplySettings defaults() {
    return new ApplySettings(
        15,
        3,
        20,
        Duration.ofSeconds(2),
        Duration.ofSeconds(10),
        8,
        Duration.ofMillis(500),
        Duration.ofSeconds(20),
        Duration.ofMinutes(15),
        DEFAULT_STATUS_GRACE);
  }

  /** The same settings with every duration multiplied by {@code factor} and the rate divided. */
  public ApplySettings scaled(double factor) {
    return new ApplySettings(
        maxOutstanding,
        maxProvisioning,
        requestsPerSecond / factor,
        scale(pollFirst, factor),
        scale(pollMax, factor),
        maxAttempts,
        scale(backoffBase, factor),
        scale(backoffMax, factor),
        scale(operationTimeout, factor),
        scale(statusGrace, factor));
  }

  private static Duration scale(Duration d, double f) {
    return Duration.ofNanos(Math.max(1, Math.round(d.toNanos() * f)));
  }
}
