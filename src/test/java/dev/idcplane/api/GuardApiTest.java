package dev.idcplane.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.idcplane.matrix.SourceLocation;
import dev.idcplane.persistence.PlanEntity;
import dev.idcplane.support.TestKeys;
import dev.idcplane.support.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The deletion guard, one-pass validation and empty matrices through the API, with real tokens, on
 * a sandbox of its own and a configured matrix folder holding an empty file. Tests that apply first
 * apply a baseline with allowDeletes=true, so "the last applied matrix" is theirs whatever ran
 * before (the database is shared with the other test classes).
 */
@QuarkusTest
@TestProfile(GuardApiTest.Profile.class)
@QuarkusTestResource(TestKeys.class)
class GuardApiTest {

  /** Its own sandbox, the configured folder with an empty file, the removal rule on. */
  public static class Profile extends dev.idcplane.support.SmallWaits {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> c = new HashMap<>(super.getConfigOverrides());
      c.put("idc.matrix.path", "src/test/resources/guard-matrix");
      c.put("idc.apply.guard-removals", "true");
      return c;
    }
  }

  static String admin() {
    return TestTokens.token("gina-admin", "admin");
  }

  @Transactional
  long storedPlans() {
    return PlanEntity.count();
  }

  static String set(String name, String description) {
    return "  "
        + name
        + ":\n"
        + "    description: "
        + description
        + "\n"
        + "    session_duration: PT2H\n"
        + "    managed_policies: [arn:aws:iam::aws:policy/ReadOnlyAccess]\n"
        + "    tags: {ManagedBy: idc-control-plane}\n";
  }

  static String rule(String group, String set, String targets) {
    return "  - group: " + group + "\n    permission_set: " + set + "\n    " + targets + "\n";
  }

  static JsonPath plan(Map<String, String> files) {
    return given()
        .auth()
        .oauth2(admin())
        .contentType("application/json")
        .body(Map.of("files", files))
        .when()
        .post("/api/v1/plans")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  static Response apply(String planId, boolean allowDeletes) {
    return given()
        .auth()
        .oauth2(admin())
        .when()
        .post(
            "/api/v1/plans/"
                + planId
                + "/apply?wait=true"
                + (allowDeletes ? "&allowDeletes=true" : ""));
  }

  /** Applies {@code files} past the guard: from now on they are the last applied matrix. */
  static void baseline(Map<String, String> files) {
    apply(plan(files).getString("id"), true)
        .then()
        .statusCode(200)
        .body("status", equalTo("SUCCEEDED"));
  }

  static List<String> warningKinds(JsonPath plan) {
    return plan.getList("warnings.kind", String.class);
  }

  @Test
  void aSmallFirstRolloutIsNotRefusedForItsShareOfDeletes() {
    String appDev =
        "permission_sets:\n"
            + set("AppDeveloper", "Application developers")
            + set("RolloutSet", "The first rollout");
    baseline(
        Map.of(
            "rollout.yaml",
            appDev
                + "assignments:\n"
                + rule(
                    "aws-team-a-engineers",
                    "AppDeveloper",
                    "accounts: [app-dev, app-staging, app-prod]")));

    // Many creates; 2 of the 3 managed assignments deleted (67%, but fewer than 10 deletes).
    String rollout =
        appDev
            + "assignments:\n"
            + rule("aws-team-a-engineers", "AppDeveloper", "accounts: [app-dev]")
            + rule(
                "aws-team-a-leads",
                "RolloutSet",
                "ous: [Security, Workloads, Sandbox, Infrastructure]")
            + rule(
                "aws-finops", "RolloutSet", "ous: [Security, Workloads, Sandbox, Infrastructure]")
            + rule(
                "aws-secops", "RolloutSet", "ous: [Security, Workloads, Sandbox, Infrastructure]")
            + rule("aws-breakglass", "RolloutSet", "accounts: [network, shared-services]");
    JsonPath planned = plan(Map.of("rollout.yaml", rollout));
    assertThat(planned.getInt("summary.changes.delete_assignment")).isEqualTo(2);
    assertThat(planned.getInt("summary.changes.create_assignment")).isGreaterThanOrEqualTo(30);
    assertThat(planned.getInt("summary.managedAssignments")).isEqualTo(3);
    assertThat(warningKinds(planned)).noneMatch(k -> k.startsWith("guard_"));

    apply(planned.getString("id"), false)
        .then()
        .statusCode(200)
        .body("status", equalTo("SUCCEEDED"));
  }

  @Test
  void deletingEveryManagedAssignmentNeedsAllowDeletesWhateverTheNumbers() {
    String declared = "permission_sets:\n" + set("ReadOnlyAuditor", "Read-only auditors");
    baseline(
        Map.of(
            "auditor.yaml",
            declared
                + "assignments:\n"
                + rule(
                    "aws-security-auditors", "ReadOnlyAuditor", "accounts: [log-archive, audit]")));

    JsonPath planned = plan(Map.of("auditor.yaml", declared));
    assertThat(planned.getInt("summary.changes.delete_assignment")).isEqualTo(2);
    assertThat(planned.getInt("summary.managedAssignments")).isEqualTo(2);
    assertThat(warningKinds(planned)).contains("guard_deletes_all");
    String planId = planned.getString("id");
    given()
        .auth()
        .oauth2(admin())
        .accept("text/plain")
        .when()
        .get("/api/v1/plans/" + planId)
        .then()
        .statusCode(200)
        .body(containsString("the plan deletes every assignment the matrix manages (2 of 2)"));

    Response refused =
        apply(planId, false)
            .then()
            .statusCode(422)
            .body("code", equalTo("deletion_guard"))
            .body("message", containsString("every assignment the matrix manages"))
            .extract()
            .response();
    assertThat(refused.jsonPath().getList("details.kind", String.class))
        .containsExactly("guard_deletes_all", "delete_assignment", "delete_assignment");
    apply(planId, true).then().statusCode(200).body("status", equalTo("SUCCEEDED"));
  }

  @Test
  void aFileOrSetNoLongerDeclaredSinceTheLastApplyNeedsAllowDeletes() {
    String keep =
        "permission_sets:\n"
            + set("GuardKeepSet", "Kept")
            + "assignments:\n"
            + rule("aws-team-a-leads", "GuardKeepSet", "accounts: [sandbox-7]");
    Map<String, String> before = new LinkedHashMap<>();
    before.put("keep.yaml", keep);
    before.put(
        "gone.yaml",
        "permission_sets:\n"
            + set("GuardGoneSet", "Deleted file")
            + "assignments:\n"
            + rule("aws-team-a-leads", "GuardGoneSet", "accounts: [sandbox-7]"));
    before.put("emptied.yaml", "permission_sets:\n" + set("GuardEmptiedSet", "Emptied file"));
    baseline(before);

    // gone.yaml deleted, emptied.yaml emptied; one new grant in keep.yaml and no delete at all.
    Map<String, String> after =
        Map.of(
            "keep.yaml",
            keep + rule("aws-team-a-leads", "GuardKeepSet", "accounts: [sandbox-8]"),
            "emptied.yaml",
            "# nothing here any more\n");
    JsonPath planned = plan(after);
    assertThat(planned.getInt("summary.changes.delete_assignment")).isZero();
    assertThat(planned.getList("warnings", Map.class))
        .extracting(w -> w.get("kind") + " " + w.get("file") + " " + w.get("field"))
        .contains(
            "guard_removed_permission_set  permission_sets.GuardGoneSet",
            "guard_removed_permission_set  permission_sets.GuardEmptiedSet",
            "guard_removed_file gone.yaml ",
            "guard_removed_file emptied.yaml ",
            "empty_file emptied.yaml ");
    String planId = planned.getString("id");
    given()
        .auth()
        .oauth2(admin())
        .accept("text/plain")
        .when()
        .get("/api/v1/plans/" + planId)
        .then()
        .statusCode(200)
        .body(containsString("gone.yaml: gone.yaml was part of the last applied matrix"))
        .body(containsString("permission set GuardEmptiedSet was declared by the last applied"));

    Response refused =
        apply(planId, false)
            .then()
            .statusCode(422)
            .body("code", equalTo("deletion_guard"))
            .body("message", containsString("allowDeletes=true"))
            .extract()
            .response();
    JsonPath details = refused.jsonPath();
    assertThat(details.getList("details.file", String.class)).contains("gone.yaml", "emptied.yaml");
    assertThat(details.getList("details.permissionSet", String.class))
        .contains("GuardGoneSet", "GuardEmptiedSet");

    apply(planId, true).then().statusCode(200).body("status", equalTo("SUCCEEDED"));
    // Applied: this matrix is now the last applied one, and nothing is missing from it.
    // (a matrix sent in the request, not the configured one: a preview, which says so)
    assertThat(warningKinds(plan(after))).containsExactly("matrix_preview", "empty_file");
  }

  @Test
  void staticAndResolutionProblemsComeBackInOne422() {
    String yaml =
        "permission_sets:\n"
            + "  GuardDev:\n"
            + "    session_duration: PT99H\n" // 3: static
            + "  GuardOk: {session_duration: PT1H}\n"
            + "assignments:\n"
            + "  - group: nobody-knows-this-group\n" // 6: unknown group (its set is invalid)
            + "    permission_set: GuardDev\n"
            + "    accounts: [network]\n"
            + "  - group: aws-finops\n" // 9: static, no targets
            + "    permission_set: GuardOk\n"
            + "  - group: aws-finops\n"
            + "    permission_set: GuardOk\n"
            + "    ous: [Not/There]\n"; // 13: unknown OU
    long before = storedPlans();
    Response r =
        given()
            .auth()
            .oauth2(admin())
            .contentType("application/json")
            .body(Map.of("files", Map.of("bad.yaml", yaml)))
            .when()
            .post("/api/v1/plans")
            .then()
            .statusCode(422)
            .body("code", equalTo("matrix_invalid"))
            .extract()
            .response();
    List<Map<String, Object>> details = r.jsonPath().getList("details");
    assertThat(details)
        .extracting(d -> d.get("kind"))
        .contains("invalid_session_duration", "missing_targets", "unknown_group", "unknown_ou");
    assertThat(details)
        .extracting(d -> new SourceLocation((String) d.get("file"), (Integer) d.get("line")))
        .isSorted();
    assertThat(details)
        .filteredOn(d -> "unknown_ou".equals(d.get("kind")))
        .extracting(d -> d.get("line"))
        .containsExactly(13);
    assertThat(storedPlans()).isEqualTo(before);
  }

  @Test
  void anEmptyRequestIs400NeverAPlanOfTheConfiguredMatrix() {
    long before = storedPlans();
    List<List<String>> empties =
        List.of(
            List.of("application/json", ""),
            List.of("application/yaml", ""),
            List.of("application/json", "{}"),
            List.of("application/json", "{\"files\": {}}"),
            List.of("application/json", "{\"commit\": \"0123abcd\"}"),
            List.of("application/json", "{\"files\": {\"a.yaml\": \"\"}}"),
            List.of(
                "application/json",
                "{\"files\": {\"a.yaml\": \"# nothing\\n---\\n\", \"b.yaml\": \"\"}}"),
            List.of("application/yaml", "# only a comment\n"));
    for (String path : List.of("/api/v1/plans", "/api/v1/reconcile?mode=plan")) {
      for (List<String> empty : empties) {
        given()
            .auth()
            .oauth2(admin())
            .contentType(empty.get(0))
            .body(empty.get(1).getBytes(StandardCharsets.UTF_8))
            .when()
            .post(path)
            .then()
            .statusCode(400)
            .body("code", equalTo("empty_matrix"))
            .body("message", containsString("{\"files\": {\"name.yaml\""));
      }
    }
    assertThat(storedPlans()).isEqualTo(before);
  }

  @Test
  void anEmptyFileOfTheConfiguredFolderIsNamedInThePlan() {
    JsonPath planned =
        given()
            .auth()
            .oauth2(admin())
            .when()
            .post("/api/v1/plans")
            .then()
            .statusCode(201)
            .body("matrixOrigin", equalTo("configured"))
            .body("warnings.file", hasItem("empty.yaml"))
            .extract()
            .jsonPath();
    assertThat(planned.getList("warnings", Map.class))
        .filteredOn(w -> "empty.yaml".equals(w.get("file")))
        .extracting(w -> w.get("kind") + ": " + w.get("message"))
        .containsExactly("empty_file: empty: no permission_sets or assignments");
    given()
        .auth()
        .oauth2(admin())
        .accept("text/plain")
        .when()
        .get("/api/v1/plans/" + planned.getString("id"))
        .then()
        .statusCode(200)
        .body(containsString("empty.yaml: empty: no permission_sets or assignments"));
  }
}
