package dev.idcplane.persistence;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
  private final AgroalDataSource dataSource;

  public DriftRetentionStore(AgroalDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Instances having occurrences resolved before {@code cutoff}. */
  public List<String> instancesResolvedBefore(Instant cutoff) {
    String sql = "select distinct instance_arn from drift_finding"
        + " where resolved_at is not null and resolved_at < ?";
    List<String> arns = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setTimestamp(1, Timestamp.from(cutoff));
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          arns.add(rs.getString(1));
        }
      }
      return arns;
    } catch (SQLException e) {
      throw new IllegalStateException("drift retention: " + e.getMessage(), e);
    }
  }

  /** Deletes at most {@code limit} occurrences of the instance resolved before {@code cutoff}. */
  public int deleteResolvedBefore(String instanceArn, Instant cutoff, int limit) {
    String sql = "delete from drift_finding where id in (select id from drift_finding"
        + " where instance_arn = ? and resolved_at is not null and resolved_at < ? limit ?)";
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, instanceArn);
      ps.setTimestamp(2, Timestamp.from(cutoff));
      ps.setInt(3, limit);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException("drift retention: " + e.getMessage(), e);
    }
  }
}
