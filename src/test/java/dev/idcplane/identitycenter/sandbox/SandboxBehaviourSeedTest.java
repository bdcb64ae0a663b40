package dev.idcplane.identitycenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The optional {@code behaviour:} section of a seed, and what a seed without one gets. */
class SandboxBehaviourSeedTest {
  private static final String ORG =
      """
      organization:
        id: o-behaviour01
        management_account: "100000000000"
        accounts:
          - {id: "100000000000", name: management}
      """;

  private static SandboxIdentityCenter load(String yaml) {
    return SandboxIdentityCenter.fromSeed(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test-seed.yaml");
  }

  @Test
  void aSeedWithoutBehaviourIsInstant() {
    assertThat(load(ORG).behaviour()).isEqualTo(SandboxBehaviour.instant());
  }

  @Test
  void readsEveryKeyOverTheProfile() {
    SandboxBehaviour b =
        load(ORG
                + """
        behaviour:
          profile: fast
          seed: 42
          max_outstanding_operations: 10
          max_concurrent_provisioning: 2
          requests_per_second: 50
          latency: {distribution: lognormal, mean: PT5S, sd: PT2S}
          faults:
            operations: [CreateAccountAssignment, DeleteAccountAssignment]
            service_error_rate: 0.01
            failed_operation_rate: 0.02
            failure_reason: injected
            slow_operation_rate: 0.1
            slow_factor: 4
            throttle_storms:
              - {start: PT30S, length: PT10S, fraction: 0.5}
        """)
            .behaviour();
    assertThat(b)
        .isEqualTo(
            new SandboxBehaviour(
                42,
                10,
                2,
                50,
                Latency.logNormal(Duration.ofSeconds(5), Duration.ofSeconds(2)),
                new Faults(
                    List.of(
                        new Faults.ThrottleStorm(
                            Duration.ofSeconds(30), Duration.ofSeconds(10), 0.5)),
                    0.01,
                    0.02,
                    "injected",
                    0.1,
                    4,
                    Set.of("CreateAccountAssignment", "DeleteAccountAssignment"),
                    0,
                    0,
                    0)));
  }

  @Test
  void anEmptySectionIsAwsLike() {
    assertThat(load(ORG + "behaviour: {}\n").behaviour()).isEqualTo(SandboxBehaviour.defaults());
  }

  @Test
  void anExplicitBehaviourWinsOverTheSeeds() {
    var in =
        new ByteArrayInputStream(
            (ORG + "behaviour: {profile: aws}\n").getBytes(StandardCharsets.UTF_8));
    var s =
        SandboxIdentityCenter.fromSeed(in, "x.yaml", Clock.systemUTC(), SandboxBehaviour.fast());
    assertThat(s.behaviour()).isEqualTo(SandboxBehaviour.fast());
  }

  @Test
  void mistakesNameFileAndLine() {
    assertThatThrownBy(() -> load(ORG + "behaviour:\n  profile: turbo\n"))
        .isInstanceOfSatisfying(
            SandboxSeedException.class,
            e -> {
              assertThat(e.line()).isEqualTo(7);
              assertThat(e.getMessage()).contains("profile must be one of aws, fast, instant");
            });
    assertThatThrownBy(
            () ->
                load(ORG + "behaviour:\n  latency: {distribution: uniform, min: 2s, max: PT8S}\n"))
        .isInstanceOfSatisfying(
            SandboxSeedException.class,
            e -> assertThat(e.getMessage()).contains("test-seed.yaml:7").contains("ISO-8601"));
    assertThatThrownBy(() -> load(ORG + "behaviour:\n  faults: {service_error_rate: 2}\n"))
        .isInstanceOfSatisfying(
            SandboxSeedException.class,
            e -> assertThat(e.getMessage()).contains("between 0 and 1"));
    assertThatThrownBy(() -> load(ORG + "behaviour:\n  max_outstanding_operations: 0\n"))
        .isInstanceOfSatisfying(
            SandboxSeedException.class,
            e -> assertThat(e.getMessage()).contains("test-seed.yaml:7").contains("at least 1"));
    assertThatThrownBy(() -> load(ORG + "behaviour:\n  rate: 5\n"))
        .isInstanceOfSatisfying(
            SandboxSeedException.class,
            e -> assertThat(e.getMessage()).contains("unknown key 'rate'"));
  }
}
