package dev.idcplane.identitycenter.sandbox;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/** A malformed seed fails with file:line and what to fix. */
class SandboxSeedErrorTest {
  private static final String ORG =
      """
      organization:
        id: o-abcdefghij
        management_account: "111111111111"
        accounts:
          - {id: "111111111111", name: management}
          - {id: "222222222222", name: dev}
      """;

  static Stream<Arguments> broken() {
    return Stream.of(
        Arguments.of(
            "organization:\n  id: o-abcdefghij\n  managment_account: \"1\"\n",
            3,
            "unknown key 'managment_account'"),
        Arguments.of(ORG + "groups:\n  - admins\n  - admins\n", 9, "Duplicate GroupDisplayName"),
        Arguments.of(
            ORG.replace("name: dev}", "name: dev, status: CLOSED}"),
            6,
            "status must be one of ACTIVE, SUSPENDED, PENDING_CLOSURE"),
        Arguments.of(
            ORG + "permission_sets:\n  - name: Admin\n    session_duration: 8 hours\n",
            8,
            "session duration must be ISO-8601"),
        Arguments.of(
            ORG + "permission_sets:\n  - name: Admin\n    inline_policy: '{\"Version\": [}'\n",
            9,
            "inline_policy is not valid JSON"),
        Arguments.of(
            ORG
                + "groups: [admins]\npermission_sets: [{name: Admin}]\nassignments:\n"
                + "  - permission_set: Admin\n    group: admins\n    accounts: [dev, prod]\n",
            12,
            "no single account is named 'prod'"),
        Arguments.of(
            ORG
                + "groups: [admins]\npermission_sets: [{name: Admin}]\nassignments:\n"
                + "  - permission_set: Admin\n    group: nobody\n    accounts: [dev]\n",
            12,
            "unknown group nobody"),
        Arguments.of(
            ORG + "permission_sets:\n  - name: Admin\n    out_of_sync: [dev]\n",
            9,
            "is not provisioned to 222222222222"),
        Arguments.of(
            ORG.replace("\"111111111111\", name: management", "\"333333333333\", name: management"),
            3,
            "management account 111111111111 is not among the accounts"),
        Arguments.of(
            ORG + "caller_account: \"999999999999\"\n",
            7,
            "unknown account 999999999999; declare it under organization:"),
        Arguments.of("organization: {id: o-abcdefghij\n  bad: [\n", 2, "not valid YAML"));
  }

  @ParameterizedTest
  @MethodSource("broken")
  void namesFileAndLine(String yaml, int line, String message) {
    assertThatThrownBy(
            () ->
                SandboxIdentityCenter.fromSeed(
                    new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "seed.yaml"))
        .isInstanceOf(SandboxSeedException.class)
        .hasMessageStartingWith("seed.yaml:" + line + ": ")
        .hasMessageContaining(message);
  }
}
