package dev.idcplane.support;

import dev.idcplane.drift.DriftStore;
import dev.idcplane.drift.Resolution;
import dev.idcplane.persistence.PlanRepository;
import dev.idcplane.plan.DriftFinding;
import dev.idcplane.plan.DriftKind;
import dev.idcplane.plan.Plan;
import dev.idcplane.plan.PlanSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Drift history written behind the application's back, at chosen times, through the real store (so
 * occurrences link to earlier ones as the recorder's do), and read back with plain SQL.
 */
public final class DriftRows {
  private final PlanRepository plans;
  private final DriftStore store;
  private final DataSource db;

  public DriftRows(PlanRepository plans, DriftStore store, DataSource db) {
    this.plans = plans;
    this.store = store;
    this.db = db;
  }

  /** Stores an empty configured-matrix plan of {@code instanceArn} made at {@code at}. */
  public DriftStore.PlanRef plan(String instanceArn, Instant at) {
    var plan =
        new Plan(
            new PlanSource("rows-digest", null, instanceArn, at),
            List.of(),
            List.of(),
            List.of(),
            0);
    var made = new PlanRepository.Made(UUID.randomUUID(), at, "test-rows", null, "configured");
    plans.store(made, plan, "{}", "", null);
    return new DriftStore.PlanRef(made.id(), at, "test-rows", instanceArn, "rows-digest", null);
  }

  /** Opens an occurrence of {@code key} seen first by a plan at {@code at}. */
  public UUID open(String instanceArn, DriftKind kind, String key, Instant at) {
    var finding =
        new DriftFinding(
            kind, key, "RowsSet", null, null, null, null, null, "rows", false, java.util.List.of());
    return store.insert(plan(instanceArn, at), finding, null);
  }

  /** Resolves occurrence {@code id} by a plan at {@code at}. */
  public void resolve(UUID id, String instanceArn, Instant at) {
    store.resolve(id, plan(instanceArn, at), Resolution.outside("test-rows"));
  }

  /** Open occurrences by kind name, counted by SQL. */
  public Map<String, Long> openCounts() {
    Map<String, Long> counts = new HashMap<>();
    query(
        "select kind, count(*) from drift_finding where resolved_at is null group by kind",
        rs -> counts.put(rs.getString(1), rs.getLong(2)));
    return counts;
  }

  /** The single number {@code sql} selects. */
  public long count(String sql, Object... params) {
    long[] n = new long[1];
    query(sql, rs -> n[0] = rs.getLong(1), params);
    return n[0];
  }

  /** The single uuid (or null) {@code sql} selects. */
  public UUID uuid(String sql, Object... params) {
    UUID[] id = new UUID[1];
    query(sql, rs -> id[0] = rs.getObject(1, UUID.class), params);
    return id[0];
  }

  /** Runs an update statement; returns the rows changed. */
  public int update(String sql, Object... params) {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      return ps.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Deletes every occurrence and plan of {@code instanceArn}. */
  public void forget(String instanceArn) {
    update("delete from drift_finding where instance_arn = ?", instanceArn);
    update("delete from plan where instance_arn = ?", instanceArn);
  }

  private interface Row {
    void accept(ResultSet rs) throws SQLException;
  }

  private void query(String sql, Row row, Object... params) {
    try (Connection c = db.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      bind(ps, params);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          row.accept(rs);
        }
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void bind(PreparedStatement ps, Object... params) throws SQLException {
    for (int i = 0; i < params.length; i++) {
      ps.setObject(i + 1, params[i]);
    }
  }
}
