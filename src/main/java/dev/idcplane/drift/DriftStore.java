package dev.idcplane.drift;

import static dev.idcplane.persistence.Jdbc.instant;
import static dev.idcplane.persistence.Jdbc.set;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.drift.ResolutionAttributor.RunTouch;
import dev.idcplane.persistence.Jdbc;
import dev.idcplane.plan.DriftFinding;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * Drift history in PostgreSQL through plain JDBC: the recorder's upserts need a per-instance lock
 * and the export a server-side cursor, neither of which Panache gives. Callers hold the transaction
 * (the connection joins it).
 */
@ApplicationScoped
public class DriftStore {
  private static final String COLUMNS =
      "f.id, f.instance_arn, f.finding_key, f.kind, f.permission_set, f.account_id, f.account_name,"
          + " f.account_path,"
          + " f.principal_type, f.principal_id, f.principal_name, f.detail, f.first_seen,"
          + " f.last_seen, (select count(*) from drift_sighting s where s.finding_id = f.id),"
          + " f.first_plan_id, f.last_plan_id, f.last_matrix_digest, f.last_matrix_commit,"
          + " f.resolved_at, f.resolution, f.resolved_by, f.resolved_run_id, f.resolved_plan_id,"
          + " f.resolved_matrix_digest, f.resolved_matrix_commit, f.previous_occurrence_id,"
          + " f.fields";

  private final AgroalDataSource dataSource;
  private final Jdbc jdbc;
  private final FieldsJson fieldsJson;

  public DriftStore(AgroalDataSource dataSource, ObjectMapper json) {
    this.dataSource = dataSource;
    this.jdbc = new Jdbc(dataSource, "drift store");
    this.fieldsJson = new FieldsJson(json);
  }

  /** An open occurrence: its id and what attribution needs. */
  public record Open(UUID id, String key, Instant lastSeen, String matrixDigest) {}

  /** The plan being recorded. */
  public record PlanRef(
      UUID id, Instant at, String createdBy, String instanceArn, String digest, String commit) {}

  /** Serialises recorders of one instance until the transaction ends. */
  public void lockInstance(String instanceArn) {
    jdbc.update(
        "select pg_advisory_xact_lock(hashtextextended('drift:' || ?, 0))",
        ps -> set(ps, instanceArn));
  }

  public Map<String, Open> open(String instanceArn) {
    Map<String, Open> open = new HashMap<>();
    jdbc.query(
        "select id, finding_key, last_seen, last_matrix_digest from drift_finding"
            + " where instance_arn = ? and resolved_at is null",
        ps -> set(ps, instanceArn),
        rs ->
            open.put(
                rs.getString(2),
                new Open(
                    rs.getObject(1, UUID.class),
                    rs.getString(2),
                    instant(rs, 3),
                    rs.getString(4))));
    return open;
  }

  public void seen(UUID id, PlanRef plan, DriftFinding f, String accountPath) {
    jdbc.update(
        "update drift_finding set last_seen = ?, last_plan_id = ?, last_matrix_digest = ?,"
            + " last_matrix_commit = ?, detail = ?, account_name = coalesce(?, account_name),"
            + " account_path = coalesce(?, account_path),"
            + " principal_name = coalesce(?, principal_name), fields = ?::jsonb where id = ?",
        ps ->
            set(
                ps,
                Timestamp.from(plan.at()),
                plan.id(),
                plan.digest(),
                plan.commit(),
                f.detail(),
                f.accountName(),
                accountPath,
                f.principalName(),
                fieldsJson.write(f.fields()),
                id));
    sighting(id, plan.id(), f);
  }

  public UUID insert(PlanRef plan, DriftFinding f, String accountPath) {
    UUID id = UUID.randomUUID();
    UUID previous = latestResolved(plan.instanceArn(), f.key()).orElse(null);
    jdbc.update(
        "insert into drift_finding (id, instance_arn, finding_key, kind, permission_set,"
            + " account_id, account_name, account_path, principal_type, principal_id, principal_name, detail,"
            + " first_seen, last_seen, first_plan_id, last_plan_id, last_matrix_digest,"
            + " last_matrix_commit, previous_occurrence_id, fields)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb)",
        ps ->
            set(
                ps,
                id,
                plan.instanceArn(),
                f.key(),
                f.kind().name(),
                f.permissionSetName(),
                f.accountId(),
                f.accountName(),
                accountPath,
                f.principalType() == null ? null : f.principalType().name(),
                f.principalId(),
                f.principalName(),
                f.detail(),
                Timestamp.from(plan.at()),
                Timestamp.from(plan.at()),
                plan.id(),
                plan.id(),
                plan.digest(),
                plan.commit(),
                previous,
                fieldsJson.write(f.fields())));
    sighting(id, plan.id(), f);
    return id;
  }

  public void resolve(UUID id, PlanRef plan, Resolution r) {
    jdbc.update(
        "update drift_finding set resolved_at = ?, resolution = ?, resolved_by = ?,"
            + " resolved_run_id = ?, resolved_plan_id = ?, resolved_matrix_digest = ?,"
            + " resolved_matrix_commit = ? where id = ?",
        ps ->
            set(
                ps,
                Timestamp.from(plan.at()),
                r.cause().name(),
                r.resolvedBy(),
                r.runId(),
                plan.id(),
                plan.digest(),
                plan.commit(),
                id));
  }

