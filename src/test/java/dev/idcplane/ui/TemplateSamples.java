package dev.idcplane.ui;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** A sample of the data each console template is rendered with, as its resource builds it. */
final class TemplateSamples {
  private TemplateSamples() {}

  static final Me ADMIN =
      new Me(
          "local-admin",
          "Local admin",
          Set.of("admin", "viewer", "deployer", "ci", "auditor"),
          "tok");
  static final Me VIEWER = new Me("local-viewer", "Local viewer", Set.of("viewer"), "tok");
  static final Me CI = new Me("ci-bot", "ci-bot", Set.of("ci"), "tok");
  static final Instant AT = Instant.parse("2026-12-05T08:00:00Z");
  static final UUID ID = UUID.fromString("00000000-0000-0000-0000-000000000001");

  static Map<String, Object> with(Map<String, Object> base, Object... pairs) {
    Map<String, Object> m = new HashMap<>(base);
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], pairs[i + 1]);
    }
    return m;
  }

  static Map<String, Object> overview() {
    Map<String, Object> m = new HashMap<>();
    m.put("me", ADMIN);
    m.put("viewer", true);
    m.put("backend", "sandbox");
    m.put("source", "folder");
    m.put("instance", "arn:aws:sso:::instance/ssoins-1");
    m.put("digest", "sha256:abc");
    m.put("commit", "0123abc");
    m.put("scanAge", "3 minutes ago");
    m.put(
        "runs",
        List.of(new RunRow(ID, ID, "SUCCEEDED", AT, AT, "Local admin", "0123abc", 3, 3, 0, 0)));
    m.put(
        "chart",
        DriftChart.svg(
            List.of(
                new dev.idcplane.drift.DriftStore.OpenOnDay(
                    LocalDate.parse("2026-12-05"), "unmanaged_assignment", 2)),
            LocalDate.parse("2026-12-05"),
            14));
    m.put("openByKind", Map.of("unmanaged_assignment", 2L));
    return m;
  }

  static final Map<String, List<Map<String, Object>>> ALL =
      Map.of(
          "layout", List.of(Map.of("me", ADMIN)),
          "signed-out", List.of(Map.of()),
          "overview",
              List.of(
                  overview(),
                  with(overview(), "runs", List.of(), "openByKind", Map.of()),
                  Map.of("me", CI, "viewer", false, "backend", "sandbox", "source", "folder")));
}
