package dev.idcplane.persistence;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Past runs, newest first, filtered and read one page at a time in the database. */
@ApplicationScoped
public class RunHistory {

  /**
   * Which runs: each non-null field narrows the list. {@code startedBy} is the starter's subject or
   * display name (exact); {@code from} is inclusive and {@code to} exclusive, on the start time.
   */
  public record Filter(String status, String startedBy, UUID planId, Instant from, Instant to) {
    public static final Filter ALL = new Filter(null, null, null, null, null);
  }

  /** A page of runs (1-based {@code page} of {@code size}) and how many match in all. */
  public record Slice(List<RunEntity> runs, long total) {}

  public Slice page(Filter f, int page, int size) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              StringBuilder q = new StringBuilder("1 = 1");
              Parameters p = new Parameters();
              if (f.status() != null) {
                q.append(" and status = :status");
                p.and("status", f.status());
              }
              if (f.startedBy() != null) {
                q.append(" and (startedBy = :by or startedByName = :by)");
                p.and("by", f.startedBy());
              }
              if (f.planId() != null) {
                q.append(" and planId = :plan");
                p.and("plan", f.planId());
              }
              if (f.from() != null) {
                q.append(" and startedAt >= :from");
                p.and("from", f.from());
              }
              if (f.to() != null) {
                q.append(" and startedAt < :to");
                p.and("to", f.to());
              }
              long total = RunEntity.count(q.toString(), p);
              List<RunEntity> runs =
                  RunEntity.<RunEntity>find(q.toString(), Sort.descending("startedAt").and("id"), p)
                      .page(Page.of(Math.max(0, page - 1), size))
                      .list();
              return new Slice(runs, total);
            });
  }
}
