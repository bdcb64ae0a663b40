package dev.idcplane.persistence;

import dev.idcplane.apply.RunStatus;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.panache.common.Page;
import io.quarkus.panache.common.Parameters;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/** Past runs, newest first, filtered and read one page at a time in the database. */
@ApplicationScoped
public class RunHistory {

  /**
   * Which runs: each non-null field narrows the list. {@code startedBy} is the starter's subject or
   * display name (exact); {@code from} is inclusive and {@code to} exclusive, on the start time.
   */
  public record Filter(String status, String startedBy, UUID planId, Instant from, Instant to) {
    /**
     * The filter from query-string values (null or blank: no filter), or IllegalArgumentException
     * naming the value that cannot be read and what it should be: a {@link RunStatus}, a plan id,
     * ISO instants with {@code from} before {@code to}.
     */
    public static Filter parse(
        String status, String startedBy, String plan, String from, String to) {
      String s = text(status);
      if (!s.isEmpty() && Arrays.stream(RunStatus.values()).noneMatch(x -> x.name().equals(s))) {
        throw new IllegalArgumentException(
            "status must be one of "
                + Arrays.stream(RunStatus.values())
                    .map(Enum::name)
                    .collect(Collectors.joining(", "))
                + ", not '"
                + s
                + "'");
      }
      UUID planId = null;
      if (!text(plan).isEmpty()) {
        try {
          planId = UUID.fromString(text(plan));
        } catch (IllegalArgumentException e) {
          throw new IllegalArgumentException(
              "plan must be a plan's id (a UUID), not '" + text(plan) + "'");
        }
      }
      Instant start = instant("from", text(from));
      Instant end = instant("to", text(to));
      if (start != null && end != null && !start.isBefore(end)) {
        throw new IllegalArgumentException("from must be before to");
      }
      return new Filter(
          s.isEmpty() ? null : s,
          text(startedBy).isEmpty() ? null : text(startedBy),
          planId,
          start,
          end);
    }

    /** Whether it filters nothing. */
    public boolean all() {
      return status == null && startedBy == null && planId == null && from == null && to == null;
    }

    private static Instant instant(String name, String value) {
      if (value.isEmpty()) {
        return null;
      }
      try {
        return Instant.parse(value);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            name + " must be an ISO instant such as 2026-01-01T00:00:00Z, not '" + value + "'");
      }
    }

    private static String text(String s) {
      return s == null ? "" : s.trim();
    }
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
