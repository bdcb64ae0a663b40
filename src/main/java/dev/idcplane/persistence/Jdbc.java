package dev.idcplane.persistence;

import io.agroal.api.AgroalDataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;

/**
 * Plain JDBC for the stores whose SQL Panache does not express (advisory locks, cursors, batched
 * deletes). Each call takes a connection from the pool, which joins the caller's transaction. SQL
 * errors become {@link IllegalStateException}s prefixed with {@code what}.
 */
public final class Jdbc {
  private final AgroalDataSource dataSource;
  private final String what;

  public Jdbc(AgroalDataSource dataSource, String what) {
    this.dataSource = dataSource;
    this.what = what;
  }

  /** Binds a statement's parameters. */
  public interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** Takes one row. */
  public interface RowSink {
    void accept(ResultSet rs) throws SQLException;
  }

  public static void set(PreparedStatement ps, Object... values) throws SQLException {
    for (int i = 0; i < values.length; i++) {
      ps.setObject(i + 1, values[i]);
    }
  }

  public static Instant instant(ResultSet rs, int i) throws SQLException {
    Timestamp t = rs.getTimestamp(i);
    return t == null ? null : t.toInstant();
  }

  /** Runs {@code sql}; answers the update count (0 for a query). */
  public int update(String sql, Binder binder) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      ps.execute();
      return Math.max(ps.getUpdateCount(), 0);
    } catch (SQLException e) {
      throw new IllegalStateException(what + ": " + e.getMessage(), e);
    }
  }

  public void query(String sql, Binder binder, RowSink sink) {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      binder.bind(ps);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          sink.accept(rs);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(what + ": " + e.getMessage(), e);
    }
  }
}
