package dev.idcplane.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idcplane.identitycenter.sandbox.Faults;
import dev.idcplane.identitycenter.sandbox.Latency;
import dev.idcplane.identitycenter.sandbox.SandboxBehaviour;
import dev.idcplane.identitycenter.sandbox.SandboxIdentityCenter;
import dev.idcplane.identitycenter.sandbox.SandboxStats;
import dev.idcplane.plan.Plan;
import dev.idcplane.support.MutableClock;
import dev.idcplane.support.VirtualTime;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The apply engine on the sandbox, in scaled time: millisecond operations and a request rate scaled
 * up by the same factor, so the caps bind as they do on AWS. Time is simulated ({@link
 * VirtualTime}): the applier and the sandbox share its clock, which moves only while the applier
 * waits, so a run takes no wall time and repeats exactly.
 */
class ApplierTest {
  static final int RPS = 400;
  static final Path SEED = Path.of("deploy/sandbox/seed.yaml");
  static final Path MATRIX = Path.of("assignments");

  static ApplySettings settings() {
    return new ApplySettings(
        15,
        3,
        RPS,
        Duration.ofMillis(3),
        Duration.ofMillis(40),
        6,
        Duration.ofMillis(2),
        Duration.ofMillis(50),
        Duration.ofSeconds(20),
        ApplySettings.DEFAULT_STATUS_GRACE);
  }

  static SandboxBehaviour behaviour() {
    return SandboxBehaviour.defaults().toBuilder()
        .latency(Latency.uniform(Duration.ofMillis(5), Duration.ofMillis(25)))
        .requestsPerSecond(RPS)
        .build();
  }

  private final VirtualTime time = new VirtualTime(MutableClock.at("2026-11-23T09:00:00Z"));

  /**
   * Applies with real waits, for tests whose sandbox runs on the system clock. The tests here run
   * in virtual time: {@link #applyInVirtualTime}.
   */
  static RunResult apply(
      SandboxIdentityCenter ic, Plan plan, OperationJournal journal, List<Operation> ops)
      throws InterruptedException {
    return applier(ic, plan, settings(), Clock.systemUTC(), Sleeper.REAL, 7, journal).run(ops);
  }

  private static Applier applier(
      SandboxIdentityCenter ic,
      Plan plan,
      ApplySettings settings,
      Clock clock,
      Sleeper sleeper,
      long seed,
      OperationJournal journal) {
    return new Applier(
        ic,
        plan.source().instanceArn(),
        settings,
        clock,
        sleeper,
        new SplittableRandom(seed),
        journal,
        new RateLimiter(settings.requestsPerSecond(), clock, sleeper),
        Fence.NONE);
  }

  /** A sandbox on the virtual clock. */
  private SandboxIdentityCenter sandbox(SandboxBehaviour behaviour) {
    return SandboxIdentityCenter.fromSeed(SEED, time.clock(), behaviour);
  }

  private RunResult applyInVirtualTime(
      SandboxIdentityCenter ic, Plan plan, OperationJournal journal, List<Operation> ops)
      throws InterruptedException {
    return applyInVirtualTime(ic, plan, settings(), 7, journal, ops);
  }

  /**
   * Runs the applier on the test thread, its only thread, as the one thread virtual time waits for.
   */
  private RunResult applyInVirtualTime(
      SandboxIdentityCenter ic,
      Plan plan,
      ApplySettings settings,
      long seed,
      OperationJournal journal,
      List<Operation> ops)
      throws InterruptedException {
    Applier applier = applier(ic, plan, settings, time.clock(), time, seed, journal);
    time.enter();
    try {
      return applier.run(ops);
    } finally {
      time.exit();
    }
  }

  /**
   * The sandbox enforces the same caps, so its maxima alone cannot exceed them: the applier held
   * them itself when the sandbox never had to reject a call for one.
   */
  static void assertCapsHeld(SandboxStats stats) {
    assertThat(stats.maxOutstandingOperations()).isLessThanOrEqualTo(15);
    assertThat(stats.maxConcurrentProvisioning()).isLessThanOrEqualTo(3);
    assertThat(stats.maxRequestsInOneSecond()).isLessThanOrEqualTo(RPS);
    assertThat(stats.outstandingCapRejections()).isZero();
    assertThat(stats.provisioningConflicts()).isZero();
    assertThat(stats.rateThrottles()).isZero();
  }

