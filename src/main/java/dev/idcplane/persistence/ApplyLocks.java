package dev.idcplane.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;

/**
 * One apply (or scan) at a time per Identity Center instance across every replica: a PostgreSQL
 * session-level advisory lock held on a dedicated connection for the run's whole life. If the
 * process dies, PostgreSQL drops the connection and with it the lock.
 */
@ApplicationScoped
public class ApplyLocks {
  private final AgroalDataSource dataSource;

  public ApplyLocks(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A held lock; closing it releases the lock and the connection. */
  public static final class Lease implements AutoCloseable {
    private final Connection connection;
    private final long key;

    private Lease(Connection connection, long key) {
      this.connection = connection;
      this.key = key;
    }

    @Override
    public void close() {
      try (connection;
          PreparedStatement ps = connection.prepareStatement("select pg_advisory_unlock(?)")) {
        ps.setLong(1, key);
        ps.execute();
      } catch (SQLException e) {
        // The connection is gone, and PostgreSQL released the lock with it.
      }
    }
  }

  /** The lock for this instance, or empty when another run holds it. */
  public Optional<Lease> tryLock(String instanceArn) {
    long key = keyOf(instanceArn);
    Connection c = null;
    try {
      c = dataSource.getConnection();
      c.setAutoCommit(true);
      try (PreparedStatement ps = c.prepareStatement("select pg_try_advisory_lock(?)")) {
        ps.setLong(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getBoolean(1)) {
            return Optional.of(new Lease(c, key));
          }
        }
      }
      c.close();
      return Optional.empty();
    } catch (SQLException e) {
      if (c != null) {
        try {
          c.close();
        } catch (SQLException ignored) {
          // already failing
        }
      }
      throw new IllegalStateException("cannot take the apply lock: " + e.getMessage(), e);
    }
  }

  static long keyOf(String instanceArn) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256")
          .digest(("idc-control-plane/apply/" + instanceArn).getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.wrap(d).getLong();
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