  /**
   * Successful operations of SUCCEEDED/PARTIAL runs of the instance finished at or after {@code
   * since}.
   */
  public List<RunTouch> touchesSince(String instanceArn, Instant since) {
    List<RunTouch> touches = new ArrayList<>();
    jdbc.query(
        "select r.id, r.started_by, r.finished_at, o.change_key from run r"
            + " join run_operation o on o.run_id = r.id"
            + " where r.instance_arn = ? and r.status in ('SUCCEEDED', 'PARTIAL')"
            + " and o.outcome = 'SUCCEEDED' and r.finished_at >= ?",
        ps -> set(ps, instanceArn, Timestamp.from(since)),
        rs ->
            touches.add(
                new RunTouch(
                    rs.getObject(1, UUID.class),
                    rs.getString(2),
                    instant(rs, 3),
                    rs.getString(4))));
    return touches;
  }

  /**
   * Occurrences matching {@code filter} after {@code cursor}, in listing order, at most {@code
   * limit}.
   */
  public List<FindingRow> page(DriftFilter filter, Optional<DriftFilter.Cursor> cursor, int limit) {
    List<FindingRow> rows = new ArrayList<>();
    List<Object> params = new ArrayList<>();
    String sql = select(filter, cursor, params) + " limit " + limit;
    jdbc.query(sql, ps -> set(ps, params.toArray()), rs -> rows.add(row(rs)));
    return rows;
  }

