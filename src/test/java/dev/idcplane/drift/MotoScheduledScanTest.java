package dev.idcplane.drift;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.export.CsvWriter;
import dev.idcplane.identitycenter.aws.AwsClients;
import dev.idcplane.persistence.ApplyLocks;
import dev.idcplane.support.Eventually;
import dev.idcplane.support.Git;
import dev.idcplane.support.SmallWaits;
import dev.idcplane.support.TestKeys;
import dev.idcplane.support.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * Scheduled scans against a drifted organization on moto, through the real cron trigger (every 2
 * seconds) and the real AWS SDK adapter, with the configured matrix in a git repository of its own
 * ({@link MotoOrgResource}). An auditor follows each finding from the scan that opened it to the
 * run, matrix commit or outside change that resolved it, and exports the history.
 *
 * <p>The scheduler keeps scanning while the test runs, so every expectation about scans is awaited
 * with a deadline; where the test must see the history hold still (a matrix commit, the exports) it
 * holds the instance's apply lock, which makes scans skip.
 */
@QuarkusTest
@TestProfile(MotoScheduledScanTest.Profile.class)
@QuarkusTestResource(TestKeys.class)
@QuarkusTestResource(value = MotoOrgResource.class, restrictToAnnotatedClass = true)
class MotoScheduledScanTest {
  static final String ADMIN = "alice-admin";
  static final String SCHEDULER = DriftScanner.SUBJECT;

  /** Long enough for a few scans at the 2-second cadence, whatever the machine. */
  static final Duration SCANS = Duration.ofSeconds(30);

  static final String MISSING = "?kind=missing&account=shared-services&principal=platform-admins";
  static final String UNEXPECTED_ALICE =
      "?kind=unexpected&account=app-prod&principal=alice@example.com";
  static final String UNEXPECTED_BOB =
      "?kind=unexpected&account=app-staging&principal=bob@example.com";
  static final String UNMANAGED = "?kind=unmanaged&account=app-prod&principal=legacy-contractors";
  static final String EXPIRED = "?kind=expired_user_rule&principal=bob@example.com";

