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
 * @param failFirstOperations the first this many targeted asynchronous submissions end FAILED with
 *     {@code failureReason}, whatever {@code failedOperationRate} says (a deterministic outage)
 * @param hiddenDescribes each request answers a targeted Describe*Status call with
 *     ResourceNotFoundException this many times before it is visible (eventual consistency)
 * @param createConflicts the first this many targeted CreatePermissionSet calls lose a race: a
 *     concurrent writer creates a set of that name first (AWS's default definition: no description,
 *     PT1H) and the call fails CONFLICT "PermissionSet with name … already exists"
 */
public record Faults(
    List<ThrottleStorm> throttleStorms,
    double serviceErrorRate,
    double failedOperationRate,
    String failureReason,
    double slowOperationRate,
    double slowFactor,
    Set<String> operations,
    int failFirstOperations,
    int hiddenDescribes,
    int createConflicts) {

  /** The reason an injected FAILED operation gives when none is configured. */
  public static final String DEFAULT_FAILURE_REASON =
      "Sandbox injected failure: the operation did not complete. Submit it again.";

  /**
   * A window of {@code length} starting {@code start} after creation; {@code fraction} throttle.
   */
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
    failureReason =
        failureReason == null || failureReason.isBlank() ? DEFAULT_FAILURE_REASON : failureReason;
    probability(slowOperationRate, "slow_operation_rate");
    if (slowFactor < 1) {
      throw new IllegalArgumentException("slow_factor must be at least 1, got " + slowFactor);
    }
    operations = Set.copyOf(operations == null ? Set.of() : operations);
    count(failFirstOperations, "fail_first_operations");
    count(hiddenDescribes, "hidden_describes");
    count(createConflicts, "create_conflicts");
  }

  /** No faults at all. */
  public static Faults none() {
    return new Faults(List.of(), 0, 0, null, 0, 1, Set.of(), 0, 0, 0);
  }

  /** Whether faults apply to calls of this API operation. */
  boolean targets(String operation) {
    return operations.isEmpty() || operations.contains(operation);
  }

  private static void count(int n, String name) {
    if (n < 0) {
      throw new IllegalArgumentException(name + " must be 0 or more, got " + n);
    }
  }

  private static void probability(double p, String name) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException(name + " must be between 0 and 1, got " + p);
    }
  }
}
