package dev.idcplane.bench;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.apply.Applier;
import dev.idcplane.apply.ApplySettings;
import dev.idcplane.apply.Fence;
import dev.idcplane.apply.OperationJournal;
import dev.idcplane.apply.RateLimiter;
import dev.idcplane.apply.RunResult;
import dev.idcplane.apply.RunStatus;
import dev.idcplane.apply.Sleeper;
import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.LiveStateReader;
import dev.idcplane.identitycenter.sandbox.Latency;
import dev.idcplane.identitycenter.sandbox.SandboxBehaviour;
import dev.idcplane.identitycenter.sandbox.SandboxIdentityCenter;
import dev.idcplane.identitycenter.sandbox.SandboxStats;
import dev.idcplane.matrix.Matrix;
import dev.idcplane.matrix.MatrixLoader;
import dev.idcplane.plan.Change;
import dev.idcplane.plan.MatrixRequests;
import dev.idcplane.plan.Plan;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * Apply throughput at the 15-slot limit against the physical bound and two baselines, and the cost
 * of a full plan read, in one run. Time is scaled by {@link #SCALE}: AWS's 2–6 s operations take
 * 20–60 ms here, and the 20 requests/second limit becomes 2,000 — every ratio is as on AWS. Not
 * part of the test suite: {@code ./mvnw -Pbench test}.
 */
class ApplyBenchmark {
  static final double SCALE = 0.01;
  static final int OPERATIONS = 2000;
  static final int ACCOUNTS = 200;
  static final int GROUPS = 10;
  static final Duration LAT_MIN = Duration.ofMillis(20);
  static final Duration LAT_MAX = Duration.ofMillis(60);
  static final int RPS = (int) Math.round(20 / SCALE);

  static SandboxIdentityCenter world() {
    return BenchWorld.flat(
        ACCOUNTS,
        GROUPS,
        SandboxBehaviour.defaults().toBuilder()
            .latency(Latency.uniform(LAT_MIN, LAT_MAX))
            .requestsPerSecond(RPS)
            .seed(5)
            .build());
  }

  static Plan plan(SandboxIdentityCenter ic, Map<String, String> files) {
    Matrix m = new MatrixLoader().load(files).matrix();
    LiveStateReader.Result live =
        new LiveStateReader(ic, Clock.systemUTC())
            .read(MatrixRequests.forMatrix(m, Optional.empty()));
    var r =
        new dev.idcplane.plan.Resolver()
            .resolve(
                m,
                live,
                dev.idcplane.plan.PlanPolicy.defaults(),
                java.time.LocalDate.of(2026, 11, 23));
    return new dev.idcplane.plan.Planner()
        .plan(
            r.desired(),
            live.state(),
            dev.idcplane.plan.PlanPolicy.defaults(),
            new dev.idcplane.plan.PlanSource(
                m.digest(), null, live.state().instance().instanceArn(), live.state().readAt()));
  }

  record Measured(String name, double seconds, int succeeded, SandboxStats stats) {
    double throughput() {
      return succeeded / seconds;
    }
  }

  Measured ours() throws Exception {
    ours(world()); // warm-up: the JIT compiles the scheduler before the measured run
    return ours(world());
  }

  Measured ours(SandboxIdentityCenter ic) throws Exception {
    Plan plan = plan(ic, BenchWorld.flatMatrix(GROUPS));
    assertThat(plan.changes()).hasSize(OPERATIONS);
    Applier applier =
        new Applier(
            ic,
            plan.source().instanceArn(),
            ApplySettings.defaults().scaled(SCALE),
            Clock.systemUTC(),
            Sleeper.REAL,
            new SplittableRandom(1),
            OperationJournal.discarding(),
            new RateLimiter(
                ApplySettings.defaults().scaled(SCALE).requestsPerSecond(),
                Clock.systemUTC(),
                Sleeper.REAL),
            Fence.NONE);
    long t0 = System.nanoTime();
    RunResult r = applier.run(Applier.operationsOf(plan));
    double s = (System.nanoTime() - t0) / 1e9;
    assertThat(r.status()).isEqualTo(RunStatus.SUCCEEDED);
    return new Measured(
        "IDC Control Plane (15 slots, adaptive polling)", s, OPERATIONS, ic.stats());
  }

  Measured baseline(String name, BaselineApplier how) throws Exception {
    SandboxIdentityCenter ic = world();
    Plan plan = plan(ic, BenchWorld.flatMatrix(GROUPS));
    List<AccountAssignment> work =
        plan.changes().stream()
            .map(c -> (Change.CreateAssignment) c)
            .map(
                c ->
                    new AccountAssignment(
                        c.assignment().accountId(),
                        c.permissionSetArn(),
                        c.assignment().principalType(),
                        c.assignment().principalId()))
            .toList();
    long t0 = System.nanoTime();
    int ok = how.apply(ic, plan.source().instanceArn(), work);
    double s = (System.nanoTime() - t0) / 1e9;
    return new Measured(name, s, ok, ic.stats());
  }

  static Duration scaled(Duration real) {
    return Duration.ofNanos(Math.round(real.toNanos() * SCALE));
  }

  @Test
  void applyThroughput() throws Exception {
    double meanLatency = (LAT_MIN.toNanos() + LAT_MAX.toNanos()) / 2e9;
    double bound = 15 / meanLatency;
    Measured ours = ours();
    Measured terraform =
        baseline(
            "Terraform-like (10 parallel, 10 s then 5 s polls)",
            new BaselineApplier(
                10,
                scaled(Duration.ofSeconds(10)),
                scaled(Duration.ofSeconds(5)),
                scaled(Duration.ofSeconds(1))));
    Measured sample =
        baseline(
            "AWS-sample-like (10 in flight, 60 s polls)",
            new BaselineApplier(
                10,
                scaled(Duration.ofSeconds(60)),
                scaled(Duration.ofSeconds(60)),
                scaled(Duration.ofSeconds(1))));
    System.out.printf(
        "%n== Apply: %d assignment creates, latency %s..%s (AWS 2..6 s scaled by %s),"
            + " %d req/s limit (AWS 20 scaled)%n",
        OPERATIONS, LAT_MIN, LAT_MAX, SCALE, RPS);
    System.out.printf("physical bound 15 / mean latency = %.1f ops/s%n", bound);
    System.out.printf(
        "%-52s %8s %10s %9s %8s %9s %9s%n",
        "applier", "seconds", "ops/s", "of bound", "max out", "max rps", "throttles");
    for (Measured m : List.of(ours, terraform, sample)) {
      System.out.printf(
          "%-52s %8.2f %10.1f %9.3f %8d %9d %9d%n",
          m.name(),
          m.seconds(),
          m.throughput(),
          m.throughput() / bound,
          m.stats().maxOutstandingOperations(),
          m.stats().maxRequestsInOneSecond(),
          m.stats().throttles());
    }
    System.out.printf(
        "ours vs Terraform-like: %.2fx; vs AWS-sample-like: %.2fx%n",
        ours.throughput() / terraform.throughput(), ours.throughput() / sample.throughput());
    assertThat(ours.stats().maxOutstandingOperations()).isLessThanOrEqualTo(15);
    assertThat(ours.stats().maxRequestsInOneSecond()).isLessThanOrEqualTo(RPS);
    assertThat(ours.stats().outstandingCapRejections()).isZero();
  }

  @Test
  void planReadCost() {
    int accounts = 1000;
    int sets = 40;
    int groups = 100;
    SandboxIdentityCenter ic = BenchWorld.large(accounts, sets, groups);
    Matrix m = new MatrixLoader().load(BenchWorld.largeMatrix(sets, groups)).matrix();
    ic.resetCallCounts();
    long t0 = System.nanoTime();
    LiveStateReader.Result live =
        new LiveStateReader(ic, Clock.systemUTC())
            .read(MatrixRequests.forMatrix(m, Optional.empty()));
    double cpu = (System.nanoTime() - t0) / 1e9;
    long calls = ic.totalCalls();
    long listAssignments = ic.callCounts().getOrDefault("ListAccountAssignments", 0L);
    long naive = calls - listAssignments + (long) accounts * (sets + 0);
    System.out.printf(
        "%n== Plan read: %d accounts x %d permission sets x %d groups, %d live" + " assignments%n",
        accounts, sets, groups, live.state().assignments().size());
    System.out.printf("%-44s %10s %14s%n", "reader", "API calls", "at 20 req/s");
    System.out.printf(
        "%-44s %10d %13.0fs%n", "provisioned pairs only (LiveStateReader)", calls, calls / 20.0);
    System.out.printf(
        "%-44s %10d %13.0fs%n", "naive per-account x per-permission-set scan", naive, naive / 20.0);
    System.out.printf(
        "ratio %.1fx fewer calls; in-process read took %.2fs%n", naive / (double) calls, cpu);
    assertThat(calls).isLessThan(naive);
  }
}