  @Test
  void appliesTheShippedExampleAndTheReplanIsEmpty() throws Exception {
    SandboxIdentityCenter ic = sandbox(behaviour());
    Plan plan = Pipelines.plan(ic, MATRIX);
    assertThat(plan.changes()).hasSize(26);
    RecordingJournal journal = new RecordingJournal();
    RunResult result = applyInVirtualTime(ic, plan, journal, Applier.operationsOf(plan));
    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(result.operations())
        .allSatisfy(
            o -> {
              assertThat(o.outcome()).isEqualTo(OperationOutcome.SUCCEEDED);
              assertThat(journal.terminalRecords(o.seq())).isEqualTo(1);
            });
    assertThat(Pipelines.plan(ic, MATRIX).changes()).isEmpty();
    assertCapsHeld(ic.stats());
  }

  @Test
  void atAwsRealRateTheSandboxNeverSeesMoreThan20RequestsInASecond() throws Exception {
    SandboxBehaviour aws = behaviour().toBuilder().requestsPerSecond(20).build();
    SandboxIdentityCenter ic = sandbox(SandboxBehaviour.instant());
    Plan plan = Pipelines.plan(ic, MATRIX);
    SandboxIdentityCenter limited = sandbox(aws);
    ApplySettings real =
        new ApplySettings(
            15,
            3,
            20,
            Duration.ofMillis(20),
            Duration.ofMillis(200),
            6,
            Duration.ofMillis(50),
            Duration.ofMillis(500),
            Duration.ofSeconds(60),
            ApplySettings.DEFAULT_STATUS_GRACE);
    RunResult result =
        applyInVirtualTime(
            limited, plan, real, 3, new RecordingJournal(), Applier.operationsOf(plan));
    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(limited.stats().maxRequestsInOneSecond()).isLessThanOrEqualTo(20);
    assertThat(limited.stats().rateThrottles()).isZero();
    assertThat(limited.stats().maxOutstandingOperations()).isLessThanOrEqualTo(15);
  }

  @Test
  void faultsNeverLoseAnOperationNorBreakTheCaps() throws Exception {
    SandboxBehaviour faulty =
        behaviour().toBuilder()
            .seed(11)
            .serviceErrorRate(0.1)
            .failedOperations(0.05, "injected: IAM role quota exceeded in the target account")
            .slowOperations(0.1, 5)
            .throttleStorms(
                List.of(
                    new Faults.ThrottleStorm(Duration.ofMillis(20), Duration.ofMillis(150), 0.6)))
            .faultOperations(
                java.util.Set.of(
                    "CreateAccountAssignment",
                    "DeleteAccountAssignment",
                    "ProvisionPermissionSet",
                    "DescribeAccountAssignmentCreationStatus",
                    "ListAccountAssignmentCreationStatus",
                    "UpdatePermissionSet",
                    "CreatePermissionSet",
                    "PutInlinePolicyToPermissionSet",
                    "AttachManagedPolicyToPermissionSet"))
            .build();
    SandboxIdentityCenter ic = sandbox(faulty);
    Plan plan = Pipelines.plan(ic, MATRIX);
    RecordingJournal journal = new RecordingJournal();
    RunResult result = applyInVirtualTime(ic, plan, journal, Applier.operationsOf(plan));

    assertThat(result.operations())
        .hasSize(plan.changes().size())
        .allSatisfy(
            o -> {
              assertThat(o.outcome().terminal()).isTrue();
              assertThat(journal.terminalRecords(o.seq())).isEqualTo(1);
            });
    assertThat(result.status()).isIn(RunStatus.SUCCEEDED, RunStatus.PARTIAL);
    assertThat(ic.stats().faultsInjected()).isPositive();
    result.operations().stream()
        .filter(o -> o.outcome() == OperationOutcome.FAILED)
        .forEach(o -> assertThat(o.error()).isNotBlank());
    assertCapsHeld(ic.stats());
    // What failed is exactly what a new plan still wants.
    long failed =
        result.operations().stream().filter(o -> o.outcome() != OperationOutcome.SUCCEEDED).count();
    Plan again = Pipelines.plan(ic, MATRIX);
    assertThat(
            again.changes().stream()
                .filter(c -> c.action() != dev.idcplane.plan.ChangeAction.PROVISION_PERMISSION_SET)
                .count())
        .isLessThanOrEqualTo(failed);
  }

