package dev.idcplane.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.apply.Applier;
import dev.idcplane.apply.Operation;
import dev.idcplane.apply.OperationKind;
import dev.idcplane.apply.OperationOutcome;
import dev.idcplane.apply.RunStatus;
import dev.idcplane.config.ForApply;
import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.OperationStatus;
import dev.idcplane.identitycenter.sandbox.SandboxIdentityCenter;
import dev.idcplane.persistence.RunEntity;
import dev.idcplane.persistence.RunRepository;
import dev.idcplane.plan.Change;
import dev.idcplane.planning.MatrixInput;
import dev.idcplane.planning.PlanningService;
import dev.idcplane.support.TestKeys;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A run left RUNNING by a stopped process, as the database holds it: some operations finished, one
 * submitted with its request id recorded, one submitted before its request id was recorded, the
 * rest pending. Resuming at start polls the recorded request instead of resubmitting it, finds the
 * assignment the unrecorded submission made instead of sending it again, submits each pending
 * operation once, and ends the run with a final status.
 */
@QuarkusTest
@TestProfile(ResumeAtStartTest.OwnWorld.class)
@QuarkusTestResource(TestKeys.class)
class ResumeAtStartTest {
  /** Its own profile: its own application start and sandbox world. */
  public static class OwnWorld extends dev.idcplane.support.SmallWaits {}

  static final String MATRIX =
      "permission_sets:\n  PowerUser:\n"
          + "    description: Everything except IAM and Organizations\n    session_duration: PT4H\n"
          + "    managed_policies: [arn:aws:iam::aws:policy/PowerUserAccess]\n"
          + "    tags: {ManagedBy: idc-control-plane}\n"
          + "assignments:\n  - group: aws-team-a-leads\n    permission_set: PowerUser\n"
          + "    ous: [_root_]\n    exclude_accounts: [management]\n";

  @Inject PlanningService planning;
  @Inject ApplyService apply;
  @Inject RunRepository runs;
  // The sandbox itself: the read bean wraps it in the request pacer.
  @Inject @ForApply IdentityCenter identityCenter;

  @Test
  void resumesARunAStoppedProcessLeftRunning() throws Exception {
    SandboxIdentityCenter ic = (SandboxIdentityCenter) ClientProxy.unwrap(identityCenter);
    var plan =
        planning.plan(
            new MatrixInput(Optional.of(Map.of("resume.yaml", MATRIX)), Optional.of("abc1234")),
            "resume-test");
    List<Operation> ops = new ArrayList<>(Applier.operationsOf(plan.plan()));
    assertThat(ops)
        .hasSizeGreaterThanOrEqualTo(5)
        .allMatch(o -> o.kind() == OperationKind.CREATE_ASSIGNMENT);
    String instance = plan.plan().source().instanceArn();
    Instant t = dev.idcplane.support.TestClock.now();

    // Operation 0 finished; 1 was submitted and its request id recorded; 2 was submitted but the
    // process stopped before recording the id; the rest never started.
    OperationStatus done = ic.createAccountAssignment(instance, target(ops.get(0)));
    ops.set(0, ops.get(0).attempt(t).submitted(done.requestId(), t).succeeded(t));
    OperationStatus recorded = ic.createAccountAssignment(instance, target(ops.get(1)));
    ops.set(1, ops.get(1).attempt(t).submitted(recorded.requestId(), t));
    ic.createAccountAssignment(instance, target(ops.get(2)));
    ops.set(2, ops.get(2).attempt(t));

    RunEntity run = new RunEntity();
    run.id = UUID.randomUUID();
    run.planId = plan.view().id();
    run.instanceArn = instance;
    run.status = RunStatus.RUNNING.name();
    run.startedBy = "before-restart";
    run.startedAt = t;
    run.matrixDigest = plan.plan().source().matrixDigest();
    run.operationCount = ops.size();
    runs.create(run, ops);
    long submittedBefore = ic.callCounts().getOrDefault("CreateAccountAssignment", 0L);

    apply.resume(null);
    RunStatus status = apply.running(run.id).orElseThrow().get(60, TimeUnit.SECONDS);

    assertThat(status).isEqualTo(RunStatus.SUCCEEDED);
    assertThat(runs.find(run.id).orElseThrow().status).isEqualTo("SUCCEEDED");
    List<Operation> after = runs.operations(run.id);
    assertThat(after).allMatch(o -> o.outcome() == OperationOutcome.SUCCEEDED);
    assertThat(after.get(1).requestId()).isEqualTo(recorded.requestId());
    assertThat(after.get(0).attempts()).isEqualTo(1);
    // Operation 2 (id unknown) was found done, not sent again (AWS would have taken a second
    // create); only the pending ones were submitted: n - 3.
    assertThat(after.get(2).attempts()).isEqualTo(1);
    long submittedAfter = ic.callCounts().getOrDefault("CreateAccountAssignment", 0L);
    assertThat(submittedAfter - submittedBefore).isEqualTo(ops.size() - 3);
    assertThat(
            planning
                .plan(
                    new MatrixInput(Optional.of(Map.of("resume.yaml", MATRIX)), Optional.empty()),
                    "resume-test")
                .plan()
                .changes())
        .isEmpty();
  }

  private static AccountAssignment target(Operation op) {
    Change.CreateAssignment c = (Change.CreateAssignment) op.change();
    return new AccountAssignment(
        c.assignment().accountId(),
        c.permissionSetArn(),
        c.assignment().principalType(),
        c.assignment().principalId());
  }
}
