package dev.idcplane.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.idcplane.config.ForApply;
import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.PermissionSetUpdate;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.sandbox.SandboxIdentityCenter;
import dev.idcplane.support.TestKeys;
import dev.idcplane.support.TestTokens;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Drift history on the real PostgreSQL and its own sandbox, planning a configured matrix of its own
 * (a folder under target/) that declares PowerUser as seeded and wants it for aws-team-a-leads in
 * app-dev and app-staging: the seed lacks app-staging, a MISSING finding. Plans are made by {@code
 * ci-bot}, applies by {@code alice-admin}, so attribution is visible.
 */
@QuarkusTest
@TestProfile(DriftApiTest.Profile.class)
@QuarkusTestResource(TestKeys.class)
class DriftApiTest {
  static final Path MATRIX = Path.of("target", "drift-test-matrix").toAbsolutePath();
  static final String ADMIN = "alice-admin";
  static final String CI = "ci-bot";
  static final String APP_STAGING = "777777777777";

  /** Its own application and sandbox; the configured matrix is {@link #MATRIX}. */
  public static class Profile extends dev.idcplane.support.SmallWaits {
    @Override
    public Map<String, String> getConfigOverrides() {
      writeMatrix(true);
      Map<String, String> m = new HashMap<>(super.getConfigOverrides());
      m.put("idc.matrix.path", MATRIX.toString());
      return m;
    }
  }

