package dev.idcplane.persistence;

import dev.idcplane.apply.Fence;
import dev.idcplane.apply.LeaseLostException;
import dev.idcplane.config.IdcConfig;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.jboss.logging.Logger;

/**
 * One apply (or scan) at a time per Identity Center instance across every replica: a lease row in
 * {@code apply_lease} with a fencing token. Taking it is one atomic statement that succeeds only
 * when the row is absent or expired (by the database's clock, so replicas' clocks do not matter),
 * and increments the token. A heartbeat renews it every third of {@code idc.apply.lease-ttl} while
 * holder and token still match; each renewal may use any pooled connection, so losing a connection
 * only costs that one renewal. The holder's {@link Lease#check()} (its {@link Fence}) fails once a
 * quarter of the TTL before the lease could expire without a renewal, counted from before the last
 * successful renewal was sent, or at once when a renewal finds the lease taken over. Thread-safe.
 */
@ApplicationScoped
public class ApplyLocks {
  private static final Logger LOG = Logger.getLogger(ApplyLocks.class);

  private final DataSource dataSource;
  private final Duration ttl;
  private final Clock clock;
  private final String replica;
  private final ScheduledExecutorService heartbeats =
      Executors.newScheduledThreadPool(
          2,
          r -> {
            Thread t = new Thread(r, "idc-lease-heartbeat");
            t.setDaemon(true);
            return t;
          });

  @Inject
  public ApplyLocks(AgroalDataSource dataSource, IdcConfig config, Clock clock) {
    this(dataSource, config.apply().leaseTtl(), clock);
  }

  /** Leases of {@code ttl} on {@code dataSource}; validity measured on {@code clock}. */
  public ApplyLocks(DataSource dataSource, Duration ttl, Clock clock) {
    if (ttl.toMillis() < 30) {
      throw new IllegalArgumentException("idc.apply.lease-ttl must be at least 30ms, got " + ttl);
    }
    this.dataSource = dataSource;
    this.ttl = ttl;
    this.clock = clock;
    // Not RuntimeMXBean.getName(): it resolves the host name, which can hang without DNS.
    this.replica =
        System.getenv().getOrDefault("HOSTNAME", "replica")
            + "/"
            + ProcessHandle.current().pid()
            + "/"
            + UUID.randomUUID().toString().substring(0, 8);
  }

  @PreDestroy
  void stop() {
    heartbeats.shutdownNow();
  }

  /** A held lease; the run's {@link Fence}. Closing it stops the heartbeat and releases it. */
  public final class Lease implements Fence, AutoCloseable {
    private final String instanceArn;
    private final String holder;
    private final long token;
    private volatile Instant validUntil;
    private volatile String lost;
    private volatile ScheduledFuture<?> heartbeat;

    private Lease(String instanceArn, String holder, long token, Instant sent) {
      this.instanceArn = instanceArn;
      this.holder = holder;
      this.token = token;
      this.validUntil = validFrom(sent);
    }

    /** The fencing token: larger than that of every earlier holder of this instance. */
    public long token() {
      return token;
    }

    public String holder() {
      return holder;
    }

    /** No I/O: compares the clock with what the last renewal established. */
    @Override
    public void check() {
      String why = lost;
      if (why == null && !clock.instant().isBefore(validUntil)) {
        why =
            "it was not renewed since "
                + validUntil.minus(validity())
                + " (idc.apply.lease-ttl "
                + ttl
                + "); is the database reachable?";
      }
      if (why != null) {
        throw new LeaseLostException(
            "lost the apply lease of "
                + instanceArn
                + " (token "
                + token
                + "): "
                + why
                + ". Writes stopped; the run resumes at the next apply, start or resume sweep");
      }
    }

    /**
     * One renewal now, as the heartbeat does: true when the row still names this holder and token
     * (valid for another TTL minus the margin, from when the statement was sent), false when it
     * could not be reached (tried on two connections) or was taken over (then lost for good).
     */
    public synchronized boolean renew() {
      if (lost != null) {
        return false;
      }
      for (int attempt = 1; attempt <= 2; attempt++) {
        Instant sent = clock.instant();
        try {
          if (renewRow(instanceArn, holder, token, ttl)) {
            validUntil = validFrom(sent);
            return true;
          }
          lost = "another holder has taken it over";
          LOG.warnf("apply lease of %s (token %d): %s", instanceArn, token, lost);
          cancelHeartbeat();
          return false;
        } catch (SQLException e) {
          // A dead connection is dropped by the pool; the second attempt gets another one.
          LOG.warnf(
              "renewing the apply lease of %s failed (attempt %d): %s",
              instanceArn, attempt, e.getMessage());
        }
      }
      return false;
    }

    @Override
    public void close() {
      cancelHeartbeat();
      try {
        releaseRow(instanceArn, holder, token);
      } catch (SQLException e) {
        LOG.warnf(
            "releasing the apply lease of %s failed (%s); it expires within %s",
            instanceArn, e.getMessage(), ttl);
      }
    }

