package dev.idcplane.ui;

import dev.idcplane.doctor.DoctorCheck;
import dev.idcplane.matrix.Violation;
import dev.idcplane.persistence.RunEntity;
import dev.idcplane.view.ChangeView;
import dev.idcplane.view.DriftView;
import dev.idcplane.view.PlanView;
import dev.idcplane.view.RefView;
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

  static PlanView planView(boolean deletes, boolean guard) {
    List<ChangeView> changes = new java.util.ArrayList<>();
    changes.add(
        new ChangeView(
            "CREATE_ASSIGNMENT",
            "group:g-1|ps:ConsoleOps|acct:111122223333",
            "the matrix assigns it (main.yaml:9)",
            "ConsoleOps",
            null,
            new RefView("AWS_ACCOUNT", "111122223333", "sandbox-7"),
            new RefView("GROUP", "g-1", "aws-secops"),
            List.of("main.yaml:9"),
            List.of(),
            null,
            List.of(),
            null,
            null,
            null,
            Map.of()));
    if (deletes) {
      changes.add(
          new ChangeView(
              "DELETE_ASSIGNMENT",
              "group:g-2|ps:Old|acct:111122223333",
              "no rule assigns it any more",
              "Old",
              null,
              new RefView("AWS_ACCOUNT", "111122223333", "sandbox-7"),
              new RefView("GROUP", "g-2", "<b>old</b>"),
              List.of(),
              List.of(new ChangeView.FieldView("session_duration", "PT1H", "PT2H")),
              null,
              List.of(),
              null,
              null,
              null,
              Map.of()));
    }
    List<Violation.Detail> warnings = new java.util.ArrayList<>();
    warnings.add(new Violation.Detail("main.yaml", 3, "x", "unused", "a warning", "a fix"));
    if (guard) {
      warnings.add(
          new Violation.Detail("", 0, "", "guard_deletes_all", "the plan deletes every one", ""));
    }
    return new PlanView(
        ID,
        AT,
        "local-admin",
        null,
        "configured",
        new PlanView.SourceView("sha256:abc", null, "arn:aws:sso:::instance/ssoins-1", AT),
        "fp",
        new PlanView.SummaryView(
            changes.size(), Map.of("CREATE_ASSIGNMENT", 1), Map.of(), 3, false, 0),
        changes,
        List.of(
            new DriftView("unmanaged_assignment", "k", "Admin", null, null, null, false, List.of()),
            new DriftView("definition", "k2", "Ops", null, null, "differs", true, List.of())),
        warnings,
        null);
  }

  static Map<String, Object> plan(boolean deletes, boolean guard, Me me) {
    return Map.of(
        "me", me, "plan", PlanDetail.of(planView(deletes, guard), "+ create\n- delete", 1, 1));
  }

  static Map<String, Object> apply(boolean deletes, boolean guard, String problem) {
    return Map.of(
        "me",
        ADMIN,
        "plan",
        PlanDetail.of(planView(deletes, guard), "text", 1, 1),
        "problem",
        problem);
  }

  static Map<String, Object> run(String status) {
    RunEntity r = new RunEntity();
    r.id = ID;
    r.planId = ID;
    r.status = status;
    r.startedBy = "local-admin";
    r.startedAt = AT;
    r.finishedAt = status.equals("RUNNING") ? null : AT.plusSeconds(3);
    r.operationCount = 0;
    r.error = status.equals("FAILED") ? "the run failed" : null;
    return Map.of("me", ADMIN, "p", RunProgress.of(r, List.of(), AT.plusSeconds(2)));
  }

  static Map<String, Object> drift(Me me, String problem, boolean withRow) {
    Map<String, String> f = new java.util.LinkedHashMap<>();
    DriftPagesResource.FILTERS.forEach(k -> f.put(k, ""));
    f.put("status", "all");
    List<dev.idcplane.drift.FindingRow> rows =
        withRow
            ? List.of(
                new dev.idcplane.drift.FindingRow(
                    ID,
                    "arn",
                    "key",
                    "unmanaged",
                    "Admin",
                    "111122223333",
                    "sandbox-7",
                    "Root/Sandbox",
                    "GROUP",
                    "g-1",
                    "aws-secops",
                    null,
                    AT,
                    AT,
                    2,
                    ID,
                    ID,
                    "d",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    List.of()))
            : List.of();
    return with(
        Map.of(),
        "me",
        me,
        "f",
        f,
        "kinds",
        new java.util.TreeSet<>(List.of("unmanaged")),
        "query",
        "status=all",
        "problem",
        problem,
        "rows",
        rows,
        "next",
        withRow ? "cursor" : "");
  }

  static Map<String, Object> audit(boolean verified, boolean valid) {
    Map<String, String> f = new java.util.LinkedHashMap<>();
    List.of("action", "subject", "from", "to").forEach(k -> f.put(k, ""));
    f.put("action", "PLAN_STORED");
    var entry =
        new dev.idcplane.audit.AuditEntry(
            1,
            new dev.idcplane.audit.AuditEntry.Content(AT, "PLAN_STORED", "alice", "d", null, "{}"),
            "0".repeat(64),
            "a".repeat(64));
    var verdict =
        valid
            ? dev.idcplane.audit.ChainVerdict.intact(
                1, new dev.idcplane.audit.ChainHead(1, "a".repeat(64)))
            : dev.idcplane.audit.ChainVerdict.broken(3, 2, "entry 2 was edited", null);
    return with(
        Map.of(),
        "me",
        ADMIN,
        "f",
        f,
        "actions",
        List.of("PLAN_STORED", "RUN_STARTED"),
        "query",
        "action=PLAN_STORED",
        "verdict",
        verified ? java.util.Optional.of(verdict) : java.util.Optional.empty(),
        "problem",
        valid ? "" : "from must be an ISO instant",
        "entries",
        List.of(entry),
        "next",
        "1");
  }

  static Map<String, Object> access(boolean asked) {
    var row =
        new dev.idcplane.access.AccessRow(
            "111122223333",
            "sandbox-7",
            dev.idcplane.identitycenter.PrincipalType.GROUP,
            "g-1",
            "aws-secops",
            "ConsoleOps",
            dev.idcplane.access.AccessStatus.values()[0],
            List.of("main.yaml:9"),
            null,
            false);
    return with(
        Map.of(),
        "me",
        VIEWER,
        "account",
        "",
        "principal",
        asked ? "aws-secops" : "",
        "pagerQuery",
        "account=&principal=aws-secops",
        "asked",
        asked ? "What aws-secops can reach" : "",
        "problem",
        asked ? "" : "no such account",
        "readAt",
        AT.toString(),
        "rows",
        Paged.of(asked ? List.of(row, row) : List.of(), 1, 1));
  }

  static Map<String, Object> matrix(boolean problems) {
    var view =
        new MatrixView(
            "sha256:abc",
            List.of("main.yaml"),
            "set",
            Map.of(
                "ConsoleOps",
                List.of(
                    new MatrixView.Rule(
                        "group aws-secops",
                        "ConsoleOps",
                        "Sandbox",
                        "",
                        "expires 2027-01-01",
                        "main.yaml:9"))),
            List.of(
                new MatrixView.SetRow(
                    "ConsoleOps", "main.yaml:3", false, List.of("description: x")),
                new MatrixView.SetRow("AWSReadOnlyAccess", "main.yaml:8", true, List.of())),
            List.of(new MatrixView.Declared("okta", "https://okta.example", false, "apps.yaml:2")),
            List.of(new MatrixView.Declared("q", "", true, "apps.yaml:9")),
            problems
                ? List.of(new Violation.Detail("main.yaml", 4, "f", "k", "bad", "fix"))
                : List.of());
    return Map.of(
        "me",
        VIEWER,
        "m",
        view,
        "source",
        "folder",
        "commit",
        "abc",
        "doctor",
        problems ? java.util.Optional.empty() : java.util.Optional.of(doctor(false)));
  }

  static Map<String, Object> runs(RunFilterForm f, Paged<RunRow> rows, String problem) {
    return Map.of(
        "me",
        ADMIN,
        "f",
        f,
        "query",
        f.query(),
        "statuses",
        List.of("RUNNING", "FAILED"),
        "problem",
        problem,
        "runs",
        rows);
  }

  static DoctorView doctor(boolean failed) {
    if (failed) {
      return DoctorView.failed("Identity Center answered AccessDenied", AT);
    }
    var pass = new DoctorCheck("exists", "The issuer exists", DoctorCheck.Result.PASS, "arn", null);
    var fail =
        new DoctorCheck(
            "issuer_discovery", "Discovery", DoctorCheck.Result.FAIL, "unreachable", "serve it");
    return new DoctorView(
        List.of(
            new DoctorView.Row(
                "issuer",
                "Trusted token issuer",
                "okta",
                DoctorCheck.Result.FAIL,
                List.of(pass, fail)),
            new DoctorView.Row(
                "application", "Application", "q", DoctorCheck.Result.PASS, List.of(pass))),
        "",
        AT.toString());
  }

  static Map<String, Object> doctorFragment(DoctorView v) {
    return Map.of("reports", v.reports(), "problem", v.problem(), "at", v.at());
  }

  static final Map<String, List<Map<String, Object>>> ALL = new HashMap<>();

  static final Map<String, List<Map<String, Object>>> SOME =
      Map.of(
          "drift", List.of(drift(ADMIN, "", true), drift(VIEWER, "from must be before to", false)),
          "plan",
              List.of(
                  plan(false, false, ADMIN), plan(true, true, ADMIN), plan(true, false, VIEWER)),
          "plans",
              List.of(
                  Map.of(
                      "me",
                      ADMIN,
                      "plans",
                      List.of(
                          new PlanPagesResource.PlanRow(
                              ID, AT, "Local admin", "configured", "abc", 3, 1)),
                      "next",
                      AT.toString(),
                      "problems",
                      List.of(),
                      "problemMessage",
                      "",
                      "source",
                      "folder"),
                  Map.of(
                      "me",
                      VIEWER,
                      "plans",
                      List.of(),
                      "next",
                      "",
                      "problems",
                      List.of(new Violation.Detail("a.yaml", 2, "f", "k", "bad", "fix it")),
                      "problemMessage",
                      "The matrix has problems",
                      "source",
                      "folder")),
          "apply",
              List.of(apply(false, false, ""), apply(true, true, "The deletion guard stopped it")),
          "message",
              List.of(
                  Map.of(
                      "me", ADMIN, "title", "t", "message", "m", "link", "/ui", "linkText", "l")),
          "run", List.of(run("RUNNING"), run("SUCCEEDED"), run("FAILED")),
          "runs",
              List.of(
                  runs(
                      RunFilterForm.of("FAILED", "Local admin", "", "", ""),
                      new Paged<>(
                          List.of(
                              new RunRow(
                                  ID, ID, "FAILED", AT, null, "Local admin", null, 3, 1, 2, 0)),
                          2,
                          3,
                          101,
                          51,
                          51),
                      ""),
                  runs(
                      RunFilterForm.of("", "", "", "yesterday", ""),
                      new Paged<RunRow>(List.of(), 1, 1, 0, 1, 0),
                      "from must be an ISO instant such as 2026-01-01T00:00:00Z, not 'yesterday'")),
          "layout", List.of(Map.of("me", ADMIN)),
          "signed-out", List.of(Map.of()),
          "overview",
              List.of(
                  overview(),
                  with(overview(), "runs", List.of(), "openByKind", Map.of()),
                  Map.of("me", CI, "viewer", false, "backend", "sandbox", "source", "folder")));

  // After SOME: static fields initialise in textual order.
  static {
    ALL.put("audit", List.of(audit(false, true), audit(true, true), audit(true, false)));
    ALL.put("access", List.of(access(false), access(true)));
    ALL.put("matrix", List.of(matrix(false), matrix(true)));
    ALL.put(
        "doctor",
        List.of(
            doctorFragment(doctor(false)),
            doctorFragment(doctor(true)),
            doctorFragment(new DoctorView(List.of(), "", AT.toString()))));
    ALL.put(
        "verdict",
        List.of(
            Map.of("v", ((java.util.Optional<?>) audit(true, true).get("verdict")).get()),
            Map.of("v", ((java.util.Optional<?>) audit(true, false).get("verdict")).get())));
    ALL.putAll(SOME);
  }
}
