package dev.idcplane.persistence;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idcplane.apply.LeaseLostException;
import dev.idcplane.support.Eventually;
import dev.idcplane.support.MutableClock;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.UUID;
import javax.sql.DataSource;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.ds.PGSimpleDataSource;

/**
 * The instance lease on the real PostgreSQL with the real migration. Each test uses an instance ARN
 * of its own. Leases are made with a one-hour TTL so their heartbeat never fires during a test:
 * renewals are called by hand and local validity runs on a clock the test moves.
 */
@QuarkusTest
class ApplyLocksTest {
  private static final Duration HOUR = Duration.ofHours(1);

  @Inject AgroalDataSource dataSource;

  @ConfigProperty(name = "quarkus.datasource.jdbc.url")
  String url;

  @ConfigProperty(name = "quarkus.datasource.username")
  String user;

  private final MutableClock clock = MutableClock.at("2025-01-01T00:00:00Z");

  ApplyLocks locks() {
    return new ApplyLocks(dataSource, HOUR, clock);
  }

  static String instance() {
    return "arn:aws:sso:::instance/ssoins-" + UUID.randomUUID().toString().substring(0, 16);
  }

  @Test
  void onlyOneHolderAtATimeAndEveryAcquisitionIncrementsTheToken() {
    ApplyLocks replicaA = locks();
    ApplyLocks replicaB = locks();
    String arn = instance();
    ApplyLocks.Lease first = replicaA.tryLock(arn, "run 1").orElseThrow();
    assertThat(replicaB.tryLock(arn, "run 2")).isEmpty();
    assertThat(replicaB.holder(arn)).as("what a busy answer names").contains("run 1");
    assertThat(replicaA.tryLock(arn, "run 3")).as("the same replica is refused too").isEmpty();
    first.check();
    first.close();

    ApplyLocks.Lease second = replicaB.tryLock(arn, "run 2").orElseThrow();
    assertThat(second.token()).isEqualTo(first.token() + 1);
    assertThat(second.holder()).endsWith(" run 2");
    second.close();
    assertThat(replicaA.holder(arn)).as("released").isEmpty();
  }

  @Test
  void anExpiredLeaseIsTakenOverWithANewTokenAndTheStaleHoldersRenewalFails() throws Exception {
    ApplyLocks locks = locks();
    String arn = instance();
    long stale = locks.acquireRow(arn, "replica-a run 1", Duration.ofMillis(50)).orElseThrow();
    assertThat(locks.renewRow(arn, "replica-a run 1", stale, Duration.ofMillis(50))).isTrue();

    long taken =
        Eventually.await(
            "the lease has expired and is taken over",
            Duration.ofSeconds(10),
            () -> optional(locks, arn, "replica-b run 2"));
    assertThat(taken).isEqualTo(stale + 1);
    assertThat(locks.renewRow(arn, "replica-a run 1", stale, HOUR))
        .as("the stale holder's renewal")
        .isFalse();
    assertThat(locks.renewRow(arn, "replica-b run 2", stale, HOUR))
        .as("the right holder with the old token")
        .isFalse();
    assertThat(locks.renewRow(arn, "replica-b run 2", taken, HOUR)).isTrue();
    assertThat(locks.acquireRow(arn, "replica-a run 1", HOUR)).isEmpty();
  }

  private static Optional<Long> optional(ApplyLocks locks, String arn, String holder) {
    try {
      OptionalLong t = locks.acquireRow(arn, holder, HOUR);
      return t.isPresent() ? Optional.of(t.getAsLong()) : Optional.empty();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void theCheckFailsOnceTheLeaseWasNotRenewedInTimeAndPassesAgainAfterARenewal() {
    ApplyLocks.Lease lease = locks().tryLock(instance(), "run 1").orElseThrow();
    clock.advance(Duration.ofMinutes(44)); // valid for 3/4 of the TTL from before the acquisition
    lease.check();
    clock.advance(Duration.ofMinutes(1));
    assertThatThrownBy(lease::check)
        .isInstanceOf(LeaseLostException.class)
        .hasMessageContaining("was not renewed since 2025-01-01T00:00:00Z")
        .hasMessageContaining("resumes at the next apply");

    assertThat(lease.renew()).isTrue();
    lease.check();
    clock.advance(Duration.ofMinutes(45));
    assertThatThrownBy(lease::check).isInstanceOf(LeaseLostException.class);
    lease.close();
  }

  @Test
  void aRenewalThatFindsTheLeaseTakenOverFailsTheCheckForGood() throws Exception {
    String arn = instance();
    ApplyLocks.Lease lease = locks().tryLock(arn, "run 1").orElseThrow();
    expireNow(arn);
    ApplyLocks.Lease other = locks().tryLock(arn, "run 2").orElseThrow();
    assertThat(other.token()).isGreaterThan(lease.token());

    lease.check(); // locally still valid: nothing has told it yet
    assertThat(lease.renew()).isFalse();
    assertThatThrownBy(lease::check)
        .isInstanceOf(LeaseLostException.class)
        .hasMessageContaining("another holder has taken it over");
    assertThat(lease.renew()).as("lost for good").isFalse();

    lease.close(); // releasing a lease it lost leaves the new holder's alone
    assertThat(locks().tryLock(arn, "run 3")).isEmpty();
    other.check();
    other.close();
  }

  private void expireNow(String arn) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "update apply_lease set expires_at = clock_timestamp() - interval '1 second'"
                    + " where instance_arn = ?")) {
      ps.setString(1, arn);
      assertThat(ps.executeUpdate()).isEqualTo(1);
    }
  }

  /**
   * A renewal whose pooled connection has died (its backend terminated, as in a failover) tries
   * again on the next connection: the lease belongs to no connection. The pool is stood in for by a
   * data source whose first connection is one whose backend the test terminated.
   */
  @Test
  void aRenewalOnADeadConnectionIsMadeOnTheNextOne() throws Exception {
    PGSimpleDataSource direct = new PGSimpleDataSource();
    direct.setUrl(url);
    direct.setUser(user);
    Connection dead = direct.getConnection();
    try (Connection c = direct.getConnection();
        PreparedStatement ps = c.prepareStatement("select pg_terminate_backend(?)")) {
      ps.setInt(1, dead.unwrap(PGConnection.class).getBackendPID());
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        assertThat(rs.getBoolean(1)).isTrue();
      }
    }
    Deque<Connection> handOut = new ArrayDeque<>();
    DataSource deadFirst =
        (DataSource)
            Proxy.newProxyInstance(
                getClass().getClassLoader(),
                new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                  if (method.getName().equals("getConnection")) {
                    return handOut.isEmpty() ? direct.getConnection() : handOut.pop();
                  }
                  throw new UnsupportedOperationException(method.getName());
                });
    String arn = instance();
    ApplyLocks.Lease lease =
        new ApplyLocks(deadFirst, HOUR, clock).tryLock(arn, "run 1").orElseThrow();
    handOut.push(dead);
    clock.advance(Duration.ofMinutes(40));

    assertThat(lease.renew()).as("renewed on the second connection").isTrue();
    assertThat(handOut).as("the dead connection was tried").isEmpty();
    clock.advance(Duration.ofMinutes(40));
    lease.check(); // valid from the renewal, not from the acquisition
    assertThat(locks().tryLock(arn, "run 2")).as("still held").isEmpty();
    lease.close();
    assertThat(locks().tryLock(arn, "run 2")).isPresent();
  }
}
