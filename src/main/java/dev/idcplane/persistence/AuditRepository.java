package dev.idcplane.persistence;

import dev.idcplane.audit.AuditChain;
import dev.idcplane.audit.AuditEntry;
import dev.idcplane.audit.AuditStore;
import dev.idcplane.audit.ChainHead;
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
 * The audit trail table and its head anchor ({@code audit_head}, one row). Appends are serialised
 * across every replica by a transaction-scoped advisory lock, so two appends never read the same
 * head and the chain never forks. Each append continues from the anchor and moves it forward in the
 * same transaction, so the anchor records the newest entry ever appended even if rows are deleted.
 */
@ApplicationScoped
public class AuditRepository implements AuditStore {
  /** The advisory lock key of audit appends (any fixed 64-bit number no other lock uses). */
  static final long APPEND_LOCK = 0x1dca0d17a0d17L;

  /**
   * Appends an entry after the anchored head and moves the anchor to it, in the caller's
   * transaction if there is one (so the entry commits or rolls back with what it records), in a new
   * one otherwise.
   */
  @Override
  public AuditEntry append(AuditEntry.Content n) {
    return QuarkusTransaction.joiningExisting()
        .call(
            () -> {
              var em = Panache.getEntityManager();
              em.createNativeQuery("select pg_advisory_xact_lock(?1)")
                  .setParameter(1, APPEND_LOCK)
                  .getSingleResult();
              ChainHead head =
                  readHead()
                      .orElseThrow(
                          () ->
                              new IllegalStateException(
                                  "the audit head anchor (audit_head) is missing"));
              long seq = head.seq() + 1;
              Instant at = n.at().truncatedTo(ChronoUnit.MICROS);
              var content =
                  new AuditEntry.Content(
                      at, n.action(), n.subject(), n.matrixDigest(), n.matrixCommit(), n.details());
              String hash = AuditChain.hash(head.entryHash(), seq, content);
              AuditEntry entry = new AuditEntry(seq, content, head.entryHash(), hash);
              AuditEntryEntity.of(entry).persist();
              em.flush(); // the anchor's trigger checks that the entry it moves to exists
              em.createNativeQuery(
                      "update audit_head set seq = ?1, entry_hash = ?2, updated_at = ?3")
                  .setParameter(1, seq)
                  .setParameter(2, hash)
                  .setParameter(3, at)
                  .executeUpdate();
              return entry;
            });
  }

  /** The head anchor: the newest entry appended; empty only if its row was deleted. */
  @Override
  public Optional<ChainHead> head() {
    return QuarkusTransaction.requiringNew().call(AuditRepository::readHead);
  }

  private static Optional<ChainHead> readHead() {
    List<?> rows =
        Panache.getEntityManager()
            .createNativeQuery("select seq, entry_hash from audit_head")
            .getResultList();
    return rows.stream()
        .findFirst()
        .map(r -> (Object[]) r)
        .map(r -> new ChainHead(((Number) r[0]).longValue(), (String) r[1]));
  }

  /** A filter of the list; null parts do not filter. */
  public record Filter(String action, String subject, Instant from, Instant to) {}

  /** Entries with seq greater than {@code after}, in seq order, at most {@code limit}. */
  public List<AuditEntry> page(long after, int limit, Filter f) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
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
                  .page(Page.ofSize(limit))
                  .list()
                  .stream()
                  .map(AuditEntryEntity::toEntry)
                  .toList();
            });
  }

  /**
   * Feeds every entry with seq above {@code after}, in seq order, to {@code sink}, a batch at a
   * time; returns the last seq fed ({@code after} if none).
   */
  @Override
  public long scan(long after, Consumer<AuditEntry> sink) {
    while (true) {
      long from = after;
      List<AuditEntry> batch =
          QuarkusTransaction.requiringNew()
              .call(
                  () ->
                      AuditEntryEntity.<AuditEntryEntity>find(
                              "seq > ?1", Sort.ascending("seq"), from)
                          .page(Page.ofSize(1000))
                          .list()
                          .stream()
                          .map(AuditEntryEntity::toEntry)
                          .collect(java.util.stream.Collectors.toCollection(ArrayList::new)));
      if (batch.isEmpty()) {
        return after;
      }
      batch.forEach(sink);
      after = batch.get(batch.size() - 1).seq();
    }
  }
}