    private void cancelHeartbeat() {
      ScheduledFuture<?> h = heartbeat;
      if (h != null) {
        h.cancel(false);
      }
    }

    private void beat() {
      try {
        renew();
      } catch (RuntimeException e) {
        LOG.errorf(e, "apply lease heartbeat of %s failed", instanceArn);
      }
    }
  }

  /** The lease for this instance, or empty while another holder's lease runs. */
  public Optional<Lease> tryLock(String instanceArn) {
    return tryLock(instanceArn, "lock");
  }

  /** As {@link #tryLock(String)}, naming what holds it (e.g. "run &lt;id&gt;") in the row. */
  public Optional<Lease> tryLock(String instanceArn, String purpose) {
    String holder = replica + " " + purpose;
    Instant sent = clock.instant();
    OptionalLong token;
    try {
      token = acquireRow(instanceArn, holder, ttl);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "cannot take the apply lease of "
              + instanceArn
              + ": "
              + e.getMessage()
              + "; check the database connection",
          e);
    }
    if (token.isEmpty()) {
      return Optional.empty();
    }
    Lease lease = new Lease(instanceArn, holder, token.getAsLong(), sent);
    long every = Math.max(1, ttl.toMillis() / 3);
    lease.heartbeat =
        heartbeats.scheduleWithFixedDelay(lease::beat, every, every, TimeUnit.MILLISECONDS);
    return Optional.of(lease);
  }

  /**
   * What holds the instance's unexpired lease, if anything: the purpose given to {@link
   * #tryLock(String, String)}, e.g. "run &lt;id&gt;" (for a busy answer).
   */
  public Optional<String> holder(String instanceArn) {
    try (Connection c = connection();
        PreparedStatement ps =
            c.prepareStatement(
                "select holder from apply_lease"
                    + " where instance_arn = ? and expires_at > clock_timestamp()")) {
      ps.setString(1, instanceArn);
      ps.setQueryTimeout(timeoutSeconds());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return Optional.empty();
        }
        String holder = rs.getString(1);
        return Optional.of(holder.substring(holder.indexOf(' ') + 1));
      }
    } catch (SQLException e) {
      LOG.warnf("cannot read the apply lease of %s: %s", instanceArn, e.getMessage());
      return Optional.empty();
    }
  }

  private Duration validity() {
    return ttl.minus(ttl.dividedBy(4));
  }

  private Instant validFrom(Instant sent) {
    return sent.plus(validity());
  }

  /** Takes the row if absent or expired: the new token, or empty while another holds it. */
  OptionalLong acquireRow(String instanceArn, String holder, Duration ttl) throws SQLException {
    try (Connection c = connection();
        PreparedStatement ps =
            c.prepareStatement(
                """
            insert into apply_lease (instance_arn, holder, token, acquired_at, expires_at)
            values (?, ?, 1, clock_timestamp(), clock_timestamp() + ? * interval '1 millisecond')
            on conflict (instance_arn) do update
              set holder = excluded.holder, token = apply_lease.token + 1,
                  acquired_at = excluded.acquired_at, expires_at = excluded.expires_at
              where apply_lease.expires_at <= clock_timestamp()
            returning token""")) {
      ps.setString(1, instanceArn);
      ps.setString(2, holder);
      ps.setLong(3, ttl.toMillis());
      ps.setQueryTimeout(timeoutSeconds());
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? OptionalLong.of(rs.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  /** Extends the row by {@code ttl} from now if holder and token still match. */
  boolean renewRow(String instanceArn, String holder, long token, Duration ttl)
      throws SQLException {
    try (Connection c = connection();
        PreparedStatement ps =
            c.prepareStatement(
                """
            update apply_lease
               set expires_at = clock_timestamp() + ? * interval '1 millisecond'
             where instance_arn = ? and holder = ? and token = ?""")) {
      ps.setLong(1, ttl.toMillis());
      ps.setString(2, instanceArn);
      ps.setString(3, holder);
      ps.setLong(4, token);
      ps.setQueryTimeout(timeoutSeconds());
      return ps.executeUpdate() == 1;
    }
  }

  /** Ends the row now (kept, so the next token is larger) if holder and token still match. */
  void releaseRow(String instanceArn, String holder, long token) throws SQLException {
    try (Connection c = connection();
        PreparedStatement ps =
            c.prepareStatement(
                """
            update apply_lease set expires_at = clock_timestamp()
             where instance_arn = ? and holder = ? and token = ?""")) {
      ps.setString(1, instanceArn);
      ps.setString(2, holder);
      ps.setLong(3, token);
      ps.setQueryTimeout(timeoutSeconds());
      ps.executeUpdate();
    }
  }

  private Connection connection() throws SQLException {
    Connection c = dataSource.getConnection();
    try {
      c.setAutoCommit(true);
      return c;
    } catch (SQLException e) {
      c.close();
      throw e;
    }
  }

  private int timeoutSeconds() {
    return (int) Math.max(1, ttl.toSeconds() / 4);
  }
}
