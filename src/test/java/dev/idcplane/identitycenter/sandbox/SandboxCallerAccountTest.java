package dev.idcplane.identitycenter.sandbox;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.Instance;
import dev.idcplane.identitycenter.LiveState;
import dev.idcplane.identitycenter.LiveStateReader;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The seed's caller_account: whose credentials GetCallerIdentity reports. */
class SandboxCallerAccountTest {
  private static final String ORG =
      """
      organization:
        id: o-abcdefghij
        management_account: "111111111111"
        accounts:
          - {id: "111111111111", name: management}
          - {id: "333333333333", name: audit}
      """;

  static SandboxIdentityCenter seed(String yaml) {
    return SandboxIdentityCenter.fromSeed(
        new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "seed.yaml");
  }

  static LiveState read(SandboxIdentityCenter sandbox) {
    return new LiveStateReader(sandbox, Clock.systemUTC())
        .read(new LiveStateReader.Request(Optional.empty(), Set.of(), Set.of(), Set.of()))
        .state();
  }

  @Test
  void withoutCallerAccountTheServiceRunsInTheManagementAccount() {
    SandboxIdentityCenter sandbox = seed(ORG);
    assertThat(sandbox.callerAccountId()).isEqualTo("111111111111");
    LiveState state = read(sandbox);
    assertThat(state.callerAccountId()).isEqualTo("111111111111");
    assertThat(state.delegatedAdministrator()).isFalse();
  }

  @Test
  void aMemberCallerAccountMakesTheServiceADelegatedAdministrator() {
    SandboxIdentityCenter sandbox = seed(ORG + "caller_account: audit\n");
    assertThat(sandbox.callerAccountId()).isEqualTo("333333333333");
    assertThat(sandbox.callCounts()).containsEntry("GetCallerIdentity", 1L);
    LiveState state = read(sandbox);
    assertThat(state.callerAccountId()).isEqualTo("333333333333");
    assertThat(state.delegatedAdministrator()).isTrue();
  }

  @Test
  void theInstanceIsActiveAndOwnedByTheManagementAccount() {
    Instance instance = seed(ORG + "caller_account: \"333333333333\"\n").listInstances().get(0);
    assertThat(instance.active()).isTrue();
    assertThat(instance.ownerAccountId()).isEqualTo("111111111111");
  }
}
