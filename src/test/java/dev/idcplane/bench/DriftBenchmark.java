package dev.idcplane.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.drift.DriftExporter;
import dev.idcplane.drift.DriftFilter;
import dev.idcplane.drift.DriftStore;
import dev.idcplane.planning.MatrixInput;
import dev.idcplane.planning.PlanningService;
import dev.idcplane.support.TestKeys;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * Drift export and query over 10,000 and 1,000,000 findings in the real PostgreSQL: export rows per
 * second and peak heap growth during the export (flat memory means the two sizes show the same
 * growth), and p95 of a filtered, paginated drift query. Not part of the test suite: {@code ./mvnw
 * -Pbench test -Dtest=DriftBenchmark}.
 */
@QuarkusTest
@QuarkusTestResource(TestKeys.class)
class DriftBenchmark {
  @Inject AgroalDataSource dataSource;
  @Inject DriftStore store;
  @Inject PlanningService planning;
  @Inject ObjectMapper json;

  static final DriftFilter ALL =
      new DriftFilter(
          DriftFilter.Status.ALL,
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty(),
          Optional.empty());

  @Test
  void exportAndQuery() throws Exception {
    UUID plan = planning.plan(MatrixInput.configured(Optional.empty()), "bench").view().id();
    exec("delete from drift_finding");
    insert(plan, 0, 10_000);
    Result small = export();
    insert(plan, 10_000, 1_000_000);
    Result large = export();
    double p95 = queryP95();
    System.out.printf("%n== Drift export (CSV, streamed, fetch size 500)%n");
    System.out.printf(
        "%-10s %12s %12s %34s%n",
        "findings", "seconds", "rows/s", "peak live heap growth (after GC)");
    for (Result r : List.of(small, large)) {
      System.out.printf(
          "%-10d %12.2f %12.0f %31.1f MiB%n",
          r.rows, r.seconds, r.rows / r.seconds, r.peakGrowth / 1048576.0);
    }
    System.out.printf(
        "== Drift query over %d findings: kind + account + open, limit 100:" + " p95 %.1f ms%n",
        large.rows, p95);
    assertThat(large.rows).isEqualTo(1_000_000);
    assertThat(p95).isLessThan(1000);
  }

  record Result(long rows, double seconds, long peakGrowth) {}

  Result export() throws Exception {
    System.gc();
    long base = liveAfterGc();
    AtomicLong peak = new AtomicLong(base);
    Thread sampler =
        new Thread(
            () -> {
              while (!Thread.currentThread().isInterrupted()) {
                peak.accumulateAndGet(liveAfterGc(), Math::max);
                try {
                  Thread.sleep(5);
                } catch (InterruptedException e) {
                  return;
                }
              }
            });
    sampler.start();
    AtomicLong rows = new AtomicLong();
    long t0 = System.nanoTime();
    DriftExporter exporter = new DriftExporter(OutputStream.nullOutputStream(), true, json);
    exporter.write(
        new DriftExporter.Header(Instant.now().toString(), "bench", "all", null, null),
        sink ->
            store.stream(
                ALL,
                500,
                r -> {
                  rows.incrementAndGet();
                  sink.accept(r);
                }));
    double s = (System.nanoTime() - t0) / 1e9;
    sampler.interrupt();
    sampler.join();
    return new Result(rows.get(), s, peak.get() - base);
  }

  /** Heap in use right after the latest collection, summed over heap pools: the live set. */
  static long liveAfterGc() {
    long sum = 0;
    for (var pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == java.lang.management.MemoryType.HEAP
          && pool.getCollectionUsage() != null) {
        sum += pool.getCollectionUsage().getUsed();
      }
    }
    return sum;
  }

  double queryP95() {
    List<Long> nanos = new ArrayList<>();
    for (int i = 0; i < 60; i++) {
      DriftFilter f =
          new DriftFilter(
              DriftFilter.Status.OPEN,
              Optional.of("UNEXPECTED"),
              Optional.of(String.format("%012d", 100000000000L + (i * 37) % 1000)),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty(),
              Optional.empty());
      long t0 = System.nanoTime();
      store.page(f, Optional.empty(), 100);
      nanos.add(System.nanoTime() - t0);
    }
    Collections.sort(nanos);
    return nanos.get((int) Math.ceil(nanos.size() * 0.95) - 1) / 1e6;
  }

  void insert(UUID plan, int from, int to) throws Exception {
    exec(
        "insert into drift_finding (id, instance_arn, finding_key, kind, permission_set,"
            + " account_id, account_name, account_path, principal_type, principal_id, principal_name,"
            + " detail, first_seen, last_seen, first_plan_id, last_plan_id, last_matrix_digest,"
            + " resolved_at, resolution)"
            + " select gen_random_uuid(), 'arn:bench', 'k/' || g,"
            + " (array['MISSING','UNEXPECTED','UNMANAGED','PROTECTED'])[1 + g % 4], 'Set' || (g % 40),"
            + " lpad((100000000000 + g % 1000)::text, 12, '0'), 'acct-' || (g % 1000), 'U' || (g % 10),"
            + " 'GROUP', 'gid-' || (g % 100), 'g' || (g % 100), 'detail, with \"quotes\" ' || g,"
            + " now() - (g || ' seconds')::interval, now(), '"
            + plan
            + "', '"
            + plan
            + "', 'digest',"
            + " case when g % 3 = 0 then now() end, case when g % 3 = 0 then 'OUTSIDE' end"
            + " from generate_series("
            + from
            + ", "
            + (to - 1)
            + ") g");
    exec("analyze drift_finding");
  }

  void exec(String sql) throws Exception {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement(sql)) {
      ps.execute();
    }
  }
}
