package dev.idcplane.identitycenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.IdentityCenterException.Kind;
import dev.idcplane.identitycenter.OperationState;
import dev.idcplane.identitycenter.OperationStatus;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.ProvisioningStatus;
import dev.idcplane.support.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Asynchronous operations, caps and the request rate on a clock the test moves. */
class SandboxOperationsTest {
  private static final Path SEED = Path.of("deploy", "sandbox", "seed.yaml");
  private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");
  private SandboxIdentityCenter sandbox;
  private String instance;

  private SandboxIdentityCenter load(SandboxBehaviour behaviour) {
    sandbox = SandboxIdentityCenter.fromSeed(SEED, clock, behaviour);
    instance = sandbox.listInstances().get(0).instanceArn();
    return sandbox;
  }

  private String arn(String name) {
    return sandbox.listPermissionSets(instance).stream()
        .filter(a -> sandbox.describePermissionSet(instance, a).name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private AccountAssignment leadsPowerUserIn(String account) {
    String store = sandbox.listInstances().get(0).identityStoreId();
    return new AccountAssignment(
        account,
        arn("PowerUser"),
        PrincipalType.GROUP,
        sandbox.findGroupId(store, "aws-team-a-leads").orElseThrow());
  }

  private static void assertKind(Runnable call, Kind kind, String message) {
    assertThatThrownBy(call::run)
        .isInstanceOfSatisfying(
            IdentityCenterException.class,
            e -> {
              assertThat(e.kind()).isEqualTo(kind);
              assertThat(e.getMessage()).contains(message);
            });
  }

  @Test
  void aControllableClockMovesAnOperationThroughItsLatency() {
    load(
        SandboxBehaviour.defaults().toBuilder()
            .latency(Latency.fixed(Duration.ofSeconds(5)))
            .build());
    AccountAssignment a = leadsPowerUserIn("444444444444");
    OperationStatus submitted = sandbox.createAccountAssignment(instance, a);
    assertThat(submitted.state()).isEqualTo(OperationState.IN_PROGRESS);
    assertThat(submitted.createdAt()).isEqualTo(clock.instant());
    assertThat(sandbox.listAccountAssignmentCreationStatus(instance, OperationState.IN_PROGRESS))
        .extracting(OperationStatus::requestId)
        .containsExactly(submitted.requestId());
    assertThat(sandbox.listAccountAssignments(instance, "444444444444", a.permissionSetArn()))
        .doesNotContain(a);

    clock.advance(Duration.ofMillis(4999));
    assertThat(
            sandbox
                .describeAccountAssignmentCreationStatus(instance, submitted.requestId())
                .state())
        .isEqualTo(OperationState.IN_PROGRESS);
    clock.advance(Duration.ofMillis(1));
    assertThat(
            sandbox
                .describeAccountAssignmentCreationStatus(instance, submitted.requestId())
                .state())
        .isEqualTo(OperationState.SUCCEEDED);
    assertThat(sandbox.listAccountAssignments(instance, "444444444444", a.permissionSetArn()))
        .contains(a);
    assertThat(sandbox.listAccountAssignmentCreationStatus(instance, OperationState.SUCCEEDED))
        .extracting(OperationStatus::requestId)
        .containsExactly(submitted.requestId());

    OperationStatus deletion = sandbox.deleteAccountAssignment(instance, a);
    assertThat(sandbox.listAccountAssignments(instance, "444444444444", a.permissionSetArn()))
        .contains(a);
    clock.advance(Duration.ofSeconds(5));
    assertThat(
            sandbox.describeAccountAssignmentDeletionStatus(instance, deletion.requestId()).state())
        .isEqualTo(OperationState.SUCCEEDED);
    assertThat(sandbox.listAccountAssignments(instance, "444444444444", a.permissionSetArn()))
        .doesNotContain(a);
  }

  @Test
  void provisioningSucceedsOnTheClockAndBringsCopiesUpToDate() {
    load(
        SandboxBehaviour.defaults().toBuilder()
            .latency(Latency.fixed(Duration.ofSeconds(3)))
            .build());
    String dev = arn("AppDeveloper");
    sandbox.putInlinePolicy(instance, dev, "{\"Version\":\"2012-10-17\",\"Statement\":[]}");
    var stale = ProvisioningStatus.LATEST_PERMISSION_SET_NOT_PROVISIONED;
    assertThat(sandbox.listAccountsForProvisionedPermissionSet(instance, dev, stale)).isNotEmpty();
    OperationStatus p = sandbox.provisionPermissionSet(instance, dev);
    clock.advance(Duration.ofSeconds(2));
    assertThat(sandbox.listAccountsForProvisionedPermissionSet(instance, dev, stale)).isNotEmpty();
    clock.advance(Duration.ofSeconds(1));
    assertThat(sandbox.describePermissionSetProvisioningStatus(instance, p.requestId()).state())
        .isEqualTo(OperationState.SUCCEEDED);
    assertThat(sandbox.listAccountsForProvisionedPermissionSet(instance, dev, stale)).isEmpty();
  }

  @Test
  void theSixteenthSubmissionIsThrottledWhileFifteenAreInProgress() {
    load(SandboxBehaviour.defaults());
    AccountAssignment a = leadsPowerUserIn("444444444444");
    clock.advance(Duration.ofSeconds(1)); // the set-up reads leave the request-rate window
    for (int i = 0; i < 15; i++) {
      sandbox.createAccountAssignment(instance, a);
    }
    assertKind(
        () -> sandbox.deleteAccountAssignment(instance, a),
        Kind.THROTTLED,
        "There are too many requests processing. Please try again later.");
    assertThat(sandbox.operationsInProgress()).isEqualTo(15);
    clock.advance(Duration.ofSeconds(8));
    assertThat(sandbox.operationsInProgress()).isZero();
    assertThat(sandbox.deleteAccountAssignment(instance, a).state())
        .isEqualTo(OperationState.IN_PROGRESS);
    SandboxStats stats = sandbox.stats();
    assertThat(stats.maxOutstandingOperations()).isEqualTo(15);
    assertThat(stats.outstandingCapRejections()).isEqualTo(1);
    assertThat(stats.operationsSubmitted()).isEqualTo(16);
  }

  @Test
  void theFourthConcurrentProvisioningConflicts() {
    load(SandboxBehaviour.defaults());
    String dev = arn("AppDeveloper");
    String powerUser = arn("PowerUser");
    AccountAssignment a = leadsPowerUserIn("444444444444");
    clock.advance(Duration.ofSeconds(1)); // the set-up reads leave the request-rate window
    for (int i = 0; i < 3; i++) {
      sandbox.provisionPermissionSet(instance, dev);
    }
    assertKind(
        () -> sandbox.provisionPermissionSet(instance, powerUser),
        Kind.CONFLICT,
        "conflicting operation in process");
    sandbox.createAccountAssignment(instance, a);
    clock.advance(Duration.ofSeconds(8));
    sandbox.provisionPermissionSet(instance, dev);
    SandboxStats stats = sandbox.stats();
    assertThat(stats.maxConcurrentProvisioning()).isEqualTo(3);
    assertThat(stats.maxOutstandingOperations()).isEqualTo(4);
    assertThat(stats.provisioningConflicts()).isEqualTo(1);
  }

  @Test
  void callsBeyondTwentyInOneSecondAreThrottled() {
    load(SandboxBehaviour.defaults());
    sandbox.resetCallCounts();
    clock.advance(Duration.ofSeconds(1));
    for (int i = 0; i < 20; i++) {
      sandbox.listInstances();
      clock.advance(Duration.ofMillis(10));
    }
    assertKind(sandbox::listInstances, Kind.THROTTLED, "Rate exceeded");
    sandbox.listRoots();
    clock.advance(Duration.ofMillis(810));
    sandbox.listInstances();
    SandboxStats stats = sandbox.stats();
    assertThat(stats.maxRequestsInOneSecond()).isEqualTo(20);
    assertThat(stats.rateThrottles()).isEqualTo(1);
    assertThat(stats.callCounts())
        .containsEntry("ListInstances", 22L)
        .containsEntry("ListRoots", 1L);
  }

  @Test
  void deletingAnAbsentAssignmentIsAcceptedAndFailsNotFound() {
    load(SandboxBehaviour.fast().toBuilder().latency(Latency.fixed(Duration.ofSeconds(1))).build());
    OperationStatus d = sandbox.deleteAccountAssignment(instance, leadsPowerUserIn("444444444444"));
    assertThat(d.state()).isEqualTo(OperationState.IN_PROGRESS);
    clock.advance(Duration.ofSeconds(1));
    OperationStatus failed =
        sandbox.describeAccountAssignmentDeletionStatus(instance, d.requestId());
    assertThat(failed.state()).isEqualTo(OperationState.FAILED);
    assertThat(failed.failedNotFound()).isTrue();
    assertThat(failed.failureReason()).contains("EntitlementItem doesn't exist");
  }

  @Test
  void aMissingPrincipalFailsTheCreationAndAnUnknownSetIsRejectedAtOnce() {
    load(SandboxBehaviour.instant());
    AccountAssignment ghost =
        new AccountAssignment(
            "444444444444",
            arn("PowerUser"),
            PrincipalType.USER,
            "00000000-0000-0000-0000-000000000000");
    String id = sandbox.createAccountAssignment(instance, ghost).requestId();
    OperationStatus s = sandbox.describeAccountAssignmentCreationStatus(instance, id);
    assertThat(s.state()).isEqualTo(OperationState.FAILED);
    assertThat(s.failureReason()).startsWith("Received a 404 status error: the USER assignee");
    String unknown = arn("PowerUser").replaceAll("ps-[0-9a-z]+$", "ps-0000000000000000");
    assertKind(
        () ->
            sandbox.createAccountAssignment(
                instance, new AccountAssignment("444444444444", unknown, PrincipalType.USER, "x")),
        Kind.NOT_FOUND,
        "PermissionSet");
  }

  @Test
  void requestIdsRepeatForASeedAndLookLikeAwsIds() {
    AccountAssignment a;
    load(SandboxBehaviour.instant().toBuilder().seed(42).build());
    a = leadsPowerUserIn("444444444444");
    String first = sandbox.createAccountAssignment(instance, a).requestId();
    load(SandboxBehaviour.instant().toBuilder().seed(42).build());
    assertThat(sandbox.createAccountAssignment(instance, a).requestId()).isEqualTo(first);
    load(SandboxBehaviour.instant().toBuilder().seed(43).build());
    assertThat(sandbox.createAccountAssignment(instance, a).requestId()).isNotEqualTo(first);
    assertThat(first)
        .matches("\\b[0-9a-f]{8}\\b-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-\\b[0-9a-f]{12}\\b");
  }
}
