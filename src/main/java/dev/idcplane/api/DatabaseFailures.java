package dev.idcplane.api;

import dev.idcplane.api.dto.ErrorBody;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.List;

/**
 * Recognises a failure caused by PostgreSQL being unreachable, whichever layer wrapped it (Agroal,
 * JDBC, Hibernate): SQLSTATE class 08 (connection exception) or 57P0x (server shutting down or not
 * accepting connections), a transient connection failure, or the pool's acquisition timeout. Those
 * are a 503 a client may retry, not a 500.
 */
final class DatabaseFailures {
  static final ErrorBody BODY =
      new ErrorBody("database_unavailable", "the database is unavailable; retry later", List.of());

  private DatabaseFailures() {}

  static boolean unavailable(Throwable e) {
    int depth = 0;
    for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
      if (t instanceof SQLTransientConnectionException) {
        return true;
      }
      if (t.getClass().getName().equals("org.hibernate.exception.JDBCConnectionException")) {
        return true;
      }
      if (t instanceof SQLException s) {
        String state = s.getSQLState();
        if (state != null && (state.startsWith("08") || state.startsWith("57P0"))) {
          return true;
        }
        String message = s.getMessage();
        if (message != null && message.contains("Acquisition timeout")) {
          return true;
        }
      }
    }
    return false;
  }
}