  @Test
  void anInterruptedRunResumesWithoutSubmittingAnythingTwice() throws Exception {
    SandboxIdentityCenter ic = sandbox(behaviour());
    Plan plan = Pipelines.plan(ic, MATRIX);
    List<Operation> ops = Applier.operationsOf(plan);
    RecordingJournal first = new RecordingJournal(30);
    assertThatThrownBy(() -> applyInVirtualTime(ic, plan, first, ops))
        .isInstanceOf(InterruptedException.class);
    Thread.interrupted();
    List<Operation> resumed = first.resumeState(ops);
    List<Operation> inFlightWithRequest =
        resumed.stream()
            .filter(
                o ->
                    o.outcome() == OperationOutcome.IN_FLIGHT
                        && o.requestId() != null
                        && o.kind().asynchronous())
            .toList();
    assertThat(resumed).anyMatch(o -> o.outcome() == OperationOutcome.SUCCEEDED);
    long submittedBefore = submissions(ic);

    RecordingJournal second = new RecordingJournal();
    RunResult result = applyInVirtualTime(ic, plan, second, resumed);

    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    long notYetSubmitted =
        resumed.stream()
            .filter(
                o -> o.kind().asynchronous() && !o.outcome().terminal() && o.requestId() == null)
            .count();
    // Operations with a request id were polled, never resubmitted; finished ones were left alone.
    assertThat(submissions(ic) - submittedBefore).isEqualTo(notYetSubmitted);
    inFlightWithRequest.forEach(
        o ->
            assertThat(second.history)
                .filteredOn(h -> h.seq() == o.seq())
                .allSatisfy(h -> assertThat(h.requestId()).isEqualTo(o.requestId())));
    assertThat(Pipelines.plan(ic, MATRIX).changes()).isEmpty();
  }

  /**
   * The process stops after AWS accepted a CreateAccountAssignment and before its request id was
   * journaled (a replica killed mid-run): the resumed run finds the assignment AWS made from it and
   * sends no second create.
   */
  @Test
  void aCreateSentJustBeforeTheProcessStoppedIsNotSentAgain() throws Exception {
    SandboxIdentityCenter ic = sandbox(behaviour());
    Plan plan = Pipelines.plan(ic, MATRIX);
    List<Operation> ops = Applier.operationsOf(plan);
    long creates = ops.stream().filter(o -> o.kind() == OperationKind.CREATE_ASSIGNMENT).count();
    assertThat(creates).isPositive();
    RecordingJournal first = new RecordingJournal();
    OperationJournal dying =
        op -> {
          if (op.kind() == OperationKind.CREATE_ASSIGNMENT && op.requestId() != null) {
            throw new IllegalStateException("the process stopped before recording " + op.seq());
          }
          first.record(op);
        };
    assertThatThrownBy(() -> applyInVirtualTime(ic, plan, dying, ops))
        .hasMessageContaining("the process stopped");
    List<Operation> resumed = first.resumeState(ops);
    assertThat(resumed).anyMatch(EarlierAttempts::unknown);

    RunResult result = applyInVirtualTime(ic, plan, new RecordingJournal(), resumed);

    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(ic.stats().callCounts().get("CreateAccountAssignment")).isEqualTo(creates);
    assertThat(Pipelines.plan(ic, MATRIX).changes()).isEmpty();
  }

  private static long submissions(SandboxIdentityCenter ic) {
    var counts = ic.stats().callCounts();
    return counts.getOrDefault("CreateAccountAssignment", 0L)
        + counts.getOrDefault("DeleteAccountAssignment", 0L)
        + counts.getOrDefault("ProvisionPermissionSet", 0L);
  }
}
