package dev.idcplane.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idcplane.identitycenter.sandbox.SandboxIdentityCenter;
import dev.idcplane.plan.Plan;
import java.time.Clock;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The fence: a run whose fence fails makes no further Identity Center write, throws, and leaves a
 * journal from which a resume polls what was submitted instead of submitting it again.
 */
class ApplierFenceTest {
  @Test
  void aRunThatLosesItsFenceStopsWritingAndItsResumePollsWhatItSubmitted() throws Exception {
    SandboxIdentityCenter ic =
        SandboxIdentityCenter.fromSeed(
            ApplierTest.SEED, Clock.systemUTC(), ApplierTest.behaviour());
    Plan plan = Pipelines.plan(ic, ApplierTest.MATRIX);
    List<Operation> ops = Applier.operationsOf(plan);
    // The lease is lost once eight asynchronous operations were accepted: mid assignment phase.
    AtomicInteger failedChecks = new AtomicInteger();
    Fence fence =
        () -> {
          if (ic.stats().operationsSubmitted() >= 8) {
            failedChecks.incrementAndGet();
            throw new LeaseLostException("lost the apply lease (test)");
          }
        };
    RecordingJournal journal = new RecordingJournal();

    assertThatThrownBy(
            () ->
                new Applier(
                        ic,
                        plan.source().instanceArn(),
                        ApplierTest.settings(),
                        Clock.systemUTC(),
                        Sleeper.REAL,
                        new SplittableRandom(7),
                        journal,
                        new RateLimiter(
                            ApplierTest.settings().requestsPerSecond(),
                            Clock.systemUTC(),
                            Sleeper.REAL),
                        fence)
                    .run(ops))
        .isInstanceOf(LeaseLostException.class);
    assertThat(failedChecks).hasValue(1); // the run stopped at the first failed check
    assertThat(ic.stats().operationsSubmitted()).as("nothing submitted after").isEqualTo(8);
    List<Operation> left = journal.resumeState(ops);
    assertThat(left).as("the run stopped before the end").anyMatch(o -> !o.outcome().terminal());
    long submittedAsync = ic.stats().operationsSubmitted();

    RunResult resumed =
        new Applier(
                ic,
                plan.source().instanceArn(),
                ApplierTest.settings(),
                Clock.systemUTC(),
                Sleeper.REAL,
                new SplittableRandom(7),
                journal,
                new RateLimiter(
                    ApplierTest.settings().requestsPerSecond(), Clock.systemUTC(), Sleeper.REAL),
                Fence.NONE)
            .run(left);
    assertThat(resumed.status()).isEqualTo(RunStatus.SUCCEEDED);
    long stillInFlight =
        left.stream()
            .filter(
                o ->
                    o.outcome() == OperationOutcome.IN_FLIGHT
                        && o.requestId() != null
                        && o.kind() != OperationKind.CREATE_PERMISSION_SET
                        && o.kind() != OperationKind.UPDATE_PERMISSION_SET)
            .count();
    long neverSubmitted =
        left.stream()
            .filter(
                o ->
                    !o.outcome().terminal()
                        && o.requestId() == null
                        && o.kind() != OperationKind.CREATE_PERMISSION_SET
                        && o.kind() != OperationKind.UPDATE_PERMISSION_SET)
            .count();
    assertThat(ic.stats().operationsSubmitted() - submittedAsync)
        .as("the resume submits only what was never accepted (%d were in flight)", stillInFlight)
        .isEqualTo(neverSubmitted);
    assertThat(Pipelines.plan(ic, ApplierTest.MATRIX).changes()).isEmpty();
  }
}
