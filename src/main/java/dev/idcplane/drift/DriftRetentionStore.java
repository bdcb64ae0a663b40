package dev.idcplane.drift;

import dev.idcplane.persistence.Jdbc;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Deletes old resolved drift history through plain JDBC. Open occurrences are never touched.
 * Deleting an occurrence deletes its sightings and clears {@code previous_occurrence_id} of a later
 * occurrence that links to it (V7). Callers hold the transaction.
 */
@ApplicationScoped
public class DriftRetentionStore {
  private final Jdbc jdbc;

  public DriftRetentionStore(AgroalDataSource dataSource) {
    this.jdbc = new Jdbc(dataSource, "drift retention");
  }

  /** Instances having occurrences resolved before {@code cutoff}. */
  public List<String> instancesResolvedBefore(Instant cutoff) {
    List<String> arns = new ArrayList<>();
    jdbc.query(
        "select distinct instance_arn from drift_finding"
            + " where resolved_at is not null and resolved_at < ?",
        ps -> ps.setTimestamp(1, Timestamp.from(cutoff)),
        rs -> arns.add(rs.getString(1)));
    return arns;
  }

  /** Deletes at most {@code limit} occurrences of the instance resolved before {@code cutoff}. */
  public int deleteResolvedBefore(String instanceArn, Instant cutoff, int limit) {
    return jdbc.update(
        "delete from drift_finding where id in (select id from drift_finding"
            + " where instance_arn = ? and resolved_at is not null and resolved_at < ? limit ?)",
        ps -> Jdbc.set(ps, instanceArn, Timestamp.from(cutoff), limit));
  }
}
