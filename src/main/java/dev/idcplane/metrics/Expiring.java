package dev.idcplane.metrics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.jboss.logging.Logger;

/**
 * A value loaded at most once per {@code ttl} (on {@code clock}), so that every gauge of a scrape,
 * and every scrape within the ttl, share one database read. Concurrent callers wait for one load
 * rather than each querying. A failed load is remembered as unknown (empty) for the ttl too.
 * Thread-safe.
 */
public final class Expiring<T> {
  private static final Logger LOG = Logger.getLogger(Expiring.class);

  private final Clock clock;
  private final Duration ttl;
  private final Supplier<T> loader;
  private Optional<T> value = Optional.empty();
  private Instant loadedAt;

  public Expiring(Clock clock, Duration ttl, Supplier<T> loader) {
    this.clock = clock;
    this.ttl = ttl;
    this.loader = loader;
  }

  /** The value, loaded again when older than the ttl; empty when the last load failed. */
  public synchronized Optional<T> get() {
    Instant now = clock.instant();
    if (loadedAt == null || !now.isBefore(loadedAt.plus(ttl))) {
      try {
        value = Optional.of(loader.get());
      } catch (RuntimeException e) {
        LOG.warnf("metrics: cannot read from the database: %s", e.getMessage());
        value = Optional.empty();
      }
      loadedAt = now;
    }
    return value;
  }
}
