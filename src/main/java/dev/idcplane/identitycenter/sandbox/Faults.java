package dev.idcplane.identitycenter.sandbox;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Faults the sandbox injects, each decided on its own seeded RNG stream so a seed repeats them.
 *
 * @param throttleStorms windows (measured from the sandbox's creation on its clock) in which a
 *     fraction of calls fail THROTTLED ("Rate exceeded")
 * @param serviceErrorRate probability that a call fails SERVICE (an InternalServerException, 5xx)
 * @param failedOperationRate probability that an asynchronous operation ends FAILED
 * @param failureReason the FailureReason such an operation carries
 * @param slowOperationRate probability that an asynchronous operation is slow
 * @param slowFactor how many times its drawn latency a slow operation takes
 * @param operations the API operation names faults target (e.g. {@code CreateAccountAssignment});
 *     empty targets every sso-admin operation
 */
public record Faults(
    List<ThrottleStorm> throttleStorms,
    double serviceErrorRate,
    double failedOperationRate,
    String failureReason,
    double slowOperationRate,
    double slowFactor,
    Set<String> operations) {

  /** The reason an injected FAILED operation gives when none is configured. */
  public static final String DEFAULT_FAILURE_REASON =
      "Sandbox injected failure: the operation did not complete. Submit it again.";

  /** A window of {@code length} starting {@code start} after creation; {@code fraction} throttle. */
  public record ThrottleStorm(Duration start, Duration length, double fraction) {
    public ThrottleStorm {
      Objects.requireNonNull(start, "start");
      Objects.requireNonNull(length, "length");
      probability(fraction, "throttle storm fraction");
    }

    boolean covers(Duration sinceStart) {
      return sinceStart.compareTo(start) >= 0 && sinceStart.compareTo(start.plus(length)) < 0;
    }
  }

  public Faults {
    throttleStorms = List.copyOf(throttleStorms == null ? List.of() : throttleStorms);
    probability(serviceErrorRate, "service_error_rate");
    probability(failedOperationRate, "failed_operation_rate");
    failureReason = failureReason == null || failureReason.isBlank() ? DEFAULT_FAILURE_REASON : failureReason;
    probability(slowOperationRate, "slow_operation_rate");
    if (slowFactor < 1) {
      throw new IllegalArgumentException("slow_factor must be at least 1, got " + slowFactor);
    }
    operations = Set.copyOf(operations == null ? Set.of() : operations);
  }

  /** No faults at all. */
  public static Faults none() {
    return new Faults(List.of(), 0, 0, null, 0, 1, Set.of());
  }

  /** Whether faults apply to calls of this API operation. */
  boolean targets(String operation) {
    return operations.isEmpty() || operations.contains(operation);
  }

  private static void probability(double p, String name) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, got " + p);
    }
  }
}
