package dev.idcplane.identitycenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.IdentityCenterException.Kind;
import dev.idcplane.identitycenter.OperationState;
import dev.idcplane.identitycenter.OperationStatus;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.support.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** Injected faults happen at their configured frequency, repeatably for a seed. */
class SandboxFaultsTest {
  private static final Path SEED = Path.of("deploy", "sandbox", "seed.yaml");
  private final MutableClock clock = MutableClock.at("2030-01-01T00:00:00Z");

  private SandboxIdentityCenter load(SandboxBehaviour.Builder behaviour) {
    return SandboxIdentityCenter.fromSeed(SEED, clock, behaviour.build());
  }

  private static SandboxBehaviour.Builder unlimited() {
    return SandboxBehaviour.instant().toBuilder().seed(7).maxOutstandingOperations(1000);
  }

  private static AccountAssignment assignment(SandboxIdentityCenter s) {
    var instance = s.listInstances().get(0);
    String ps =
        s.listPermissionSets(instance.instanceArn()).stream()
            .filter(
                a -> s.describePermissionSet(instance.instanceArn(), a).name().equals("PowerUser"))
            .findFirst()
            .orElseThrow();
    return new AccountAssignment(
        "444444444444",
        ps,
        PrincipalType.GROUP,
        s.findGroupId(instance.identityStoreId(), "aws-team-a-leads").orElseThrow());
  }

  /** Which of {@code n} calls failed with {@code kind}. */
  private static List<Boolean> failures(int n, Kind kind, Supplier<?> call) {
    List<Boolean> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      try {
        call.get();
        out.add(false);
      } catch (IdentityCenterException e) {
        assertThat(e.kind()).isEqualTo(kind);
        out.add(true);
      }
    }
    return out;
  }

  private static long count(List<Boolean> failures) {
    return failures.stream().filter(b -> b).count();
  }

  @Test
  void serviceErrorsComeAtTheirRateAndRepeatForASeed() {
    SandboxIdentityCenter s = load(unlimited().serviceErrorRate(0.2));
    List<Boolean> first = failures(2000, Kind.SERVICE, s::listInstances);
    assertThat(count(first)).isBetween(340L, 460L);
    assertThat(s.stats().serviceErrors()).isEqualTo(count(first));
    assertThat(s.stats().faultsInjected()).isEqualTo(count(first));
    SandboxIdentityCenter again = load(unlimited().serviceErrorRate(0.2));
    assertThat(failures(2000, Kind.SERVICE, again::listInstances)).isEqualTo(first);
  }

  @Test
  void faultsTargetOnlyTheNamedOperations() {
    SandboxIdentityCenter s =
        load(unlimited().serviceErrorRate(1).faultOperations(Set.of("CreateAccountAssignment")));
    String instance = s.listInstances().get(0).instanceArn();
    AccountAssignment a = assignment(s);
    assertThat(count(failures(10, Kind.SERVICE, () -> s.createAccountAssignment(instance, a))))
        .isEqualTo(10);
    assertThat(count(failures(10, Kind.SERVICE, () -> s.deleteAccountAssignment(instance, a))))
        .isZero();
  }

  @Test
  void failedOperationsComeAtTheirRateWithTheirReason() {
    SandboxIdentityCenter s =
        load(unlimited().failedOperations(0.25, "injected: role quota reached"));
    String instance = s.listInstances().get(0).instanceArn();
    AccountAssignment a = assignment(s);
    List<OperationStatus> done = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      String id = s.createAccountAssignment(instance, a).requestId();
      done.add(s.describeAccountAssignmentCreationStatus(instance, id));
    }
    List<OperationStatus> failed =
        done.stream().filter(o -> o.state() == OperationState.FAILED).toList();
    assertThat((long) failed.size()).isBetween(70L, 130L).isEqualTo(s.stats().failedOperations());
    assertThat(failed)
        .allSatisfy(o -> assertThat(o.failureReason()).isEqualTo("injected: role quota reached"));
    assertThat(s.listAccountAssignmentCreationStatus(instance, OperationState.FAILED))
        .hasSameSizeAs(failed)
        .allSatisfy(o -> assertThat(o.failureReason()).isNull());
  }

  @Test
  void slowOperationsTakeTheirFactorLonger() {
    SandboxIdentityCenter s =
        load(unlimited().latency(Latency.fixed(Duration.ofSeconds(1))).slowOperations(0.5, 10));
    String instance = s.listInstances().get(0).instanceArn();
    AccountAssignment a = assignment(s);
    for (int i = 0; i < 200; i++) {
      s.createAccountAssignment(instance, a);
    }
    clock.advance(Duration.ofSeconds(1));
    int slow = s.operationsInProgress();
    assertThat((long) slow).isBetween(70L, 130L).isEqualTo(s.stats().slowOperations());
    clock.advance(Duration.ofMillis(8999));
    assertThat(s.operationsInProgress()).isEqualTo(slow);
    clock.advance(Duration.ofMillis(1));
    assertThat(s.operationsInProgress()).isZero();
    assertThat(s.stats().maxOutstandingOperations()).isEqualTo(200);
  }

  @Test
  void aThrottleStormThrottlesItsFractionOnlyInsideItsWindow() {
    var storm = new Faults.ThrottleStorm(Duration.ofSeconds(10), Duration.ofSeconds(10), 0.5);
    SandboxIdentityCenter s = load(unlimited().throttleStorms(List.of(storm)));
    assertThat(count(failures(100, Kind.THROTTLED, s::listInstances))).isZero();
    clock.advance(Duration.ofSeconds(10));
    long during = count(failures(400, Kind.THROTTLED, s::listInstances));
    assertThat(during).isBetween(160L, 240L);
    assertThat(count(failures(50, Kind.SERVICE, s::listRoots))).isZero();
    clock.advance(Duration.ofSeconds(10));
    assertThat(count(failures(100, Kind.THROTTLED, s::listInstances))).isZero();
    SandboxStats stats = s.stats();
    assertThat(stats.stormThrottles()).isEqualTo(during);
    assertThat(stats.throttles()).isEqualTo(during);
    assertThat(stats.rateThrottles()).isZero();
  }

  @Test
  void logNormalLatenciesHaveTheirMean() {
    Latency l = Latency.logNormal(Duration.ofSeconds(5), Duration.ofSeconds(3));
    Random rng = new Random(1);
    double sum = 0;
    for (int i = 0; i < 20_000; i++) {
      Duration d = l.draw(rng);
      assertThat(d).isPositive();
      sum += d.toNanos();
    }
    assertThat(sum / 20_000 / 1e9).isBetween(4.8, 5.2);
  }
}
