package dev.idcplane.identitycenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A seed's relay_state is what DescribePermissionSet answers; AWS's 240-character limit holds. */
class SandboxRelayStateSeedTest {
  private static final String SEED =
      """
      organization:
        id: o-abcdefghij
        management_account: "111111111111"
        accounts:
          - {id: "111111111111", name: management}
      permission_sets:
        - name: Admin
          relay_state: %s
        - name: Plain
      """;

  private static SandboxIdentityCenter load(String relayState) {
    return SandboxIdentityCenter.fromSeed(
        new ByteArrayInputStream(SEED.formatted(relayState).getBytes(StandardCharsets.UTF_8)),
        "seed.yaml");
  }

  @Test
  void theSeededRelayStateIsDescribed() {
    SandboxIdentityCenter ic = load("https://console.aws.amazon.com/ec2/home");
    String instance = ic.listInstances().get(0).instanceArn();

    assertThat(
            ic.listPermissionSets(instance).stream()
                .map(arn -> ic.describePermissionSet(instance, arn))
                .map(i -> i.name() + "=" + i.relayState()))
        .containsExactlyInAnyOrder("Admin=https://console.aws.amazon.com/ec2/home", "Plain=null");
  }

  @Test
  void aRelayStateOverTheApiLimitIsRejected() {
    assertThatThrownBy(() -> load("https://console.aws.amazon.com/" + "a".repeat(210)))
        .isInstanceOf(SandboxSeedException.class)
        .hasMessageContaining("relay state must be at most 240 characters");
  }
}