  /**
   * Streams every occurrence matching {@code filter} in listing order through a server-side cursor
   * ({@code fetchSize} rows at a time), so memory does not grow with the result.
   */
  public void stream(DriftFilter filter, int fetchSize, Consumer<FindingRow> sink) {
    List<Object> params = new ArrayList<>();
    String sql = select(filter, Optional.empty(), params);
    try (Connection c = dataSource.getConnection()) {
      boolean auto = c.getAutoCommit();
      c.setAutoCommit(false); // PostgreSQL uses a cursor only outside auto-commit
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setFetchSize(fetchSize);
        set(ps, params.toArray());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            sink.accept(row(rs));
          }
        }
      } finally {
        c.rollback();
        c.setAutoCommit(auto);
      }
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read drift findings", e);
    }
  }

  /**
   * Open occurrences by kind name, all instances, in one GROUP BY; kinds without any are absent.
   */
  public Map<String, Long> openByKind() {
    Map<String, Long> counts = new HashMap<>();
    jdbc.query(
        "select kind, count(*) from drift_finding where resolved_at is null group by kind",
        ps -> {},
        rs -> counts.put(rs.getString(1), rs.getLong(2)));
    return counts;
  }

  /** Open occurrences of one kind at the end of one day (UTC). */
  public record OpenOnDay(java.time.LocalDate day, String kind, long open) {}

  /**
   * For each of the last {@code days} days (UTC, today last), how many occurrences of each kind
   * were open at the end of that day (or now, for today): seen by then and not resolved by then.
   * Kinds with none open on a day are absent for that day. One query.
   */
  public List<OpenOnDay> openByKindPerDay(Instant now, int days) {
    List<OpenOnDay> out = new ArrayList<>();
    jdbc.query(
        "select d.day, f.kind, count(*) from (select (cast(? as timestamptz) at time zone 'UTC')::date"
            + " - g as day from generate_series(0, ?) g) d join drift_finding f"
            + " on f.first_seen < least(cast(? as timestamptz), (d.day + 1) at time zone 'UTC')"
            + " and (f.resolved_at is null"
            + " or f.resolved_at >= least(cast(? as timestamptz), (d.day + 1) at time zone 'UTC'))"
            + " group by d.day, f.kind order by d.day, f.kind",
        ps ->
            set(
                ps,
                java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC),
                days - 1,
                java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC),
                java.time.OffsetDateTime.ofInstant(now, java.time.ZoneOffset.UTC)),
        rs ->
            out.add(
                new OpenOnDay(
                    rs.getObject(1, java.time.LocalDate.class), rs.getString(2), rs.getLong(3))));
    return out;
  }

  /** When {@code subject} last stored a plan: for the scheduler, the last successful scan. */
  public Optional<Instant> lastPlanBy(String subject) {
    List<Instant> at = new ArrayList<>();
    jdbc.query(
        "select max(created_at) from plan where created_by = ?",
        ps -> set(ps, subject),
        rs -> at.add(instant(rs, 1)));
    return at.stream().filter(java.util.Objects::nonNull).findFirst();
  }

  /** Digest and commit of the newest configured-matrix plan, if any. */
  public Optional<String[]> latestMatrix() {
    List<String[]> out = new ArrayList<>();
    jdbc.query(
        "select matrix_digest, matrix_commit from plan where matrix_origin = 'configured'"
            + " order by created_at desc limit 1",
        ps -> {},
        rs -> out.add(new String[] {rs.getString(1), rs.getString(2)}));
    return out.stream().findFirst();
  }

  private static String select(
      DriftFilter f, Optional<DriftFilter.Cursor> cursor, List<Object> params) {
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from drift_finding f where true");
    switch (f.status()) {
      case OPEN -> sql.append(" and f.resolved_at is null");
      case RESOLVED -> sql.append(" and f.resolved_at is not null");
      case ALL -> {}
    }
    f.kind()
        .ifPresent(
            k -> {
              sql.append(" and f.kind = ?");
              params.add(k);
            });
    f.account()
        .ifPresent(
            a -> {
              sql.append(" and (f.account_id = ? or f.account_name = ?)");
              params.add(a);
              params.add(a);
            });
    f.ou()
        .ifPresent(
            ou -> {
              sql.append(" and (f.account_path = ? or f.account_path like ?)");
              params.add(ou);
              params.add(ou.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "/%");
            });
    f.principal()
        .ifPresent(
            p -> {
              sql.append(" and (f.principal_id = ? or f.principal_name = ?)");
              params.add(p);
              params.add(p);
            });
    f.permissionSet()
        .ifPresent(
            p -> {
              sql.append(" and f.permission_set = ?");
              params.add(p);
            });
    f.from()
        .ifPresent(
            t -> {
              sql.append(" and coalesce(f.resolved_at, f.last_seen) >= ?");
              params.add(Timestamp.from(t));
            });
    f.to()
        .ifPresent(
            t -> {
              sql.append(" and f.first_seen < ?");
              params.add(Timestamp.from(t));
            });
    cursor.ifPresent(
        c -> {
          sql.append(" and (f.first_seen, f.id) < (?, ?)");
          params.add(Timestamp.from(c.firstSeen()));
          params.add(c.id());
        });
    return sql.append(" order by f.first_seen desc, f.id desc").toString();
  }

  private Optional<UUID> latestResolved(String instanceArn, String key) {
    List<UUID> ids = new ArrayList<>();
    jdbc.query(
        "select id from drift_finding where instance_arn = ? and finding_key = ?"
            + " and resolved_at is not null order by resolved_at desc limit 1",
        ps -> set(ps, instanceArn, key),
        rs -> ids.add(rs.getObject(1, UUID.class)));
    return ids.stream().findFirst();
  }

  private void sighting(UUID findingId, UUID planId, DriftFinding f) {
    jdbc.update(
        "insert into drift_sighting (finding_id, plan_id, fields) values (?, ?, ?::jsonb)"
            + " on conflict do nothing",
        ps -> set(ps, findingId, planId, fieldsJson.write(f.fields())));
  }

  /** One occurrence by id. */
  public Optional<FindingRow> find(UUID id) {
    List<FindingRow> rows = new ArrayList<>();
    jdbc.query(
        "select " + COLUMNS + " from drift_finding f where f.id = ?",
        ps -> set(ps, id),
        rs -> rows.add(row(rs)));
    return rows.stream().findFirst();
  }

  /** Every plan that saw occurrence {@code id}, oldest first. */
  public List<Sighting> sightings(UUID id) {
    List<Sighting> out = new ArrayList<>();
    jdbc.query(
        "select p.id, p.created_at, p.created_by, p.matrix_digest, p.matrix_commit, s.fields"
            + " from drift_sighting s join plan p on p.id = s.plan_id where s.finding_id = ?"
            + " order by p.created_at, p.id",
        ps -> set(ps, id),
        rs ->
            out.add(
                new Sighting(
                    rs.getObject(1, UUID.class),
                    instant(rs, 2),
                    rs.getString(3),
                    rs.getString(4),
                    rs.getString(5),
                    fieldsJson.read(rs.getString(6)))));
    return out;
  }

  /**
   * A plan that saw an occurrence: when, by whom (a person, a pipeline or the scheduler), from
   * which matrix, and for a definition finding the differing fields it saw.
   */
  public record Sighting(
      UUID planId,
      Instant at,
      String by,
      String matrixDigest,
      String matrixCommit,
      List<dev.idcplane.plan.FieldChange> fields) {}

  private FindingRow row(ResultSet rs) throws SQLException {
    int i = 0;
    return new FindingRow(
        rs.getObject(++i, UUID.class),
        rs.getString(++i),
        rs.getString(++i),
        rs.getString(++i),
        rs.getString(++i),
        rs.getString(++i),
        rs.getString(++i),
        rs.getString(++i),
        rs.getString(++i),
        rs.getString(++i),
        rs.getString(++i),
        rs.getString(++i),
        instant(rs, ++i),
        instant(rs, ++i),
        rs.getInt(++i),
        rs.getObject(++i, UUID.class),
        rs.getObject(++i, UUID.class),
        rs.getString(++i),
        rs.getString(++i),
        instant(rs, ++i),
        rs.getString(++i),
        rs.getString(++i),
        rs.getObject(++i, UUID.class),
        rs.getObject(++i, UUID.class),
        rs.getString(++i),
        rs.getString(++i),
        rs.getObject(++i, UUID.class),
        fieldsJson.read(rs.getString(++i)));
  }
}
