package dev.idcplane.apply;

import static dev.idcplane.identitycenter.ApiService.SSO_ADMIN;

import dev.idcplane.identitycenter.ApiService;
import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.RequestPacer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;
import java.util.random.RandomGenerator;
import org.jboss.logging.Logger;

/**
 * Calls outside apply, paced on the shared {@link RequestPacer}: a read takes one token per attempt
 * and is retried when AWS throttled it, within {@link ReadRetry}; a write is paced and sent once.
 */
final class PacedCalls {
  private static final Logger LOG = Logger.getLogger(PacedCalls.class);
  private final RequestPacer pacer;
  private final ReadRetry retry;
  private final Backoff backoff;
  private final Clock clock;
  private final Sleeper sleeper;

  PacedCalls(
      RequestPacer pacer, ReadRetry retry, Clock clock, Sleeper sleeper, RandomGenerator random) {
    this.pacer = pacer;
    this.retry = retry;
    this.backoff = new Backoff(retry.backoffBase(), retry.backoffMax(), random);
    this.clock = clock;
    this.sleeper = sleeper;
  }

  <T> T read(ApiService service, String op, Supplier<T> call) {
    Instant start = clock.instant();
    for (int attempt = 1; ; attempt++) {
      pacer.acquireFor(service, op);
      try {
        return call.get();
      } catch (IdentityCenterException e) {
        if (e.kind() != IdentityCenterException.Kind.THROTTLED) {
          throw e;
        }
        Duration delay = backoff.delay(attempt);
        Duration spent = Duration.between(start, clock.instant());
        if (attempt >= retry.maxAttempts() || spent.plus(delay).compareTo(retry.maxElapsed()) > 0) {
          LOG.errorf(
              "%s: still throttled after %d attempts in %d ms, giving up: %s",
              op, attempt, spent.toMillis(), e.getMessage());
          throw e;
        }
        LOG.warnf("%s: throttled (attempt %d), retrying in %d ms", op, attempt, delay.toMillis());
        pause(op, delay);
      }
    }
  }

  private void pause(String op, Duration delay) {
    try {
      sleeper.sleep(delay);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IdentityCenterException(
          IdentityCenterException.Kind.TIMEOUT,
          op,
          "interrupted while backing off after throttling; the read was not retried");
    }
  }

  /** A write or submission: paced, sent once. */
  <T> T once(String op, Supplier<T> call) {
    pacer.acquireFor(SSO_ADMIN, op);
    return call.get();
  }

  void once(String op, Runnable call) {
    pacer.acquireFor(SSO_ADMIN, op);
    call.run();
  }
}
