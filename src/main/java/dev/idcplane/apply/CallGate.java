package dev.idcplane.apply;

import dev.idcplane.identitycenter.DefinitionReader;
import dev.idcplane.identitycenter.IdentityCenterException;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * Every sso-admin call of a run passes here: it takes a token from the shared rate limiter, and
 * retries throttling, conflict, 5xx and timeouts with full-jitter backoff up to the configured
 * attempts. Terminal errors (access denied, validation, not found) are thrown at once.
 */
final class CallGate implements DefinitionReader.Calls, AppExecutor.Calls {
  private static final Logger LOG = Logger.getLogger(CallGate.class);
  private final RateLimiter limiter;
  private final Backoff backoff;
  private final Sleeper sleeper;
  private final int maxAttempts;
  private final RunCounters counters;

  CallGate(
      RateLimiter limiter,
      Backoff backoff,
      Sleeper sleeper,
      int maxAttempts,
      RunCounters counters) {
    this.limiter = limiter;
    this.backoff = backoff;
    this.sleeper = sleeper;
    this.maxAttempts = maxAttempts;
    this.counters = counters;
  }

  /** One call, no retry: the caller decides (async submissions, application changes). */
  @Override
  public <T> T once(Supplier<T> call) throws InterruptedException {
    limiter.acquire();
    counters.call();
    return call.get();
  }

  @Override
  public <T> T call(String operation, Supplier<T> call) throws InterruptedException {
    return retrying(operation, call);
  }

  /** One call with retries for retryable failures. */
  <T> T retrying(String what, Supplier<T> call) throws InterruptedException {
    return retrying(what, call, null);
  }

  /**
   * As {@link #retrying(String, Supplier)}, but a failure of kind {@code noRetry} is thrown at
   * once.
   */
  <T> T retrying(String what, Supplier<T> call, IdentityCenterException.Kind noRetry)
      throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      try {
        return once(call);
      } catch (IdentityCenterException e) {
        if (!e.retryable() || e.kind() == noRetry || attempt >= maxAttempts) {
          if (e.retryable() && e.kind() != noRetry) {
            LOG.errorf("%s: giving up after %d attempts: %s", what, attempt, e.getMessage());
          }
          throw e;
        }
        counters.retry(e.kind());
        LOG.warnf("%s: attempt %d failed (%s), retrying", what, attempt, e.getMessage());
        sleeper.sleep(backoff.delay(attempt));
      }
    }
  }

  void run(String what, Runnable call) throws InterruptedException {
    retrying(
        what,
        () -> {
          call.run();
          return null;
        });
  }

  @Override
  public int maxAttempts() {
    return maxAttempts;
  }

  @Override
  public void pause(int attempt) throws InterruptedException {
    sleeper.sleep(backoff.delay(attempt));
  }
}
