package dev.idcplane.persistence;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The matrices deployers pushed (V11 {@code matrix_push}): rows are only added, the newest is the
 * configured matrix of the {@code pushed} source. Joins the caller's transaction.
 */
@ApplicationScoped
public class MatrixPushStore {
  private final Jdbc jdbc;
  private final ObjectMapper json;

  public MatrixPushStore(AgroalDataSource dataSource, ObjectMapper json) {
    this.jdbc = new Jdbc(dataSource, "matrix push");
    this.json = json;
  }

  /** One pushed matrix. */
  public record Push(
      Map<String, String> files,
      String digest,
      String commit,
      String pushedBy,
      Instant pushedAt,
      UUID planId) {}

  /** Adds a push; it becomes the newest. */
  public void add(Push push) {
    String files;
    try {
      files = json.writeValueAsString(push.files());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise the pushed matrix", e);
    }
    jdbc.update(
        "insert into matrix_push (pushed_at, pushed_by, digest, commit, plan_id, files)"
            + " values (?, ?, ?, ?, ?, cast(? as jsonb))",
        ps -> {
          ps.setTimestamp(1, Timestamp.from(push.pushedAt()));
          ps.setString(2, push.pushedBy());
          ps.setString(3, push.digest());
          ps.setString(4, push.commit());
          if (push.planId() == null) {
            ps.setNull(5, Types.OTHER);
          } else {
            ps.setObject(5, push.planId());
          }
          ps.setString(6, files);
        });
  }

  /** The newest push, if any. */
  public Optional<Push> newest() {
    Push[] found = new Push[1];
    jdbc.query(
        "select files, digest, commit, pushed_by, pushed_at, plan_id from matrix_push"
            + " order by pushed_at desc, id desc limit 1",
        ps -> {},
        rs -> {
          Map<String, String> files;
          try {
            files = json.readValue(rs.getString(1), new TypeReference<>() {});
          } catch (JsonProcessingException e) {
            throw new IllegalStateException("a pushed matrix is unreadable", e);
          }
          found[0] =
              new Push(
                  files,
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  Jdbc.instant(rs, 5),
                  rs.getObject(6, UUID.class));
        });
    return Optional.ofNullable(found[0]);
  }
}
