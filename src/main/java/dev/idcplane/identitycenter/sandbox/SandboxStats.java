package dev.idcplane.identitycenter.sandbox;

import java.util.Map;

/**
 * What the sandbox saw, for tests to assert that a client stayed within AWS's limits and that
 * injected faults happened. A snapshot: later calls do not change it.
 *
 * @param maxOutstandingOperations most asynchronous operations IN_PROGRESS at once
 * @param maxConcurrentProvisioning most ProvisionPermissionSet operations IN_PROGRESS at once
 * @param maxRequestsInOneSecond most sso-admin calls admitted within any one-second window
 * @param operationsSubmitted asynchronous operations accepted
 * @param rateThrottles calls rejected THROTTLED for exceeding the request rate
 * @param outstandingCapRejections submissions rejected THROTTLED at the outstanding-operation cap
 * @param provisioningConflicts ProvisionPermissionSet calls rejected CONFLICT at the provisioning
 *     cap
 * @param stormThrottles calls failed THROTTLED by an injected throttle storm
 * @param serviceErrors calls failed SERVICE by injection
 * @param failedOperations operations made to end FAILED by injection
 * @param slowOperations operations made slow by injection
 * @param callCounts simulated API calls per operation name (as {@code callCounts()})
 */
public record SandboxStats(
    int maxOutstandingOperations,
    int maxConcurrentProvisioning,
    int maxRequestsInOneSecond,
    long operationsSubmitted,
    long rateThrottles,
    long outstandingCapRejections,
    long provisioningConflicts,
    long stormThrottles,
    long serviceErrors,
    long failedOperations,
    long slowOperations,
    Map<String, Long> callCounts) {

  public SandboxStats {
    callCounts = Map.copyOf(callCounts);
  }

  /** Every THROTTLED answer: rate, cap and storm. */
  public long throttles() {
    return rateThrottles + outstandingCapRejections + stormThrottles;
  }

  /** Every injected fault: storm throttles, service errors, FAILED and slow operations. */
  public long faultsInjected() {
    return stormThrottles + serviceErrors + failedOperations + slowOperations;
  }
}
