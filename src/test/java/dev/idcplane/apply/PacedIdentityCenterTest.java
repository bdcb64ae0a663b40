package dev.idcplane.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idcplane.identitycenter.ApiService;
import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.NewPermissionSet;
import dev.idcplane.identitycenter.RequestPacer;
import dev.idcplane.identitycenter.sandbox.Faults;
import dev.idcplane.identitycenter.sandbox.SandboxBehaviour;
import dev.idcplane.identitycenter.sandbox.SandboxBuilder;
import dev.idcplane.identitycenter.sandbox.SandboxIdentityCenter;
import dev.idcplane.support.MutableClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class PacedIdentityCenterTest {
  private final MutableClock clock = MutableClock.at("2026-03-01T09:00:00Z");
  private final List<ApiService> tokens = new CopyOnWriteArrayList<>();
  private final RequestPacer recorder = tokens::add;

  private SandboxBuilder world(SandboxBehaviour behaviour) {
    SandboxBuilder b =
        SandboxIdentityCenter.builder()
            .clock(clock)
            .behaviour(behaviour)
            .pacer(recorder)
            .organization("o-pacetest01", "100000000000", null)
            .account("", "100000000000", "management", null, null);
    for (int i = 0; i < 45; i++) {
      b.account("", String.format("2000000000%02d", i), "acct-" + i, null, null);
    }
    return b;
  }

  private PacedIdentityCenter paced(SandboxIdentityCenter sandbox, int attempts) {
    return new PacedIdentityCenter(
        sandbox,
        recorder,
        new ReadRetry(
            attempts, Duration.ofSeconds(30), Duration.ofMillis(500), Duration.ofSeconds(5)),
        clock,
        clock::advance,
        new SplittableRandom(3));
  }

  private static SandboxBehaviour stormOn(String operation, Duration length) {
    return SandboxBehaviour.instant().toBuilder()
        .throttleStorms(List.of(new Faults.ThrottleStorm(Duration.ZERO, length, 1.0)))
        .faultOperations(Set.of(operation))
        .build();
  }

  @Test
  void everyPageTakesOneTokenFromItsServiceAndNoneTakesTwo() {
    SandboxIdentityCenter sandbox = world(SandboxBehaviour.instant()).build();
    PacedIdentityCenter ic = paced(sandbox, 3);
    String root = ic.listRoots().get(0).id();
    tokens.clear();

    assertThat(ic.listAccountsForParent(root)).hasSize(46);
    String instance = ic.listInstances().get(0).instanceArn();

    // 46 accounts are three pages of 20: three requests, three tokens; then one sso-admin call.
    assertThat(sandbox.callCounts()).containsEntry("ListAccountsForParent", 3L);
    assertThat(tokens)
        .containsExactly(
            ApiService.ORGANIZATIONS,
            ApiService.ORGANIZATIONS,
            ApiService.ORGANIZATIONS,
            ApiService.SSO_ADMIN);
    assertThat(instance).isNotBlank();
  }

  @Test
  void aThrottledReadIsRetriedWithBackoffEachAttemptPaced() {
    SandboxIdentityCenter sandbox =
        world(stormOn("ListPermissionSets", Duration.ofSeconds(2))).build();
    String instance = sandbox.listInstances().get(0).instanceArn();
    tokens.clear();

    assertThat(paced(sandbox, 20).listPermissionSets(instance)).isEmpty();

    long attempts = sandbox.callCounts().get("ListPermissionSets");
    assertThat(attempts).isGreaterThan(1);
    assertThat(tokens).hasSize((int) attempts);
    assertThat(clock.instant()).isAfterOrEqualTo(java.time.Instant.parse("2026-03-01T09:00:02Z"));
  }

  @Test
  void aReadStillThrottledAfterItsAttemptsFailsThrottled() {
    SandboxIdentityCenter sandbox =
        world(stormOn("ListPermissionSets", Duration.ofHours(1))).build();
    String instance = sandbox.listInstances().get(0).instanceArn();

    assertThatThrownBy(() -> paced(sandbox, 3).listPermissionSets(instance))
        .isInstanceOfSatisfying(
            IdentityCenterException.class,
            e -> assertThat(e.kind()).isEqualTo(IdentityCenterException.Kind.THROTTLED));
    assertThat(sandbox.callCounts()).containsEntry("ListPermissionSets", 3L);
  }

  @Test
  void aReadIsNotRetriedPastItsTimeBound() {
    SandboxIdentityCenter sandbox =
        world(stormOn("ListPermissionSets", Duration.ofHours(1))).build();
    String instance = sandbox.listInstances().get(0).instanceArn();
    PacedIdentityCenter ic =
        new PacedIdentityCenter(
            sandbox,
            recorder,
            new ReadRetry(
                1000, Duration.ofSeconds(10), Duration.ofSeconds(1), Duration.ofSeconds(4)),
            clock,
            clock::advance,
            new SplittableRandom(3));
    java.time.Instant start = clock.instant();

    assertThatThrownBy(() -> ic.listPermissionSets(instance))
        .isInstanceOf(IdentityCenterException.class);
    assertThat(Duration.between(start, clock.instant()))
        .isLessThanOrEqualTo(Duration.ofSeconds(10));
  }

  @Test
  void writesAreSentOnceAndLeftToTheirCaller() {
    SandboxIdentityCenter sandbox =
        world(stormOn("CreatePermissionSet", Duration.ofHours(1))).build();
    String instance = sandbox.listInstances().get(0).instanceArn();
    tokens.clear();

    assertThatThrownBy(
            () ->
                paced(sandbox, 5)
                    .createPermissionSet(
                        instance, new NewPermissionSet("Ops", "ops", "PT1H", null, Map.of())))
        .isInstanceOf(IdentityCenterException.class);
    assertThat(sandbox.callCounts()).containsEntry("CreatePermissionSet", 1L);
    assertThat(tokens).containsExactly(ApiService.SSO_ADMIN);
  }
}
