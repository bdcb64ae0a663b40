package dev.idcplane.apply;

import dev.idcplane.identitycenter.ApiService;
import dev.idcplane.identitycenter.RequestPacer;
import java.time.Clock;
import java.util.EnumMap;
import java.util.Map;

/**
 * One request budget per AWS service for the whole process, shared by plans, scans, access reports
 * and apply: AWS's rate quotas are per account and Region, so every caller must draw from the same
 * budget or together they exceed it. Thread-safe.
 */
public final class RequestBudgets implements RequestPacer {
  private final Map<ApiService, RateLimiter> limiters = new EnumMap<>(ApiService.class);

  /** Requests per second of each service; each must be positive. */
  public RequestBudgets(
      double ssoAdmin, double identityStore, double organizations, Clock clock, Sleeper sleeper) {
    limiters.put(ApiService.SSO_ADMIN, new RateLimiter(ssoAdmin, clock, sleeper));
    limiters.put(ApiService.IDENTITY_STORE, new RateLimiter(identityStore, clock, sleeper));
    limiters.put(ApiService.ORGANIZATIONS, new RateLimiter(organizations, clock, sleeper));
  }

  /** The budget of {@code service}; apply's call gate takes its sso-admin tokens from it. */
  public RateLimiter limiter(ApiService service) {
    return limiters.get(service);
  }

  @Override
  public void acquire(ApiService service) throws InterruptedException {
    limiters.get(service).acquire();
  }
}
