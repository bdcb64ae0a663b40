package dev.idcplane.identitycenter.sandbox;

import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.IdentityCenterException.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Random;

/**
 * Every simulated API call passes here: it is counted, and an sso-admin call is then held to the
 * shared request rate (a sliding one-second window on the clock) and exposed to injected throttle
 * storms and service errors. A call rejected for the rate does not enter the window (AWS's token
 * bucket does not spend a token on it); storm and 5xx faults strike admitted calls. Callers hold
 * the sandbox lock.
 */
final class CallGate {
  static final String RATE_EXCEEDED = "Rate exceeded";
  static final String INTERNAL_ERROR =
      "The request processing has failed because of an unknown error, exception, or failure with"
          + " an internal server.";

  private final Clock clock;
  private final Instant start;
  private final SandboxBehaviour behaviour;
  private final Random faultRng;
  private final CallCounter calls;
  private final Deque<Instant> window = new ArrayDeque<>();
  private int maxWindow;
  private long rateThrottles;
  private long stormThrottles;
  private long serviceErrors;

  CallGate(Clock clock, SandboxBehaviour behaviour, CallCounter calls) {
    this.clock = clock;
    this.start = clock.instant();
    this.behaviour = behaviour;
    this.faultRng = SandboxIds.rng(behaviour.seed(), "call-faults");
    this.calls = calls;
  }

  /** Counts one call of {@code op}; an sso-admin call may fail THROTTLED or SERVICE here. */
  void admit(String op, boolean ssoAdmin) {
    calls.add(op, 1);
    if (!ssoAdmin) {
      return;
    }
    Instant now = clock.instant();
    Instant horizon = now.minusSeconds(1);
    while (!window.isEmpty() && !window.peekFirst().isAfter(horizon)) {
      window.pollFirst();
    }
    int limit = behaviour.requestsPerSecond();
    if (limit > 0 && window.size() >= limit) {
      rateThrottles++;
      throw new IdentityCenterException(Kind.THROTTLED, op, RATE_EXCEEDED);
    }
    window.addLast(now);
    maxWindow = Math.max(maxWindow, window.size());
    injectFaults(op, now);
  }

  private void injectFaults(String op, Instant now) {
    Faults f = behaviour.faults();
    if (!f.targets(op)) {
      return;
    }
    Duration since = Duration.between(start, now);
    for (Faults.ThrottleStorm storm : f.throttleStorms()) {
      if (storm.covers(since)) {
        if (faultRng.nextDouble() < storm.fraction()) {
          stormThrottles++;
          throw new IdentityCenterException(Kind.THROTTLED, op, RATE_EXCEEDED);
        }
        break;
      }
    }
    if (f.serviceErrorRate() > 0 && faultRng.nextDouble() < f.serviceErrorRate()) {
      serviceErrors++;
      throw new IdentityCenterException(Kind.SERVICE, op, INTERNAL_ERROR);
    }
  }

  int maxRequestsInOneSecond() {
    return maxWindow;
  }

  long rateThrottles() {
    return rateThrottles;
  }

  long stormThrottles() {
    return stormThrottles;
  }

  long serviceErrors() {
    return serviceErrors;
  }
}
