package dev.idcplane.persistence;

import dev.idcplane.audit.AuditChain;
import dev.idcplane.audit.AuditEntry;
import io.quarkus.hibernate.orm.panache.Panache;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The audit trail table. Appends are serialised across every replica by a transaction-scoped
 * advisory lock, so two appends never read the same last entry and the chain never forks.
 */
@ApplicationScoped
public class AuditRepository {
  /** The advisory lock key of audit appends (any fixed 64-bit number no other lock uses). */
  static final long APPEND_LOCK = 0x1dca0d17a0d17L;

  /** What an append needs besides the chain position. */
  public record NewEntry(Instant at, String action, String subject, String matrixDigest,
      String matrixCommit, String details) {}

  /**
   * Appends an entry after the current last one, in the caller's transaction if there is one (so the
   * entry commits or rolls back with what it records), in a new one otherwise.
   */
  public AuditEntry append(NewEntry n) {
    return QuarkusTransaction.joiningExisting().call(() -> {
      var em = Panache.getEntityManager();
      em.createNativeQuery("select pg_advisory_xact_lock(?1)").setParameter(1, APPEND_LOCK)
          .getSingleResult();
      Optional<AuditEntryEntity> last = AuditEntryEntity
          .<AuditEntryEntity>findAll(Sort.descending("seq")).page(Page.ofSize(1))
          .firstResultOptional();
      long seq = last.map(l -> l.seq + 1).orElse(1L);
      String previous = last.map(l -> l.entryHash).orElse(AuditChain.GENESIS);
      Instant at = n.at().truncatedTo(ChronoUnit.MICROS);
      String hash = AuditChain.hash(previous, seq, at, n.action(), n.subject(), n.matrixDigest(),
          n.matrixCommit(), n.details());
      AuditEntry entry = new AuditEntry(seq, at, n.action(), n.subject(), n.matrixDigest(),
          n.matrixCommit(), n.details(), previous, hash);
      AuditEntryEntity.of(entry).persist();
      return entry;
    });
  }

  /** A filter of the list; null parts do not filter. */
  public record Filter(String action, String subject, Instant from, Instant to) {}

  /** Entries with seq greater than {@code after}, in seq order, at most {@code limit}. */
  public List<AuditEntry> page(long after, int limit, Filter f) {
    return QuarkusTransaction.requiringNew().call(() -> {
      StringBuilder q = new StringBuilder("seq > :after");
      Parameters p = Parameters.with("after", after);
      if (f.action() != null) {
        q.append(" and action = :action");
        p.and("action", f.action());
      }
      if (f.subject() != null) {
        q.append(" and subject = :subject");
        p.and("subject", f.subject());
      }
      if (f.from() != null) {
        q.append(" and at >= :from");
        p.and("from", f.from());
      }
      if (f.to() != null) {
        q.append(" and at < :to");
        p.and("to", f.to());
      }
      return AuditEntryEntity.<AuditEntryEntity>find(q.toString(), Sort.ascending("seq"), p)
          .page(Page.ofSize(limit)).list().stream().map(AuditEntryEntity::toEntry).toList();
    });
  }

  /** Feeds every entry, in seq order, to {@code sink}, a batch at a time. */
  public void scan(Consumer<AuditEntry> sink) {
    long after = Long.MIN_VALUE;
    while (true) {
      long from = after;
      List<AuditEntry> batch = QuarkusTransaction.requiringNew().call(() ->
          AuditEntryEntity.<AuditEntryEntity>find("seq > ?1", Sort.ascending("seq"), from)
              .page(Page.ofSize(1000)).list().stream().map(AuditEntryEntity::toEntry)
              .collect(java.util.stream.Collectors.toCollection(ArrayList::new)));
      if (batch.isEmpty()) {
        return;
      }
      batch.forEach(sink);
      after = batch.get(batch.size() - 1).seq();
    }
  }
}