  /** Real scheduled scans every 2 seconds on moto; apply waits sized for moto. */
  public static class Profile extends SmallWaits {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> m = new HashMap<>(super.getConfigOverrides());
      m.put("idc.scan.enabled", "true");
      m.put("idc.scan.cron", "*/2 * * * * ?");
      return m;
    }
  }

  @Inject ApplyLocks locks;

  @ConfigProperty(name = "idc.aws.endpoint-override")
  String endpoint;

  @Test
  void scheduledScansBuildAHistoryAnAuditorCanTraceAndExport() throws Exception {
    String first = Git.run(MotoOrgResource.MATRIX, "rev-parse", "HEAD");

    // 1. Scans open the findings; the open ones filter by kind, account and principal.
    Map<String, Object> missing =
        await(
            "two scans saw the MISSING finding",
            () ->
                only("?status=open" + MISSING.replace('?', '&'))
                    .filter(f -> (int) f.get("seenByPlans") >= 2));
    assertThat(missing)
        .containsEntry("permissionSet", "Admin")
        .containsEntry("accountName", "shared-services")
        .containsEntry("lastMatrixCommit", first);
    assertThat(plan(missing.get("firstPlanId")).getString("createdBy")).isEqualTo(SCHEDULER);
    for (String query : List.of(UNEXPECTED_ALICE, UNEXPECTED_BOB, UNMANAGED, EXPIRED)) {
      assertThat(only("?status=open" + query.replace('?', '&')))
          .as(query)
          .get()
          .satisfies(
              f ->
                  assertThat(f)
                      .containsEntry("status", "OPEN")
                      .containsEntry("lastMatrixCommit", first));
    }
    List<Map<String, Object>> appProd = items("?status=open&account=app-prod");
    assertThat(appProd).extracting(f -> f.get("accountName")).containsOnly("app-prod");
    assertThat(appProd)
        .extracting(f -> f.get("kind"))
        .contains("UNEXPECTED", "UNMANAGED")
        .doesNotContain("MISSING");
    assertThat(items("?status=open&kind=unmanaged"))
        .extracting(f -> f.get("kind"))
        .containsOnly("UNMANAGED")
        .hasSizeGreaterThan(1);
    Map<String, Object> newestScan = newestPlanBy(SCHEDULER);
    assertThat(newestScan).containsEntry("matrixCommit", first);
    String instanceArn = (String) newestScan.get("instanceArn");

    // 2. An admin applies a scan's plan: the next scans resolve what it changed, APPLIED.
    String runId = applyNewestScan();
    for (String query : List.of(MISSING, UNEXPECTED_ALICE, UNEXPECTED_BOB)) {
      Map<String, Object> applied = resolved(query, "APPLIED");
      assertThat(applied)
          .as(query)
          .containsEntry("resolvedRunId", runId)
          .containsEntry("resolvedBy", ADMIN)
          .containsEntry("resolvedMatrixCommit", first);
      assertThat(plan(applied.get("resolvedPlanId")).getString("createdBy")).isEqualTo(SCHEDULER);
    }
    JsonPath run =
        given()
            .auth()
            .oauth2(auditor())
            .when()
            .get("/api/v1/runs/" + runId)
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(run.getString("startedBy")).isEqualTo(ADMIN);
    assertThat(run.getString("matrixCommit")).isEqualTo(first);
    assertThat(only("?status=open" + EXPIRED.replace('?', '&')))
        .as("only removing the rule resolves an expired rule")
        .isPresent();

    // 3. The expired rule is removed in a new commit: MATRIX_CHANGED, traced to that commit.
    String second =
        holding(
            instanceArn,
            () -> {
              Files.writeString(
                  MotoOrgResource.MATRIX.resolve("matrix.yaml"), MotoOrgResource.matrix(false));
              return Git.commitAll(MotoOrgResource.MATRIX, "Drop bob's expired exception");
            });
    Map<String, Object> changed = resolved(EXPIRED, "MATRIX_CHANGED");
    assertThat(changed)
        .containsEntry("lastMatrixCommit", first)
        .containsEntry("resolvedMatrixCommit", second)
        .containsEntry("resolvedBy", SCHEDULER);
    assertThat(changed.get("resolvedRunId")).isNull();
    assertThat(changed.get("resolvedMatrixDigest")).isNotEqualTo(missing.get("lastMatrixDigest"));

    // 4. Someone removes the unmanaged assignment in AWS directly: OUTSIDE.
    Map<String, Object> unmanaged = only(UNMANAGED + "&status=open").orElseThrow();
    try (AwsClients aws = MotoOrgResource.clients(URI.create(endpoint))) {
      var sso = aws.ssoAdmin();
      String setArn =
          sso.listPermissionSets(r -> r.instanceArn(instanceArn)).permissionSets().stream()
              .filter(
                  arn ->
                      sso.describePermissionSet(
                              r -> r.instanceArn(instanceArn).permissionSetArn(arn))
                          .permissionSet()
                          .name()
                          .equals("LegacyAccess"))
              .findFirst()
              .orElseThrow();
      sso.deleteAccountAssignment(
          r ->
              r.instanceArn(instanceArn)
                  .targetType("AWS_ACCOUNT")
                  .targetId((String) unmanaged.get("accountId"))
                  .permissionSetArn(setArn)
                  .principalType("GROUP")
                  .principalId((String) unmanaged.get("principalId")));
    }
    Map<String, Object> outside = resolved(UNMANAGED, "OUTSIDE");
    assertThat(outside)
        .containsEntry("id", unmanaged.get("id"))
        .containsEntry("resolvedBy", SCHEDULER)
        .containsEntry("resolvedMatrixCommit", second);
    assertThat(outside.get("resolvedRunId")).isNull();

    // 5. Exports of the whole history, taken while no scan runs, match the list row for row.
    holding(
        instanceArn,
        () -> {
          List<Map<String, Object>> all = items("?status=all&limit=500");
          assertThat(all)
              .extracting(f -> f.get("resolution"))
              .contains("APPLIED", "MATRIX_CHANGED", "OUTSIDE");
          assertCsvExport(all, second);
          assertJsonExport(all, second);
          return null;
        });
  }

  /** Applies the newest scan's plan as the admin, retrying while a scan holds the instance. */
  private String applyNewestScan() {
    return await(
        "an apply of the newest scan's plan got the instance",
        () -> {
          Object planId = newestPlanBy(SCHEDULER).get("id");
          Response r =
              given()
                  .auth()
                  .oauth2(TestTokens.token(ADMIN, "admin"))
                  .when()
                  .post("/api/v1/plans/" + planId + "/apply?allowDeletes=true&wait=true");
          if (r.statusCode() == 409) {
            return Optional.empty(); // a scan held the lock, or made a newer plan: try again
          }
          assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
          assertThat(r.jsonPath().getString("status")).isEqualTo("SUCCEEDED");
          return Optional.of(r.jsonPath().getString("id"));
        });
  }

  private void assertCsvExport(List<Map<String, Object>> all, String commit) throws Exception {
    String text =
        given()
            .auth()
            .oauth2(auditor())
            .when()
            .get("/api/v1/drift/export?format=csv&status=all")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    List<String> lines = Arrays.asList(text.split("\r\n", -1));
    int headers = DriftExporter.CSV_HEADER_LINES;
    assertThat(lines.get(5)).isEqualTo("# matrix-commit: " + commit);
    assertThat(lines.get(lines.size() - 1)).isEmpty();
    String trailer = lines.get(lines.size() - 2);
    // tail -n +8 drift.csv | head -n -1 | sha256sum
    int start = 0;
    for (int i = 0; i < headers; i++) {
      start = text.indexOf("\r\n", start) + 2;
    }
    String data = text.substring(start, text.lastIndexOf("# rows="));
    assertThat(trailer).isEqualTo("# rows=" + all.size() + " sha256=" + sha256(data));

    StringBuilder expected = new StringBuilder(CsvWriter.line(DriftExporter.COLUMNS));
    for (Map<String, Object> f : all) {
      List<Object> cells = new ArrayList<>();
      for (String column : DriftExporter.COLUMNS) {
        cells.add(f.get(camel(column)));
      }
      expected.append(CsvWriter.line(cells));
    }
    assertThat(data).isEqualTo(expected.toString());
  }

  private void assertJsonExport(List<Map<String, Object>> all, String commit) throws Exception {
    String text =
        given()
            .auth()
            .oauth2(auditor())
            .when()
            .get("/api/v1/drift/export?format=json&status=all")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    List<String> lines = Arrays.asList(text.split("\n"));
    assertThat(JsonPath.from(lines.get(0)).getString("header.matrixCommit")).isEqualTo(commit);
    List<String> rows = lines.subList(1, lines.size() - 1);
    // sed '1d;$d' drift.jsonl | sha256sum
    String data = String.join("", rows.stream().map(l -> l + "\n").toList());
    JsonPath trailer = JsonPath.from(lines.get(lines.size() - 1));
    assertThat(trailer.getInt("trailer.rows")).isEqualTo(all.size());
    assertThat(trailer.getString("trailer.sha256")).isEqualTo(sha256(data));
    assertThat(rows.stream().map(l -> JsonPath.from(l).<String, Object>getMap("")).toList())
        .isEqualTo(all);
  }

  /** The one finding that matches (any status), once a scan resolved it {@code as}. */
  private Map<String, Object> resolved(String query, String as) {
    return await(
        query + " resolved " + as,
        () ->
            only("?status=resolved" + query.replace('?', '&'))
                .filter(f -> as.equals(f.get("resolution"))));
  }

  /** The single finding {@code query} lists, if exactly one. */
  private Optional<Map<String, Object>> only(String query) {
    List<Map<String, Object>> found = items(query);
    return found.size() == 1 ? Optional.of(found.get(0)) : Optional.empty();
  }

  private List<Map<String, Object>> items(String query) {
    return given()
        .auth()
        .oauth2(auditor())
        .when()
        .get("/api/v1/drift" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items");
  }

  /** The newest stored plan {@code subject} made, as listed. */
  private Map<String, Object> newestPlanBy(String subject) {
    List<Map<String, Object>> plans =
        given()
            .auth()
            .oauth2(auditor())
            .when()
            .get("/api/v1/plans?limit=200")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("");
    return plans.stream()
        .filter(p -> subject.equals(p.get("createdBy")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no plan by " + subject));
  }

  private JsonPath plan(Object id) {
    return given()
        .auth()
        .oauth2(auditor())
        .when()
        .get("/api/v1/plans/" + id)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** Runs {@code work} holding the instance's apply lock, so no scan runs meanwhile. */
  private <T> T holding(String instanceArn, Work<T> work) throws Exception {
    ApplyLocks.Lease lease =
        await("the instance's apply lock (a scan may hold it)", () -> locks.tryLock(instanceArn));
    try (lease) {
      return work.run();
    }
  }

  private interface Work<T> {
    T run() throws Exception;
  }

  private static <T> T await(String what, Supplier<Optional<T>> probe) {
    return Eventually.await(what, SCANS, probe);
  }

  private static String auditor() {
    return TestTokens.token("audrey", "auditor");
  }

  private static String camel(String column) {
    StringBuilder out = new StringBuilder();
    boolean up = false;
    for (char c : column.toCharArray()) {
      if (c == '_') {
        up = true;
      } else {
        out.append(up ? Character.toUpperCase(c) : c);
        up = false;
      }
    }
    return out.toString();
  }

  private static String sha256(String s) throws Exception {
    return HexFormat.of()
        .formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
  }
}
