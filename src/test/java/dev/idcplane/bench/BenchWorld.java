package dev.idcplane.bench;

import dev.idcplane.identitycenter.AccountStatus;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.sandbox.SandboxBehaviour;
import dev.idcplane.identitycenter.sandbox.SandboxBuilder;
import dev.idcplane.identitycenter.sandbox.SandboxIdentityCenter;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Generated organizations for the benchmarks. */
final class BenchWorld {
  private BenchWorld() {}

  static PermissionSetDefinition definition(String name) {
    return new PermissionSetDefinition(
        name,
        "PT1H",
        Set.of("arn:aws:iam::aws:policy/ReadOnlyAccess"),
        Set.of(),
        Optional.empty(),
        null,
        Map.of(),
        null);
  }

  static String account(int i) {
    return String.format("%012d", 100000000000L + i);
  }

  /** {@code accounts} accounts under OU W, {@code groups} groups, one empty set "Dev". */
  static SandboxIdentityCenter flat(int accounts, int groups, SandboxBehaviour behaviour) {
    SandboxBuilder b =
        SandboxIdentityCenter.builder()
            .clock(Clock.systemUTC())
            .behaviour(behaviour)
            .organization("o-bench00001", "999999999999", "r-bn01")
            .account("", "999999999999", "management", "m@example.com", AccountStatus.ACTIVE)
            .unit("W", null);
    for (int i = 0; i < accounts; i++) {
      b.account("W", account(i), "acct-" + i, "a" + i + "@example.com", AccountStatus.ACTIVE);
    }
    for (int g = 0; g < groups; g++) {
      b.group("g" + g, null);
    }
    b.permissionSet("Dev", null, definition("Dev"));
    return b.build();
  }

  /** A matrix giving every group "Dev" on OU W. */
  static Map<String, String> flatMatrix(int groups) {
    StringBuilder y =
        new StringBuilder(
            "permission_sets:\n  Dev:\n    description: Dev\n"
                + "    session_duration: PT1H\n"
                + "    managed_policies: [arn:aws:iam::aws:policy/ReadOnlyAccess]\nassignments:\n");
    for (int g = 0; g < groups; g++) {
      y.append("  - group: g").append(g).append("\n    permission_set: Dev\n    ous: [W]\n");
    }
    Map<String, String> files = new LinkedHashMap<>();
    files.put("bench.yaml", y.toString());
    return files;
  }

  /**
   * A large organization: {@code accounts} accounts in 10 OUs, {@code sets} permission sets, {@code
   * groups} groups; group g holds set (g mod sets) in every account of OU (g mod 10), and every set
   * is provisioned where it is assigned.
   */
  static SandboxIdentityCenter large(int accounts, int sets, int groups) {
    SandboxBuilder b =
        SandboxIdentityCenter.builder()
            .clock(Clock.systemUTC())
            .behaviour(SandboxBehaviour.instant())
            .organization("o-bench00002", "999999999999", "r-bn02")
            .account("", "999999999999", "management", "m@example.com", AccountStatus.ACTIVE);
    for (int u = 0; u < 10; u++) {
      b.unit("U" + u, null);
    }
    for (int i = 0; i < accounts; i++) {
      b.account(
          "U" + (i % 10), account(i), "acct-" + i, "a" + i + "@example.com", AccountStatus.ACTIVE);
    }
    for (int s = 0; s < sets; s++) {
      b.permissionSet("Set" + s, null, definition("Set" + s));
    }
    for (int g = 0; g < groups; g++) {
      b.group("g" + g, null);
      for (int i = g % 10; i < accounts; i += 10) {
        b.assignment("Set" + (g % sets), PrincipalType.GROUP, "g" + g, account(i));
      }
    }
    return b.build();
  }

  static Map<String, String> largeMatrix(int sets, int groups) {
    StringBuilder y = new StringBuilder("permission_sets:\n");
    for (int s = 0; s < sets; s++) {
      y.append("  Set")
          .append(s)
          .append(":\n    description: Set")
          .append(s)
          .append("\n    session_duration: PT1H\n")
          .append("    managed_policies: [arn:aws:iam::aws:policy/ReadOnlyAccess]\n");
    }
    y.append("assignments:\n");
    for (int g = 0; g < groups; g++) {
      y.append("  - group: g")
          .append(g)
          .append("\n    permission_set: Set")
          .append(g % sets)
          .append("\n    ous: [U")
          .append(g % 10)
          .append("]\n");
    }
    return Map.of("large.yaml", y.toString());
  }
}
