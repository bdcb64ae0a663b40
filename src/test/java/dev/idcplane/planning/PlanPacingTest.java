package dev.idcplane.planning;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idcplane.apply.PacedIdentityCenter;
import dev.idcplane.apply.ReadRetry;
import dev.idcplane.apply.RequestBudgets;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.LiveStateReader;
import dev.idcplane.identitycenter.RequestPacer;
import dev.idcplane.identitycenter.sandbox.SandboxIdentityCenter;
import dev.idcplane.identitycenter.sandbox.SandboxStats;
import dev.idcplane.matrix.Matrix;
import dev.idcplane.matrix.MatrixLoader;
import dev.idcplane.plan.MatrixRequests;
import dev.idcplane.plan.Plan;
import dev.idcplane.plan.PlanPolicy;
import dev.idcplane.plan.PlanSource;
import dev.idcplane.plan.Planner;
import dev.idcplane.plan.Resolution;
import dev.idcplane.plan.Resolver;
import dev.idcplane.support.MutableClock;
import dev.idcplane.support.VirtualTime;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Plans read Identity Center at AWS's rate (the demo seed with {@code behaviour: {profile: aws}}:
 * 20 sso-admin requests in any second) through the read wiring of ServiceProducers: the shared
 * {@link RequestBudgets}, {@link PacedIdentityCenter} over a sandbox whose later pages draw from
 * the same budgets. Time is simulated ({@link VirtualTime}), so minutes of pacing take
 * milliseconds.
 */
class PlanPacingTest {
  private static final PlanPolicy POLICY = new PlanPolicy(List.of("AWS*"), false, 14);
  private final MutableClock clock = MutableClock.at("2026-03-01T09:00:00Z");
  private final VirtualTime time = new VirtualTime(clock);
  private Path seed;
  private Matrix matrix;

  @BeforeEach
  void awsSeed(@TempDir Path dir) throws Exception {
    seed = dir.resolve("seed.yaml");
    Files.writeString(
        seed,
        Files.readString(Path.of("deploy/sandbox/seed.yaml")) + "\nbehaviour:\n  profile: aws\n");
    matrix = new MatrixLoader().load(Path.of("assignments")).matrix();
  }

  @Test
  void unpacedPlanIsThrottledAtAwsRate() {
    // The failure this fixes: one plan's reads alone exceed 20 requests in a second.
    SandboxIdentityCenter sandbox = SandboxIdentityCenter.fromSeed(seed, clock);
    assertThatThrownBy(() -> plan(sandbox))
        .isInstanceOf(IdentityCenterException.class)
        .extracting(e -> ((IdentityCenterException) e).code())
        .isEqualTo("aws_throttled");
  }

  @Test
  void aSinglePlanIsPacedNotThrottled() throws Exception {
    RequestBudgets budgets = new RequestBudgets(20, 20, 10, clock, time);
    SandboxIdentityCenter sandbox = SandboxIdentityCenter.fromSeed(seed, clock, budgets);
    time.enter();
    Plan plan;
    try {
      plan = plan(paced(sandbox, budgets));
    } finally {
      time.exit();
    }

    SandboxStats stats = sandbox.stats();
    assertThat(plan.changes()).isNotEmpty();
    assertThat(stats.rateThrottles()).isZero();
    assertThat(stats.maxRequestsInOneSecond()).isEqualTo(20);
  }

  @Test
  void twentyConcurrentPlansAllSucceedWithinTheRate() throws Exception {
    RequestBudgets budgets = new RequestBudgets(20, 20, 10, clock, time);
    SandboxIdentityCenter sandbox = SandboxIdentityCenter.fromSeed(seed, clock, budgets);
    IdentityCenter ic = paced(sandbox, budgets);
    ExecutorService pool = Executors.newFixedThreadPool(20);
    List<Future<Plan>> plans = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        time.enter();
        plans.add(
            pool.submit(
                () -> {
                  try {
                    return plan(ic);
                  } finally {
                    time.exit();
                  }
                }));
      }
      List<Plan> done = new ArrayList<>();
      for (Future<Plan> f : plans) {
        done.add(f.get());
      }
      assertThat(done).hasSize(20).allSatisfy(p -> assertThat(p.changes()).isNotEmpty());
    } finally {
      pool.shutdownNow();
    }

    SandboxStats stats = sandbox.stats();
    long ssoAdminCalls =
        stats.callCounts().entrySet().stream()
            .filter(e -> !ORG_AND_STORE.contains(e.getKey()))
            .mapToLong(java.util.Map.Entry::getValue)
            .sum();
    assertThat(stats.rateThrottles()).isZero();
    assertThat(stats.maxRequestsInOneSecond()).isLessThanOrEqualTo(20);
    // Every sso-admin request took exactly one token: the run lasted as long as the budget allows.
    Duration took =
        Duration.between(java.time.Instant.parse("2026-03-01T09:00:00Z"), clock.instant());
    assertThat(took.toMillis() / 1000.0).isGreaterThanOrEqualTo((ssoAdminCalls / 20 - 1) * 1.0);
  }

  private static final java.util.Set<String> ORG_AND_STORE =
      java.util.Set.of(
          "DescribeOrganization",
          "ListRoots",
          "ListOrganizationalUnitsForParent",
          "ListAccountsForParent",
          "GetGroupId",
          "GetUserId",
          "DescribeGroup",
          "DescribeUser");

  private IdentityCenter paced(IdentityCenter backend, RequestPacer budgets) {
    return new PacedIdentityCenter(
        backend,
        budgets,
        new ReadRetry(6, Duration.ofSeconds(30), Duration.ofMillis(200), Duration.ofSeconds(5)),
        clock,
        time,
        new SplittableRandom(7));
  }

  /** What PlanningService.preview does, minus the database. */
  private Plan plan(IdentityCenter ic) {
    LiveStateReader.Result live =
        new LiveStateReader(ic, clock).read(MatrixRequests.forMatrix(matrix, Optional.empty()));
    Resolution resolution =
        new Resolver()
            .resolve(matrix, live, POLICY, LocalDate.ofInstant(clock.instant(), clock.getZone()));
    assertThat(resolution.errors()).isEmpty();
    PlanSource source =
        new PlanSource(
            matrix.digest(), null, live.state().instance().instanceArn(), live.state().readAt());
    return new Planner().plan(resolution.desired(), live.state(), POLICY, source);
  }
}
