package dev.idcplane.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The console's server-side sessions in PostgreSQL ({@code console_session}), keyed by the SHA-256
 * of the session id the cookie carries. Blocking JDBC: call it from a worker thread, never the
 * event loop. Thread-safe.
 */
@ApplicationScoped
public class ConsoleSessionStore {
  private final Jdbc jdbc;

  public ConsoleSessionStore(AgroalDataSource dataSource) {
    this.jdbc = new Jdbc(dataSource, "console session");
  }

  /** The tokens of one session. */
  public record Tokens(
      String idToken,
      String accessToken,
      String refreshToken,
      Long accessTokenExpiresIn,
      String accessTokenScope) {}

  public void save(String id, Tokens t, Instant now, Instant expires) {
    jdbc.update(
        "insert into console_session (id_hash, id_token, access_token, refresh_token,"
            + " access_token_expires_in, access_token_scope, created_at, expires_at)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?)",
        ps ->
            Jdbc.set(
                ps,
                hash(id),
                t.idToken(),
                t.accessToken(),
                t.refreshToken(),
                t.accessTokenExpiresIn(),
                t.accessTokenScope(),
                Timestamp.from(now),
                Timestamp.from(expires)));
  }

  /** The session's tokens, unless there is no such session or it expired before {@code now}. */
  public Optional<Tokens> find(String id, Instant now) {
    AtomicReference<Tokens> found = new AtomicReference<>();
    jdbc.query(
        "select id_token, access_token, refresh_token, access_token_expires_in,"
            + " access_token_scope from console_session where id_hash = ? and expires_at > ?",
        ps -> Jdbc.set(ps, hash(id), Timestamp.from(now)),
        rs ->
            found.set(
                new Tokens(
                    rs.getString(1),
                    rs.getString(2),
                    rs.getString(3),
                    rs.getObject(4) == null ? null : rs.getLong(4),
                    rs.getString(5))));
    return Optional.ofNullable(found.get());
  }

  /** Ends one session; answers whether it existed. */
  public boolean delete(String id) {
    return jdbc.update(
            "delete from console_session where id_hash = ?", ps -> Jdbc.set(ps, hash(id)))
        > 0;
  }

  /** Deletes the sessions that expired before {@code now}; answers how many. */
  public int purge(Instant now) {
    return jdbc.update(
        "delete from console_session where expires_at <= ?",
        ps -> Jdbc.set(ps, Timestamp.from(now)));
  }

  static String hash(String id) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(id.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