  static void writeMatrix(boolean withStaging) {
    String yaml =
        dev.idcplane.support.SmallMatrix.powerUser(
            "app-dev" + (withStaging ? ", app-staging" : ""));
    try {
      Files.createDirectories(MATRIX);
      Files.writeString(MATRIX.resolve("matrix.yaml"), yaml);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // The sandbox itself: the read bean wraps it in the request pacer.
  @Inject @ForApply IdentityCenter identityCenter;
  @Inject dev.idcplane.drift.DriftScanner scanner;
  @Inject dev.idcplane.persistence.ApplyLocks locks;

  @Test
  void aScanPlansTheConfiguredMatrixAsTheSchedulerAndSkipsWhenBusy() {
    var outcome = scanner.scan();
    assertThat(outcome.skipped()).isFalse();
    assertThat(outcome.runId()).as("auto-apply is off by default").isEmpty();
    String id = outcome.planId().orElseThrow().toString();
    JsonPath stored =
        given()
            .auth()
            .oauth2(ci())
            .when()
            .get("/api/v1/plans/" + id)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(stored.getString("createdBy")).isEqualTo("scheduler");
    assertThat(stored.getString("matrixOrigin")).isEqualTo("configured");
    assertSameMicrosecond(
        scanner.lastScan().orElseThrow(), Instant.parse(stored.getString("createdAt")));
    assertThat(drift("?status=open&principal=aws-team-a-leads").getList("items")).isNotNull();

    String arn = identityCenter.listInstances().get(0).instanceArn();
    try (var held = locks.tryLock(arn).orElseThrow()) {
      assertThat(scanner.scan().skipped()).as("another scan or apply holds the lock").isTrue();
    }
    assertThat(scanner.scan().skipped()).isFalse();
  }

  static String ci() {
    return TestTokens.token(CI, "ci");
  }

  static String admin() {
    return TestTokens.token(ADMIN, "admin");
  }

  static String auditor() {
    return TestTokens.token("audrey", "auditor");
  }

  static JsonPath plan() {
    return given()
        .auth()
        .oauth2(ci())
        .when()
        .post("/api/v1/plans")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  static JsonPath drift(String query) {
    return given()
        .auth()
        .oauth2(auditor())
        .when()
        .get("/api/v1/drift" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** Occurrences of the app-staging MISSING finding, newest first. */
  static List<Map<String, Object>> stagingOccurrences() {
    return drift("?status=all&kind=missing&account=app-staging&permissionSet=PowerUser")
        .getList("items");
  }

  SandboxIdentityCenter sandbox() {
    return (SandboxIdentityCenter) ClientProxy.unwrap(identityCenter);
  }

  @Test
  void aFindingLivesResolvesAndReappears() {
    writeMatrix(true);
    JsonPath a = plan();
    Map<String, Object> create =
        a.getMap(
            "changes.find { it.action == 'create_assignment' && it.account.id == '"
                + APP_STAGING
                + "' }");
    assertThat(create).isNotNull();
    @SuppressWarnings("unchecked")
    String groupId = ((Map<String, String>) create.get("principal")).get("id");
    var assignment =
        new AccountAssignment(
            APP_STAGING, (String) create.get("permissionSetArn"), PrincipalType.GROUP, groupId);

    List<Map<String, Object>> occ = stagingOccurrences();
    assertThat(occ).hasSize(1);
    Map<String, Object> first = occ.get(0);
    assertThat(first.get("status")).isEqualTo("OPEN");
    // Other tests of the class may have planned first: then it opened with their first plan.
    assertSameMicrosecond(
        Instant.parse((String) first.get("lastSeen")), Instant.parse(a.getString("createdAt")));
    assertThat(first.get("principalName")).isEqualTo("aws-team-a-leads");

    // A second plan: the same occurrence, last seen later, first seen unchanged.
    JsonPath b = plan();
    Map<String, Object> again = stagingOccurrences().get(0);
    assertThat(again.get("id")).isEqualTo(first.get("id"));
    assertThat(again.get("firstSeen")).isEqualTo(first.get("firstSeen"));
    assertSameMicrosecond(
        Instant.parse((String) again.get("lastSeen")), Instant.parse(b.getString("createdAt")));
    assertThat(again.get("seenByPlans")).isEqualTo((Integer) first.get("seenByPlans") + 1);

    // Applied: the next plan resolves it, attributed to the run and its starter.
    String runId =
        given()
            .auth()
            .oauth2(admin())
            .when()
            .post("/api/v1/plans/" + b.getString("id") + "/apply?wait=true")
            .then()
            .statusCode(200)
            .body("status", equalTo("SUCCEEDED"))
            .extract()
            .path("id");
    plan();
    Map<String, Object> applied = stagingOccurrences().get(0);
    assertThat(applied.get("id")).isEqualTo(first.get("id"));
    assertThat(applied.get("status")).isEqualTo("RESOLVED");
    assertThat(applied.get("resolution")).isEqualTo("APPLIED");
    assertThat(applied.get("resolvedRunId")).isEqualTo(runId);
    assertThat(applied.get("resolvedBy")).isEqualTo(ADMIN);

    // Removed by hand: a new occurrence linked to the earlier one.
    assertThat(sandbox().deleteAccountAssignment(assignment)).isTrue();
    plan();
    occ = stagingOccurrences();
    assertThat(occ).hasSize(2);
    Map<String, Object> second = occ.get(0);
    assertThat(second.get("status")).isEqualTo("OPEN");
    assertThat(second.get("previousOccurrenceId")).isEqualTo(first.get("id"));

    // Granted again by hand: resolved outside the service, by whoever planned.
    assertThat(sandbox().createAccountAssignment(assignment)).isTrue();
    plan();
    Map<String, Object> outside = stagingOccurrences().get(0);
    assertThat(outside.get("id")).isEqualTo(second.get("id"));
    assertThat(outside.get("resolution")).isEqualTo("OUTSIDE");
    assertThat(outside.get("resolvedBy")).isEqualTo(CI);
    assertThat(outside.get("resolvedRunId")).isNull();

    // Removed again, then the matrix stops wanting it: a matrix change.
    assertThat(sandbox().deleteAccountAssignment(assignment)).isTrue();
    String digestBefore = plan().getString("source.matrixDigest");
    writeMatrix(false);
    try {
      JsonPath changed = plan();
      assertThat(changed.getString("source.matrixDigest")).isNotEqualTo(digestBefore);
      occ = stagingOccurrences();
      assertThat(occ).hasSize(3);
      assertThat(occ.get(0).get("resolution")).isEqualTo("MATRIX_CHANGED");
      assertThat(occ.get(0).get("resolvedMatrixDigest"))
          .isEqualTo(changed.getString("source.matrixDigest"));
      assertThat(occ.get(0).get("previousOccurrenceId")).isEqualTo(second.get("id"));
    } finally {
      writeMatrix(true);
    }
  }

  @Test
  void definitionDriftKeepsEachFieldsBeforeAndAfterInItsHistory() {
    String arn = identityCenter.listInstances().get(0).instanceArn();
    String powerUser =
        identityCenter.listPermissionSets(arn).stream()
            .filter(ps -> identityCenter.describePermissionSet(arn, ps).name().equals("PowerUser"))
            .findFirst()
            .orElseThrow();
    String description = "Everything except IAM and Organizations";
    try {
      // Someone edits the set in the console, then edits it again while the finding is open.
      identityCenter.updatePermissionSet(
          arn, powerUser, new PermissionSetUpdate(description, "PT8H", null));
      plan();
      identityCenter.updatePermissionSet(
          arn, powerUser, new PermissionSetUpdate("edited in the console", "PT8H", null));
      plan();
      List<Map<String, Object>> open =
          drift("?status=open&kind=definition&permissionSet=PowerUser").getList("items");
      assertThat(open).hasSize(1);
      String id = (String) open.get(0).get("id");
      assertThat(open.get(0).get("fields"))
          .isEqualTo(
              List.of(
                  Map.of(
                      "field",
                      "description",
                      "before",
                      "edited in the console",
                      "after",
                      description),
                  Map.of("field", "session_duration", "before", "PT8H", "after", "PT4H")));

      JsonPath one =
          given()
              .auth()
              .oauth2(auditor())
              .when()
              .get("/api/v1/drift/" + id)
              .then()
              .statusCode(200)
              .extract()
              .jsonPath();
      assertThat(one.getString("finding.id")).isEqualTo(id);
      List<Map<String, Object>> sightings = one.getList("sightings");
      assertThat(sightings).hasSizeGreaterThanOrEqualTo(2);
      assertThat(sightings).allSatisfy(x -> assertThat(x.get("by")).isEqualTo(CI));
      assertThat(sightings.get(sightings.size() - 2).get("fields"))
          .isEqualTo(
              List.of(Map.of("field", "session_duration", "before", "PT8H", "after", "PT4H")));
      assertThat(sightings.get(sightings.size() - 1).get("fields"))
          .isEqualTo(open.get(0).get("fields"));

      String csv =
          given()
              .auth()
              .oauth2(auditor())
              .when()
              .get("/api/v1/drift/export?format=csv&kind=definition&status=open")
              .then()
              .statusCode(200)
              .extract()
              .asString();
      assertThat(csv)
          .contains(",changed_fields,")
          .contains(
              "description: edited in the console -> "
                  + description
                  + "; session_duration: PT8H -> PT4H");
    } finally {
      identityCenter.updatePermissionSet(
          arn, powerUser, new PermissionSetUpdate(description, "PT4H", null));
    }
    plan();
    assertThat(drift("?status=open&kind=definition&permissionSet=PowerUser").getList("items"))
        .isEmpty();
    given()
        .auth()
        .oauth2(auditor())
        .when()
        .get("/api/v1/drift/not-a-uuid")
        .then()
        .statusCode(400)
        .body("message", containsString("is not a UUID"));
    given()
        .auth()
        .oauth2(auditor())
        .when()
        .get("/api/v1/drift/00000000-0000-0000-0000-000000000000")
        .then()
        .statusCode(404);
  }

  @Inject dev.idcplane.drift.DriftRecorder recorder;
  @Inject dev.idcplane.persistence.PlanRepository plans;

  @Test
  void aPlanRecordedAfterANewerOneChangesNothing() {
    plan();
    List<Map<String, Object>> before = drift("?status=all&limit=500").getList("items");
    assertThat(before).isNotEmpty();
    // An older plan seeing no drift at all, recorded late.
    String arn = identityCenter.listInstances().get(0).instanceArn();
    Instant old = Instant.parse("2001-01-01T00:00:00Z");
    var empty =
        new dev.idcplane.plan.Plan(
            new dev.idcplane.plan.PlanSource("other-digest", null, arn, old),
            List.of(),
            List.of(),
            List.of(),
            0);
    var made =
        new dev.idcplane.persistence.PlanRepository.Made(
            java.util.UUID.randomUUID(), old, "late", null, "configured");
    plans.store(made, empty, "{}", "", null);
    recorder.record(
        new dev.idcplane.planning.PlanStored(
            made.id(), old, "late", "configured", empty, id -> ""));
    assertThat(drift("?status=all&limit=500").getList("items")).isEqualTo(before);
  }

  @Test
  void aPreviewPlanFromARequestBodyRecordsNothing() {
    plan();
    int before = drift("?status=all&limit=500").getList("items").size();
    String yaml =
        "permission_sets:\n  OnlyInPreview:\n    description: x\n"
            + "assignments:\n  - group: aws-finops\n    permission_set: OnlyInPreview\n"
            + "    accounts: [sandbox-8]\n";
    given()
        .auth()
        .oauth2(ci())
        .contentType("application/json")
        .body(Map.of("files", Map.of("m.yaml", yaml)))
        .when()
        .post("/api/v1/plans")
        .then()
        .statusCode(201);
    JsonPath all = drift("?status=all&limit=500");
    assertThat(all.getList("items")).hasSize(before);
    assertThat(all.getList("items.permissionSet")).doesNotContain("OnlyInPreview");
    assertThat(drift("?status=open&limit=500").getList("items.status")).containsOnly("OPEN");
  }

  @Test
  void filtersAndCursorPagination() {
    plan();
    List<Object> all = drift("?status=all&limit=500").getList("items.id");
    assertThat(all).hasSizeGreaterThan(3);
    List<Object> paged = new ArrayList<>();
    String cursor = null;
    do {
      JsonPath page = drift("?status=all&limit=2" + (cursor == null ? "" : "&cursor=" + cursor));
      assertThat(page.getList("items")).hasSizeLessThanOrEqualTo(2);
      paged.addAll(page.getList("items.id"));
      cursor = page.getString("next");
    } while (cursor != null);
    assertThat(paged).containsExactlyElementsOf(all);

    assertThat(drift("?status=all&kind=UNMANAGED&limit=500").getList("items.kind"))
        .isNotEmpty()
        .containsOnly("UNMANAGED");
    assertThat(
            drift("?status=all&principal=legacy-contractors&limit=500")
                .getList("items.principalName"))
        .isNotEmpty()
        .containsOnly("legacy-contractors");
    assertThat(drift("?status=all&account=666666666666&limit=500").getList("items.accountId"))
        .isNotEmpty()
        .containsOnly("666666666666");
    List<String> workloads =
        drift("?status=all&ou=Workloads&limit=500").getList("items.accountPath");
    assertThat(workloads)
        .isNotEmpty()
        .allMatch(p -> p.equals("Workloads") || p.startsWith("Workloads/"))
        .contains("Workloads/NonProd");
    assertThat(drift("?status=all&ou=/Workloads/NonProd/&limit=500").getList("items.accountPath"))
        .isNotEmpty()
        .containsOnly("Workloads/NonProd");
    assertThat(drift("?status=all&ou=Work&limit=500").getList("items")).isEmpty();
    assertThat(
            drift("?status=all&from=2000-01-01T00:00:00Z&to=2000-01-02T00:00:00Z").getList("items"))
        .isEmpty();
    assertThat(drift("?status=all&from=2000-01-01T00:00:00Z&limit=500").getList("items"))
        .hasSameSizeAs(all);
  }

  @Test
  void everyParameterIsValidated() {
    for (String[] c :
        new String[][] {
          {"status=closed", "status must be open, resolved or all"},
          {"kind=nope", "kind must be one of"},
          {"limit=0", "limit must be a whole number from 1 to 500"},
          {"limit=501", "limit must be a whole number from 1 to 500"},
          {"cursor=zzz", "cursor must be the 'next' value"},
          {"from=yesterday", "from must be an ISO-8601 instant"},
          {"to=2026-01-01T00:00:00Z&from=2026-02-01T00:00:00Z", "from must be before to"},
          {"ou=a//b", "ou must be an OU path"},
          {"account=%20", "account must not be blank"}
        }) {
      var r =
          given()
              .urlEncodingEnabled(false)
              .auth()
              .oauth2(auditor())
              .when()
              .get("/api/v1/drift?" + c[0]);
      assertThat(r.statusCode()).as(c[0]).isEqualTo(400);
      assertThat(r.jsonPath().getString("message")).as(c[0]).contains(c[1]);
    }
    given()
        .auth()
        .oauth2(auditor())
        .when()
        .get("/api/v1/drift/export?format=xml")
        .then()
        .statusCode(400)
        .body("message", containsString("format must be csv or json"));
  }

  @Test
  void csvExportHasHeaderRowsAndAVerifiableDigest() throws Exception {
    plan();
    int open = drift("?status=open&limit=500").getList("items").size();
    byte[] body =
        given()
            .auth()
            .oauth2(auditor())
            .when()
            .get("/api/v1/drift/export?format=csv&status=open")
            .then()
            .statusCode(200)
            .header("Content-Type", containsString("text/csv"))
            .extract()
            .asByteArray();
    String text = new String(body, StandardCharsets.UTF_8);
    List<String> lines = Arrays.asList(text.split("\r\n", -1));
    assertThat(lines.subList(0, 7)).allMatch(l -> l.startsWith("#"));
    assertThat(lines.get(1)).startsWith("# generated-at: ");
    assertThat(lines.get(2)).isEqualTo("# generated-by: audrey");
    assertThat(lines.get(3)).isEqualTo("# filters: status=open");
    assertThat(lines.get(4)).startsWith("# matrix-digest: ").hasSizeGreaterThan(20);
    assertThat(lines.get(7)).startsWith("id,status,kind,key,");
    String trailer = lines.get(lines.size() - 2);
    assertThat(lines.get(lines.size() - 1)).isEmpty();
    assertThat(trailer).startsWith("# rows=" + open + " sha256=");
    // tail -n +8 | head -n -1 | sha256sum
    int start = nthLineStart(text, 7);
    int end = text.lastIndexOf("# rows=");
    String digest =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256")
                    .digest(text.substring(start, end).getBytes(StandardCharsets.UTF_8)));
    assertThat(trailer).endsWith("sha256=" + digest);

    String json =
        given()
            .auth()
            .oauth2(admin())
            .when()
            .get("/api/v1/drift/export?format=json&status=open")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    List<String> jl = Arrays.asList(json.split("\n"));
    assertThat(jl.get(0)).startsWith("{\"header\":");
    assertThat(jl).hasSize(open + 2);
    String rows =
        String.join("", jl.subList(1, jl.size() - 1).stream().map(l -> l + "\n").toList());
    String jsonDigest =
        HexFormat.of()
            .formatHex(
                MessageDigest.getInstance("SHA-256").digest(rows.getBytes(StandardCharsets.UTF_8)));
    assertThat(jl.get(jl.size() - 1))
        .contains("\"sha256\":\"" + jsonDigest + "\"")
        .contains("\"rows\":" + open);
  }

  /** PostgreSQL keeps microseconds, rounding the nanoseconds. */
  static void assertSameMicrosecond(Instant stored, Instant exact) {
    assertThat(Duration.between(stored, exact).abs()).isLessThanOrEqualTo(Duration.ofNanos(500));
  }

  static int nthLineStart(String text, int n) {
    int at = 0;
    for (int i = 0; i < n; i++) {
      at = text.indexOf("\r\n", at) + 2;
    }
    return at;
  }

  @Test
  void rolesOnEveryDriftRoute() {
    String one = "/api/v1/drift/00000000-0000-0000-0000-000000000000";
    for (String path : List.of("/api/v1/drift", "/api/v1/drift/export", one)) {
      given().when().get(path).then().statusCode(401);
      given()
          .auth()
          .oauth2(TestTokens.token("nobody", "someone-else"))
          .when()
          .get(path)
          .then()
          .statusCode(403);
    }
    for (String role : List.of("viewer", "ci", "auditor", "admin")) {
      given()
          .auth()
          .oauth2(TestTokens.token("u", role))
          .when()
          .get("/api/v1/drift")
          .then()
          .statusCode(200);
    }
    for (String role : List.of("viewer", "ci")) {
      given()
          .auth()
          .oauth2(TestTokens.token("u", role))
          .when()
          .get("/api/v1/drift/export")
          .then()
          .statusCode(403);
      given().auth().oauth2(TestTokens.token("u", role)).when().get(one).then().statusCode(403);
    }
    for (String role : List.of("auditor", "admin")) {
      given().auth().oauth2(TestTokens.token("u", role)).when().get(one).then().statusCode(404);
    }
    for (String role : List.of("auditor", "admin")) {
      given()
          .auth()
          .oauth2(TestTokens.token("u", role))
          .when()
          .get("/api/v1/drift/export")
          .then()
          .statusCode(200);
    }
  }
}
