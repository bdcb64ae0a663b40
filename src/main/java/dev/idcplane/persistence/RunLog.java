package dev.idcplane.persistence;

import dev.idcplane.apply.Operation;
import dev.idcplane.apply.OperationKind;
import dev.idcplane.apply.OperationOutcome;
import dev.idcplane.plan.stored.StoredChanges;
import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The run journal as a log ({@code run_event}), which {@link RunRepository} appends to in the
 * transaction of every operation transition and run end. Positions come from {@code run.event_seq},
 * incremented under the run row's lock, so they are gap-free and in commit order: a reader that
 * sees position n can see every position before it, whichever process wrote them. Thread-safe;
 * reads need no transaction.
 */
@ApplicationScoped
public class RunLog {
  private final Jdbc jdbc;

  public RunLog(AgroalDataSource dataSource) {
    this.jdbc = new Jdbc(dataSource, "run log");
  }

  /** Up to {@code limit} entries of the run after {@code position}, in position order. */
  public List<RunLogEntry> after(UUID runId, long position, int limit) {
    List<RunLogEntry> out = new ArrayList<>();
    jdbc.query(
        "select e.position, e.at, e.op_seq, e.outcome, e.request_id, e.attempts, e.started_at,"
            + " e.submitted_at, e.finished_at, e.error, e.run_status, o.kind, o.change"
            + " from run_event e left join run_operation o"
            + " on o.run_id = e.run_id and o.seq = e.op_seq"
            + " where e.run_id = ? and e.position > ? order by e.position limit ?",
        ps -> Jdbc.set(ps, runId, position, limit),
        rs -> out.add(entry(runId, rs)));
    return out;
  }

  /**
   * Where the run's log ends: its last position (0 while empty) and whether the run has ended there
   * (that entry is an end, and the run was not resumed since); empty when there is no run.
   */
  public Optional<Tail> tail(UUID runId) {
    List<Tail> out = new ArrayList<>(1);
    jdbc.query(
        "select r.event_seq, r.status <> 'RUNNING' and coalesce((select e.run_status is not null"
            + " from run_event e where e.run_id = r.id and e.position = r.event_seq), false)"
            + " from run r where r.id = ?",
        ps -> Jdbc.set(ps, runId),
        rs -> out.add(new Tail(rs.getLong(1), rs.getBoolean(2))));
    return out.stream().findFirst();
  }

  /** The last position of a run's log, and whether the run has ended there. */
  public record Tail(long position, boolean ended) {}

  private static RunLogEntry entry(UUID runId, ResultSet rs) throws SQLException {
    long position = rs.getLong(1);
    Instant at = Jdbc.instant(rs, 2);
    String status = rs.getString(11);
    if (status != null) {
      return new RunLogEntry.EndEntry(position, at, status, rs.getString(10));
    }
    int seq = rs.getInt(3);
    try {
      Operation op =
          new Operation(
              seq,
              StoredChanges.decode(rs.getString(13)),
              OperationKind.valueOf(rs.getString(12)),
              OperationOutcome.valueOf(rs.getString(4)),
              rs.getString(5),
              rs.getInt(6),
              Jdbc.instant(rs, 7),
              Jdbc.instant(rs, 8),
              Jdbc.instant(rs, 9),
              rs.getString(10));
      return new RunLogEntry.OperationEntry(position, at, op);
    } catch (StoredChanges.StoredChangeException e) {
      throw new IllegalStateException(
          "run " + runId + " operation " + seq + ": " + e.getMessage(), e);
    }
  }

  /** Appends an operation's new state, in the caller's transaction (which must be open). */
  void appendOperation(UUID runId, Operation op, Instant at) {
    long position = next(runId);
    jdbc.update(
        "insert into run_event (run_id, position, at, op_seq, outcome, request_id, attempts,"
            + " started_at, submitted_at, finished_at, error)"
            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        ps ->
            Jdbc.set(
                ps,
                runId,
                position,
                Timestamp.from(at),
                op.seq(),
                op.outcome().name(),
                op.requestId(),
                op.attempts(),
                timestamp(op.startedAt()),
                timestamp(op.submittedAt()),
                timestamp(op.finishedAt()),
                op.error()));
  }

  /** Appends an end of the run, in the caller's transaction (which must be open). */
  void appendEnd(UUID runId, String status, String error, Instant at) {
    long position = next(runId);
    jdbc.update(
        "insert into run_event (run_id, position, at, error, run_status) values (?, ?, ?, ?, ?)",
        ps -> Jdbc.set(ps, runId, position, Timestamp.from(at), error, status));
  }

  /** The run's next position; locks the run row until the caller's transaction ends. */
  private long next(UUID runId) {
    long[] n = {-1};
    jdbc.query(
        "update run set event_seq = event_seq + 1 where id = ? returning event_seq",
        ps -> Jdbc.set(ps, runId),
        rs -> n[0] = rs.getLong(1));
    if (n[0] < 0) {
      throw new IllegalStateException("no run " + runId);
    }
    return n[0];
  }

  private static Timestamp timestamp(Instant at) {
    return at == null ? null : Timestamp.from(at);
  }
}
