package dev.idcplane.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.OperationStatus;
import dev.idcplane.identitycenter.sandbox.SandboxBehaviour;
import dev.idcplane.identitycenter.sandbox.SandboxIdentityCenter;
import dev.idcplane.plan.Plan;
import dev.idcplane.support.MutableClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How apply treats what asynchronous operations and permission set creates answer: transient FAILED
 * outcomes, requests not yet visible, already-deleted assignments, a create that meets an existing
 * set, and a set that could not be created. On the sandbox, in virtual time: the sleeper moves the
 * clock the applier and the sandbox share.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AsyncOutcomesTest {
  static final int MAX_ATTEMPTS = 6;
  static final Duration GRACE = Duration.ofSeconds(1);
  static final ApplySettings SETTINGS =
      new ApplySettings(
          15,
          3,
          ApplierTest.RPS,
          Duration.ofMillis(3),
          Duration.ofMillis(40),
          MAX_ATTEMPTS,
          Duration.ofMillis(2),
          Duration.ofMillis(50),
          Duration.ofSeconds(20),
          GRACE);
  static final String TRY_AGAIN =
      "AWS SSO is unable to complete your request at this time."
          + " Obtaining permissions to manage your AWS account '666666666666' takes longer than usual."
          + " Please try again in a few minutes. If this problem continues, contact AWS Support.";

  /** Another 404 reason: shares the prefix of the already-deleted one, means something else. */
  static final String OTHER_404 =
      "Received a 404 status error: the GROUP assignee"
          + " 906702b3-5f0e-4d6b-9a8e-000000000001 was not found in directory d-9067c1a2b3";

  static final Set<String> DESCRIBES =
      Set.of(
          "DescribeAccountAssignmentCreationStatus",
          "DescribeAccountAssignmentDeletionStatus",
          "DescribePermissionSetProvisioningStatus");

  /** A new set with three assignments, added to the shipped matrix. */
  static final String OPS_YAML =
      """
      permission_sets:
        Ops:
          description: Operations on call
          session_duration: PT2H
          managed_policies:
            - arn:aws:iam::aws:policy/ReadOnlyAccess
          tags: {ManagedBy: idc-control-plane}
      assignments:
        - group: aws-secops
          permission_set: Ops
          accounts: [app-dev, app-staging, network]
      """;

  final MutableClock clock = MutableClock.at("2026-11-23T09:00:00Z");
  final Sleeper sleeper = clock::advance;

  SandboxIdentityCenter sandbox(SandboxBehaviour.Builder b) {
    return SandboxIdentityCenter.fromSeed(ApplierTest.SEED, clock, b.build());
  }

  static SandboxBehaviour.Builder behaviour() {
    return ApplierTest.behaviour().toBuilder();
  }

  RunResult apply(
      SandboxIdentityCenter ic, Plan plan, RecordingJournal journal, List<Operation> ops)
      throws InterruptedException {
    ic.resetCallCounts();
    return new Applier(
            ic,
            plan.source().instanceArn(),
            SETTINGS,
            clock,
            sleeper,
            new SplittableRandom(7),
            journal,
            new RateLimiter(SETTINGS.requestsPerSecond(), clock, sleeper),
            Fence.NONE)
        .run(ops);
  }

  static long calls(SandboxIdentityCenter ic, String operation) {
    return ic.callCounts().getOrDefault(operation, 0L);
  }

  static List<Operation> ofKind(RunResult r, OperationKind kind) {
    return r.operations().stream().filter(o -> o.kind() == kind).toList();
  }

  static Map<String, String> matrixWithOps() throws IOException {
    Map<String, String> files = new HashMap<>();
    try (var paths = Files.list(ApplierTest.MATRIX)) {
      for (Path p : paths.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        files.put(p.getFileName().toString(), Files.readString(p));
      }
    }
    files.put("ops.yaml", OPS_YAML);
    return files;
  }

  @Test
  void anOperationFailedForATransientReasonIsSubmittedAgainAndSucceeds() throws Exception {
    SandboxIdentityCenter ic =
        sandbox(
            behaviour()
                .failFirstOperations(2, OperationStatus.INTERNAL_FAILURE)
                .faultOperations(Set.of("CreateAccountAssignment")));
    Plan plan = Pipelines.plan(ic, ApplierTest.MATRIX);
    RecordingJournal journal = new RecordingJournal();
    RunResult result = apply(ic, plan, journal, Applier.operationsOf(plan));

    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    List<Operation> creates = ofKind(result, OperationKind.CREATE_ASSIGNMENT);
    assertThat(calls(ic, "CreateAccountAssignment")).isEqualTo(creates.size() + 2);
    assertThat(creates.stream().mapToInt(Operation::attempts).sum()).isEqualTo(creates.size() + 2);
    // Each resubmission was journaled with AWS's reason before it was made: the decision to submit
    // again (attempt 1), then the resubmission's attempt record (attempt 2), which keeps the reason
    // so that a resumed run counts that attempt against the bound.
    assertThat(journal.history)
        .filteredOn(
            o ->
                OperationStatus.INTERNAL_FAILURE.equals(o.error())
                    && o.outcome() == OperationOutcome.IN_FLIGHT
                    && o.requestId() == null)
        .extracting(Operation::attempts)
        .containsExactlyInAnyOrder(1, 1, 2, 2);
    assertThat(ic.stats().failedOperations()).isEqualTo(2);
    assertThat(Pipelines.plan(ic, ApplierTest.MATRIX).changes()).isEmpty();
  }

  @Test
  void transientFailuresStopAtMaxAttemptsAndATerminalReasonFailsAtOnce() throws Exception {
    SandboxIdentityCenter flaky =
        sandbox(
            behaviour()
                .failedOperations(1.0, TRY_AGAIN)
                .faultOperations(Set.of("CreateAccountAssignment")));
    Plan plan = Pipelines.plan(flaky, ApplierTest.MATRIX);
    RunResult result = apply(flaky, plan, new RecordingJournal(), Applier.operationsOf(plan));

    List<Operation> creates = ofKind(result, OperationKind.CREATE_ASSIGNMENT);
    assertThat(creates)
        .isNotEmpty()
        .allSatisfy(
            o -> {
              assertThat(o.outcome()).isEqualTo(OperationOutcome.FAILED);
              assertThat(o.attempts()).isEqualTo(MAX_ATTEMPTS);
              assertThat(o.error()).startsWith(TRY_AGAIN).contains("all 6 submissions");
            });
    assertThat(calls(flaky, "CreateAccountAssignment")).isEqualTo(creates.size() * MAX_ATTEMPTS);

    SandboxIdentityCenter broken =
        sandbox(
            behaviour()
                .failedOperations(1.0, OTHER_404)
                .faultOperations(Set.of("CreateAccountAssignment")));
    RunResult terminal = apply(broken, plan, new RecordingJournal(), Applier.operationsOf(plan));
    assertThat(ofKind(terminal, OperationKind.CREATE_ASSIGNMENT))
        .allSatisfy(
            o -> {
              assertThat(o.outcome()).isEqualTo(OperationOutcome.FAILED);
              assertThat(o.attempts()).isEqualTo(1);
              assertThat(o.error()).isEqualTo(OTHER_404);
            });
    assertThat(calls(broken, "CreateAccountAssignment")).isEqualTo(creates.size());
  }

  @Test
  void aResumedRunCountsTheJournaledAttemptsAgainstTheBound() throws Exception {
    SandboxIdentityCenter ic =
        sandbox(
            behaviour()
                .failedOperations(1.0, OperationStatus.INTERNAL_FAILURE)
                .faultOperations(Set.of("CreateAccountAssignment")));
    Plan plan = Pipelines.plan(ic, ApplierTest.MATRIX);
    // As the journal holds them after an interruption: retrying after a transient failure. Only
    // assignments of live sets: those of sets the plan creates (not in this list) are skipped.
    List<Operation> creates =
        Applier.operationsOf(plan).stream()
            .filter(
                o ->
                    o.change() instanceof dev.idcplane.plan.Change.CreateAssignment c
                        && c.permissionSetArn() != null)
            .toList();
    assertThat(creates).hasSizeGreaterThan(1);
    int spent = creates.get(0).seq();
    List<Operation> resumed =
        creates.stream()
            .map(
                o ->
                    new Operation(
                        o.seq(),
                        o.change(),
                        o.kind(),
                        OperationOutcome.IN_FLIGHT,
                        null,
                        o.seq() == spent ? MAX_ATTEMPTS : MAX_ATTEMPTS - 2,
                        clock.instant(),
                        clock.instant(),
                        null,
                        OperationStatus.INTERNAL_FAILURE))
            .toList();

    RunResult result = apply(ic, plan, new RecordingJournal(), resumed);

    assertThat(result.operations())
        .allSatisfy(
            o -> {
              assertThat(o.outcome()).isEqualTo(OperationOutcome.FAILED);
              assertThat(o.attempts()).isEqualTo(MAX_ATTEMPTS);
              assertThat(o.error()).startsWith(OperationStatus.INTERNAL_FAILURE);
            });
    assertThat(calls(ic, "CreateAccountAssignment")).isEqualTo((creates.size() - 1) * 2L);
  }

  @Test
  void aStatusNotFoundJustAfterSubmissionIsNotYetVisibleUntilTheGraceEnds() throws Exception {
    SandboxIdentityCenter lagging =
        sandbox(behaviour().hiddenDescribes(3).faultOperations(DESCRIBES));
    Plan plan = Pipelines.plan(lagging, ApplierTest.MATRIX);
    RunResult result = apply(lagging, plan, new RecordingJournal(), Applier.operationsOf(plan));
    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(Pipelines.plan(lagging, ApplierTest.MATRIX).changes()).isEmpty();

    SandboxIdentityCenter lost =
        sandbox(
            behaviour()
                .hiddenDescribes(Integer.MAX_VALUE)
                .faultOperations(Set.of("DescribePermissionSetProvisioningStatus")));
    RunResult never = apply(lost, plan, new RecordingJournal(), Applier.operationsOf(plan));
    List<Operation> provisions = ofKind(never, OperationKind.PROVISION_PERMISSION_SET);
    assertThat(provisions)
        .isNotEmpty()
        .allSatisfy(
            o -> {
              assertThat(o.outcome()).isEqualTo(OperationOutcome.FAILED);
              assertThat(o.error())
                  .contains("does not know request " + o.requestId())
                  .contains("apply again");
              assertThat(Duration.between(o.submittedAt(), o.finishedAt()))
                  .isGreaterThanOrEqualTo(GRACE);
            });
  }

  @Test
  void onlyAwsExactReasonMeansTheAssignmentWasAlreadyDeleted() throws Exception {
    SandboxIdentityCenter ic =
        sandbox(
            behaviour()
                .failFirstOperations(1, OTHER_404)
                .faultOperations(Set.of("DeleteAccountAssignment")));
    Plan plan = Pipelines.plan(ic, ApplierTest.MATRIX);
    RunResult result = apply(ic, plan, new RecordingJournal(), Applier.operationsOf(plan));
    List<Operation> deletes = ofKind(result, OperationKind.DELETE_ASSIGNMENT);
    assertThat(deletes).hasSizeGreaterThan(1);
    assertThat(deletes)
        .filteredOn(o -> o.outcome() == OperationOutcome.FAILED)
        .singleElement()
        .satisfies(o -> assertThat(o.error()).isEqualTo(OTHER_404));

    // The assignments are gone before the run: AWS fails each deletion with its exact reason.
    SandboxIdentityCenter gone = sandbox(behaviour());
    Plan again = Pipelines.plan(gone, ApplierTest.MATRIX);
    again.changes().stream()
        .filter(c -> c instanceof dev.idcplane.plan.Change.DeleteAssignment)
        .map(c -> (dev.idcplane.plan.Change.DeleteAssignment) c)
        .forEach(
            d ->
                gone.deleteAccountAssignment(
                    new dev.idcplane.identitycenter.AccountAssignment(
                        d.assignment().accountId(),
                        d.permissionSetArn(),
                        d.assignment().principalType(),
                        d.assignment().principalId())));
    RunResult already = apply(gone, again, new RecordingJournal(), Applier.operationsOf(again));
    assertThat(ofKind(already, OperationKind.DELETE_ASSIGNMENT))
        .allSatisfy(o -> assertThat(o.outcome()).isEqualTo(OperationOutcome.SUCCEEDED));
  }

  @Test
  void aCreateThatMeetsAnExistingSetAdoptsItWithoutRetrying() throws Exception {
    SandboxIdentityCenter ic =
        sandbox(behaviour().createConflicts(1).faultOperations(Set.of("CreatePermissionSet")));
    Map<String, String> matrix = matrixWithOps();
    Plan plan = Pipelines.plan(ic, matrix);
    RunResult result = apply(ic, plan, new RecordingJournal(), Applier.operationsOf(plan));

    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
    // One CreatePermissionSet per new set (the shipped matrix adds BreakGlass and SecOpsResponder
    // too): the one that met an existing set was not sent again.
    List<Operation> setCreates = ofKind(result, OperationKind.CREATE_PERMISSION_SET);
    assertThat(setCreates)
        .extracting(o -> ((dev.idcplane.plan.Change.CreatePermissionSet) o.change()).name())
        .contains("Ops");
    assertThat(calls(ic, "CreatePermissionSet")).isEqualTo(setCreates.size());
    assertThat(result.counters().retries(IdentityCenterException.Kind.CONFLICT)).isZero();
    // The adopted set was converged to the matrix: nothing is left to change.
    assertThat(Pipelines.plan(ic, matrix).changes()).isEmpty();
  }

  @Test
  void aSetThatFailedToCreateIsLookedUpOncePerRun() throws Exception {
    SandboxIdentityCenter ic =
        sandbox(behaviour().serviceErrorRate(1.0).faultOperations(Set.of("CreatePermissionSet")));
    Plan plan = Pipelines.plan(ic, matrixWithOps());
    RunResult result = apply(ic, plan, new RecordingJournal(), Applier.operationsOf(plan));

    // The shipped matrix adds BreakGlass and SecOpsResponder too: Ops and they all fail to create.
    List<Operation> setCreates = ofKind(result, OperationKind.CREATE_PERMISSION_SET);
    assertThat(setCreates)
        .hasSize(3)
        .allSatisfy(o -> assertThat(o.outcome()).isEqualTo(OperationOutcome.FAILED));
    List<Operation> dependents =
        result.operations().stream()
            .filter(
                o ->
                    o.change() instanceof dev.idcplane.plan.Change.CreateAssignment c
                        && c.permissionSetArn() == null)
            .toList();
    assertThat(dependents)
        .filteredOn(
            o ->
                ((dev.idcplane.plan.Change.CreateAssignment) o.change())
                    .assignment()
                    .permissionSetName()
                    .equals("Ops"))
        .hasSize(3);
    assertThat(dependents)
        .hasSizeGreaterThan(2 * setCreates.size())
        .allSatisfy(o -> assertThat(o.outcome()).isEqualTo(OperationOutcome.SKIPPED));
    assertThat(calls(ic, "CreatePermissionSet")).isEqualTo(setCreates.size() * MAX_ATTEMPTS);
    // Per set, once before creating, once after the failed create (it may have landed); never per
    // dependent.
    assertThat(calls(ic, "ListPermissionSets")).isEqualTo(2L * setCreates.size());

    // Resumed with the create already FAILED: its dependents are skipped without a lookup.
    RunResult resumed =
        apply(
            ic,
            plan,
            new RecordingJournal(),
            result.operations().stream()
                .map(
                    o ->
                        o.kind() == OperationKind.CREATE_PERMISSION_SET
                            ? o
                            : Operation.pending(o.seq(), o.change()))
                .toList());
    assertThat(resumed.operations())
        .filteredOn(o -> dependents.stream().anyMatch(d -> d.seq() == o.seq()))
        .allSatisfy(o -> assertThat(o.outcome()).isEqualTo(OperationOutcome.SKIPPED));
    assertThat(calls(ic, "ListPermissionSets")).isZero();
  }
}
