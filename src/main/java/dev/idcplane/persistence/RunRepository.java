package dev.idcplane.persistence;

import dev.idcplane.apply.Operation;
import dev.idcplane.apply.OperationOutcome;
import dev.idcplane.apply.RunResult;
import dev.idcplane.apply.RunStatus;
import dev.idcplane.plan.stored.StoredChanges;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * Runs and their operations; every write commits at once so a crash loses nothing recorded. Each
 * transition and each end is also appended to the run's {@link RunLog} in the same transaction.
 */
@ApplicationScoped
public class RunRepository {
  private final RunLog log;

  public RunRepository(RunLog log) {
    this.log = log;
  }

  /** Starts a run: the run row and one PENDING row per operation, in one transaction. */
  public void create(RunEntity run, List<Operation> operations) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              run.persist();
              for (Operation op : operations) {
                RunOperationEntity e = new RunOperationEntity();
                e.run = run.id;
                e.seq = op.seq();
                e.kind = op.kind().name();
                e.changeKey = op.change().key();
                e.change = StoredChanges.encode(op.change());
                copy(op, e);
                e.persist();
              }
            });
  }

  /** Records one transition of one operation, and appends it to the run's log as of {@code at}. */
  public void record(UUID runId, Operation op, Instant at) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              RunOperationEntity e =
                  Panache.getEntityManager().find(RunOperationEntity.class, key(runId, op.seq()));
              if (e == null) {
                throw new IllegalStateException("run " + runId + " has no operation " + op.seq());
              }
              log.appendOperation(runId, op, at);
              copy(op, e);
            });
  }

  /** Ends a run with its status and counters, and appends the end to the run's log. */
  public void finish(UUID runId, RunStatus status, RunResult result, String error, Instant at) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              log.appendEnd(runId, status.name(), error, at);
              RunEntity run = RunEntity.findById(runId);
              run.status = status.name();
              run.finishedAt = at;
              run.error = error;
              if (result != null) {
                run.awsCalls = result.counters().calls();
                run.retries = result.counters().totalRetries();
                run.maxInFlight = result.counters().maxInFlight();
              }
            });
  }

  public Optional<RunEntity> find(UUID id) {
    return QuarkusTransaction.requiringNew().call(() -> RunEntity.<RunEntity>findByIdOptional(id));
  }

  public List<RunEntity> running(String instanceArn) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                RunEntity.<RunEntity>list(
                    "status = ?1 and instanceArn = ?2", RunStatus.RUNNING.name(), instanceArn));
  }

  /**
   * Runs to resume, oldest first: RUNNING ones (their process stopped, or they are running now: the
   * caller tells by the instance's lease) and INTERRUPTED ones (they lost the lease).
   */
  public List<RunEntity> resumable() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                RunEntity.<RunEntity>list("status in ?1", Sort.ascending("startedAt"), RESUMABLE));
  }

  /** As {@link #resumable()}, of one instance. */
  public List<RunEntity> resumable(String instanceArn) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                RunEntity.<RunEntity>list(
                    "status in ?1 and instanceArn = ?2",
                    Sort.ascending("startedAt"),
                    RESUMABLE,
                    instanceArn));
  }

  /** Marks a resumable run RUNNING again (its error cleared) before it is resumed. */
  public void reopen(UUID runId) {
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              RunEntity run = RunEntity.findById(runId);
              run.status = RunStatus.RUNNING.name();
              run.finishedAt = null;
              run.error = null;
            });
  }

  private static final List<String> RESUMABLE =
      List.of(RunStatus.RUNNING.name(), RunStatus.INTERRUPTED.name());

  public List<RunEntity> recent(int limit) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                RunEntity.<RunEntity>findAll(Sort.descending("startedAt"))
                    .page(Page.ofSize(limit))
                    .list());
  }

  /** The run's operations as apply needs them to resume. */
  public List<Operation> operations(UUID runId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                RunOperationEntity.<RunOperationEntity>list(
                        "run = ?1", Sort.ascending("seq"), runId)
                    .stream()
                    .map(RunRepository::toOperation)
                    .toList());
  }

  /** Operation counts by outcome of each run, counted in the database (one query). */
  public Map<UUID, Map<String, Long>> outcomes(java.util.Collection<UUID> runIds) {
    if (runIds.isEmpty()) {
      return Map.of();
    }
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Map<UUID, Map<String, Long>> out = new java.util.HashMap<>();
              Panache.getEntityManager()
                  .createQuery(
                      "select o.run, o.outcome, count(o) from RunOperationEntity o"
                          + " where o.run in :runs group by o.run, o.outcome",
                      Object[].class)
                  .setParameter("runs", runIds)
                  .getResultList()
                  .forEach(
                      r ->
                          out.computeIfAbsent((UUID) r[0], k -> new java.util.TreeMap<>())
                              .put((String) r[1], (Long) r[2]));
              return out;
            });
  }

  private static Operation toOperation(RunOperationEntity e) {
    try {
      return new Operation(
          e.seq,
          StoredChanges.decode(e.change),
          dev.idcplane.apply.OperationKind.valueOf(e.kind),
          OperationOutcome.valueOf(e.outcome),
          e.requestId,
          e.attempts,
          e.startedAt,
          e.submittedAt,
          e.finishedAt,
          e.error);
    } catch (StoredChanges.StoredChangeException ex) {
      throw new IllegalStateException(
          "run " + e.run + " operation " + e.seq + ": " + ex.getMessage(), ex);
    }
  }

  private static void copy(Operation op, RunOperationEntity e) {
    e.outcome = op.outcome().name();
    e.requestId = op.requestId();
    e.attempts = op.attempts();
    e.startedAt = op.startedAt();
    e.submittedAt = op.submittedAt();
    e.finishedAt = op.finishedAt();
    e.error = op.error();
  }

  private static RunRowKey key(UUID run, int seq) {
    RunRowKey k = new RunRowKey();
    k.run = run;
    k.seq = seq;
    return k;
  }
}
