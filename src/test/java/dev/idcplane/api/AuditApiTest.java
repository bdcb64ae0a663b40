package dev.idcplane.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.idcplane.audit.AuditChain;
import dev.idcplane.support.TestKeys;
import dev.idcplane.support.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The audit trail on the real PostgreSQL with real tokens: plans, applies and reconciles append
 * chained entries; verify re-checks the chain and finds rows a superuser changed or deleted with
 * the append-only trigger disabled, including the newest ones (against the head anchor) and a
 * rewrite of rows and anchor together (against an auditor's head); each tampering test restores
 * what it changed afterwards, so the chain is whole again for the next test. Also the run metrics
 * and the scan-age readiness check when it is not configured.
 */
@QuarkusTest
@TestProfile(AuditApiTest.Profile.class)
@QuarkusTestResource(TestKeys.class)
class AuditApiTest {

  /** Its own application start and sandbox world. */
  public static class Profile extends dev.idcplane.support.SmallWaits {}

  static final String ADMIN = "audit-admin";

  @Inject AgroalDataSource dataSource;
  @Inject dev.idcplane.audit.AuditTrail trail;

  static String admin() {
    return TestTokens.token(ADMIN, "admin");
  }

  static String auditor() {
    return TestTokens.token("ada-auditor", "auditor");
  }

  static JsonPath plan(String set, String ous, String commit) {
    return given()
        .auth()
        .oauth2(admin())
        .contentType("application/json")
        .body(ApplyApiTest.newSetMatrix(set, "aws-team-a-leads", ous))
        .when()
        .post("/api/v1/plans?commit=" + commit)
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  static JsonPath audit(String query) {
    return given()
        .auth()
        .oauth2(auditor())
        .when()
        .get("/api/v1/audit" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  static JsonPath verify() {
    return verify("");
  }

  static JsonPath verify(String query) {
    return given()
        .auth()
        .oauth2(auditor())
        .when()
        .get("/api/v1/audit/verify" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** The {@code SEQ:HASH} form of a verdict's head. */
  static String headOf(JsonPath verdict) {
    return verdict.getLong("head.seq") + ":" + verdict.getString("head.entryHash");
  }

  /** Makes sure there are at least {@code n} entries; returns how many there are. */
  int atLeast(int n) throws SQLException {
    int i = 0;
    while (count() < n) {
      plan("AuditFill" + i++, "Security", "fill");
    }
    return count();
  }

  int count() throws SQLException {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("select count(*) from audit_entry")) {
      rs.next();
      return rs.getInt(1);
    }
  }

  /** Runs {@code sql} as the table's owner with the append-only trigger disabled. */
  void tamper(String sql, Object... args) throws SQLException {
    tamperTable("audit_entry", "audit_entry_no_update_delete", sql, args);
  }

  /** Runs {@code sql} as the table's owner with the anchor's forward-only trigger disabled. */
  void tamperHead(String sql, Object... args) throws SQLException {
    tamperTable("audit_head", "audit_head_forward", sql, args);
  }

  void tamperTable(String table, String trigger, String sql, Object... args) throws SQLException {
    try (Connection c = dataSource.getConnection()) {
      try (Statement s = c.createStatement()) {
        s.execute("alter table " + table + " disable trigger " + trigger);
      }
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < args.length; i++) {
          ps.setObject(i + 1, args[i]);
        }
        ps.executeUpdate();
      } finally {
        try (Statement s = c.createStatement()) {
          s.execute("alter table " + table + " enable trigger " + trigger);
        }
      }
    }
  }

  @Test
  void planAndApplyAreAuditedWithSubjectAndMatrix() {
    JsonPath planned = plan("AuditRunSet", "Security", "abc1234");
    String planId = planned.getString("id");
    String digest = planned.getString("source.matrixDigest");
    String runId =
        given()
            .auth()
            .oauth2(admin())
            .when()
            .post("/api/v1/plans/" + planId + "/apply?wait=true")
            .then()
            .statusCode(200)
            .body("status", equalTo("SUCCEEDED"))
            .extract()
            .path("id");

    List<Map<String, Object>> mine = audit("?subject=" + ADMIN + "&limit=200").getList("entries");
    Map<String, Object> stored =
        mine.stream()
            .filter(
                e ->
                    e.get("action").equals("PLAN_STORED")
                        && planId.equals(((Map<?, ?>) e.get("details")).get("planId")))
            .findFirst()
            .orElseThrow();
    assertThat(stored)
        .containsEntry("subject", ADMIN)
        .containsEntry("matrixDigest", digest)
        .containsEntry("matrixCommit", "abc1234");
    assertThat((Map<String, Object>) stored.get("details")).containsEntry("changes", 3);

    Map<String, Object> started = byRun(mine, "RUN_STARTED", runId);
    assertThat(started).containsEntry("subject", ADMIN).containsEntry("matrixDigest", digest);
    assertThat((Map<String, Object>) started.get("details"))
        .containsEntry("planId", planId)
        .containsEntry("operations", 3);
    Map<String, Object> finished = byRun(mine, "RUN_FINISHED", runId);
    assertThat((Map<String, Object>) finished.get("details")).containsEntry("status", "SUCCEEDED");
    assertThat(((Number) finished.get("seq")).longValue())
        .isGreaterThan(((Number) started.get("seq")).longValue());

    JsonPath verdict = verify();
    assertThat(verdict.getBoolean("valid")).isTrue();
    assertThat(verdict.getInt("entries")).isGreaterThanOrEqualTo(4);
    assertThat(verdict.getString("firstBrokenSeq")).isNull();

    // The run metrics count it (the registry is this application's).
    String metrics = given().when().get("/q/metrics").then().statusCode(200).extract().asString();
    assertThat(metrics)
        .containsPattern("idc_runs_total\\{[^}]*outcome=\"succeeded\"[^}]*} [1-9]")
        .containsPattern("idc_operations_total\\{[^}]*outcome=\"succeeded\"[^}]*} [3-9]")
        .contains("idc_plan_duration_seconds_count")
        .contains("idc_aws_throttles_total")
        .containsPattern("idc_drift_findings\\{[^}]*kind=\"unexpected\"");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> byRun(List<Map<String, Object>> entries, String action, String run) {
    return entries.stream()
        .filter(
            e ->
                e.get("action").equals(action)
                    && run.equals(((Map<String, Object>) e.get("details")).get("runId")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no " + action + " for run " + run));
  }

  /**
   * Appends from many threads at once all land, numbered without gaps, on one unforked chain, and
   * verify meanwhile stays valid.
   */
  @Test
  void concurrentAppendsNeverForkTheChain() throws Exception {
    int before = count();
    int threads = 8;
    int each = 10;
    var pool = java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      var start = new java.util.concurrent.CountDownLatch(1);
      List<java.util.concurrent.Future<?>> done = new java.util.ArrayList<>();
      for (int t = 0; t < threads; t++) {
        int thread = t;
        done.add(
            pool.submit(
                () -> {
                  start.await();
                  for (int i = 0; i < each; i++) {
                    trail.record(
                        dev.idcplane.audit.AuditAction.RECONCILE,
                        "racer-" + thread,
                        dev.idcplane.audit.AuditTrail.MatrixRef.NONE,
                        Map.of("i", i));
                  }
                  return null;
                }));
      }
      start.countDown();
      // A verify while appends land never mistakes them for entries past, or missing from, the
      // anchor.
      while (!done.stream().allMatch(java.util.concurrent.Future::isDone)) {
        var during = trail.verify(java.util.Optional.empty());
        assertThat(during.valid()).as(during.reason()).isTrue();
      }
      for (var f : done) {
        f.get(60, java.util.concurrent.TimeUnit.SECONDS);
      }
    } finally {
      pool.shutdownNow();
    }
    assertThat(count()).isEqualTo(before + threads * each);
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs =
            s.executeQuery(
                "select min(seq), max(seq), count(distinct previous_hash)" + " from audit_entry")) {
      rs.next();
      assertThat(rs.getLong(1)).isEqualTo(1);
      assertThat(rs.getLong(2)).isEqualTo(count());
      assertThat(rs.getLong(3)).as("no two entries share a predecessor").isEqualTo(count());
    }
    JsonPath verdict = verify();
    assertThat(verdict.getBoolean("valid")).isTrue();
    assertThat(verdict.getInt("entries")).isEqualTo(count());
  }

  @Test
  void reconcileIsAudited() {
    given()
        .auth()
        .oauth2(TestTokens.token("ci-audit", "ci"))
        .contentType("application/json")
        .body(ApplyApiTest.newSetMatrix("AuditReconcileSet", "aws-team-a-leads", "Security"))
        .when()
        .post("/api/v1/reconcile?mode=plan")
        .then()
        .statusCode(200)
        .body("result", equalTo("planned"));
    JsonPath page = audit("?subject=ci-audit&action=RECONCILE");
    assertThat(page.getList("entries")).hasSize(1);
    assertThat(page.getString("entries[0].details.mode")).isEqualTo("plan");
  }

  @Test
  void pagesWithACursorAndFilters() throws SQLException {
    int total = atLeast(3);
    JsonPath first = audit("?limit=2");
    assertThat(first.getList("entries.seq", Integer.class)).containsExactly(1, 2);
    assertThat(first.getInt("next")).isEqualTo(2);
    JsonPath second = audit("?limit=2&after=2");
    assertThat(second.getInt("entries[0].seq")).isEqualTo(3);
    JsonPath all = audit("?limit=200");
    assertThat(all.getList("entries")).hasSize(Math.min(total, 200));
    assertThat(audit("?action=PLAN_STORED&limit=200").getList("entries.action"))
        .isNotEmpty()
        .containsOnly("PLAN_STORED");
    assertThat(audit("?to=2000-01-01T00:00:00Z").getList("entries")).isEmpty();
    assertThat(audit("?from=2000-01-01T00:00:00Z&limit=1").getList("entries")).hasSize(1);
    given().auth().oauth2(auditor()).when().get("/api/v1/audit?after=x").then().statusCode(400);
    given()
        .auth()
        .oauth2(auditor())
        .when()
        .get("/api/v1/audit?from=yesterday")
        .then()
        .statusCode(400);
  }

  @Test
  void theTableRefusesUpdatesAndDeletes() throws SQLException {
    atLeast(1);
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      assertThatThrownBy(
              () -> s.executeUpdate("update audit_entry set subject = 'x' where seq = 1"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> s.executeUpdate("delete from audit_entry where seq = 1"))
          .hasMessageContaining("append-only");
      assertThatThrownBy(() -> s.executeUpdate("truncate audit_entry"))
          .hasMessageContaining("append-only");
    }
    assertThat(verify().getBoolean("valid")).isTrue();
  }

  @Test
  void anEditedRowIsFoundAtItsSeq() throws SQLException {
    atLeast(3);
    String original = details(2);
    tamper("update audit_entry set details = ? where seq = 2", "{\"planId\":\"forged\"}");
    try {
      JsonPath verdict = verify();
      assertThat(verdict.getBoolean("valid")).isFalse();
      assertThat(verdict.getInt("firstBrokenSeq")).isEqualTo(2);
      assertThat(verdict.getString("reason")).contains("hash");
    } finally {
      tamper("update audit_entry set details = ? where seq = 2", original);
    }
    assertThat(verify().getBoolean("valid")).isTrue();
  }

  @Test
  void aDeletedMiddleRowIsFoundAtItsSeq() throws SQLException {
    atLeast(3);
    Map<String, Object> row = row(2);
    tamper("delete from audit_entry where seq = 2");
    try {
      JsonPath verdict = verify();
      assertThat(verdict.getBoolean("valid")).isFalse();
      assertThat(verdict.getInt("firstBrokenSeq")).isEqualTo(2);
      assertThat(verdict.getString("reason")).contains("missing");
      assertThat(verdict.getInt("entries")).isEqualTo(count());
    } finally {
      restore(row);
    }
    assertThat(verify().getBoolean("valid")).isTrue();
  }

  @Test
  void removedNewestEntriesAreFoundAgainstTheAnchor() throws SQLException {
    int n = atLeast(3);
    Map<String, Object> newest = row(n);
    Map<String, Object> second = row(n - 1);
    tamper("delete from audit_entry where seq = ?", (long) n);
    try {
      JsonPath one = verify();
      assertThat(one.getBoolean("valid")).isFalse();
      assertThat(one.getInt("firstBrokenSeq")).isEqualTo(n);
      assertThat(one.getString("reason"))
          .contains(
              "chain ends at seq " + (n - 1) + " but the head anchor records seq " + n, "removed");
      assertThat(one.getInt("entries")).isEqualTo(n - 1);
      assertThat(one.getLong("head.seq")).isEqualTo(n);
      assertThat(one.getString("head.entryHash")).isEqualTo(newest.get("entry_hash"));

      tamper("delete from audit_entry where seq = ?", (long) n - 1);
      JsonPath two = verify();
      assertThat(two.getBoolean("valid")).isFalse();
      assertThat(two.getInt("firstBrokenSeq")).isEqualTo(n - 1);
      assertThat(two.getString("reason")).contains("chain ends at seq " + (n - 2), "removed");
    } finally {
      if (count() < n - 1) {
        restore(second);
      }
      restore(newest);
    }
    assertThat(verify().getBoolean("valid")).isTrue();
  }

  @Test
  void aTamperedAnchorIsFound() throws SQLException {
    int n = atLeast(2);
    String hash = (String) row(n).get("entry_hash");
    tamperHead("update audit_head set entry_hash = ?", "f".repeat(64));
    try {
      JsonPath verdict = verify();
      assertThat(verdict.getBoolean("valid")).isFalse();
      assertThat(verdict.getInt("firstBrokenSeq")).isEqualTo(n);
      assertThat(verdict.getString("reason")).contains("head anchor");
      tamperHead(
          "update audit_head set seq = ?, entry_hash = ?",
          (long) n - 1,
          row(n - 1).get("entry_hash"));
      verdict = verify();
      assertThat(verdict.getBoolean("valid")).isFalse();
      assertThat(verdict.getInt("firstBrokenSeq")).isEqualTo(n);
      assertThat(verdict.getString("reason")).contains("past the head anchor's seq " + (n - 1));
    } finally {
      tamperHead("update audit_head set seq = ?, entry_hash = ?", (long) n, hash);
    }
    assertThat(verify().getBoolean("valid")).isTrue();
  }

  @Test
  void theAnchorOnlyMovesForward() throws SQLException {
    int n = atLeast(1);
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      for (String sql :
          List.of(
              "update audit_head set seq = seq + 1",
              "update audit_head set seq = seq - 1",
              "update audit_head set entry_hash = '" + "f".repeat(64) + "'",
              "delete from audit_head",
              "truncate audit_head",
              "insert into audit_head (seq, entry_hash, updated_at) values (0, 'x', now())")) {
        assertThatThrownBy(() -> s.executeUpdate(sql))
            .as(sql)
            .hasMessageContaining("audit_head only moves forward");
      }
    }
    assertThat(verify().getLong("head.seq")).isEqualTo(n);
  }

  @Test
  void anAuditorsHeadMustStillBeInTheChain() throws SQLException {
    atLeast(2);
    JsonPath earlier = verify();
    String head = headOf(earlier);
    plan("AuditHeadLater", "Security", "later");
    JsonPath later = verify("?head=" + head);
    assertThat(later.getBoolean("valid")).isTrue();
    assertThat(later.getLong("head.seq")).isGreaterThan(earlier.getLong("head.seq"));

    String changed = head.substring(0, head.length() - 1) + (head.endsWith("0") ? "1" : "0");
    JsonPath wrong = verify("?head=" + changed);
    assertThat(wrong.getBoolean("valid")).isFalse();
    assertThat(wrong.getLong("firstBrokenSeq")).isEqualTo(earlier.getLong("head.seq"));
    assertThat(wrong.getString("reason")).contains("given head");
  }

  /** Rows and anchor rewritten consistently pass a plain verify; the auditor's copy catches it. */
  @Test
  void anAuditorsHeadCatchesARewriteOfRowsAndAnchor() throws SQLException {
    int n = atLeast(2);
    String kept = headOf(verify());
    Map<String, Object> row = row(n);
    String forged = "{\"planId\":\"forged\"}";
    String forgedHash =
        AuditChain.hash(
            (String) row.get("previous_hash"),
            n,
            new dev.idcplane.audit.AuditEntry.Content(
                ((java.sql.Timestamp) row.get("at")).toInstant(),
                (String) row.get("action"),
                (String) row.get("subject"),
                (String) row.get("matrix_digest"),
                (String) row.get("matrix_commit"),
                forged));
    tamper(
        "update audit_entry set details = ?, entry_hash = ? where seq = ?",
        forged,
        forgedHash,
        (long) n);
    tamperHead("update audit_head set entry_hash = ?", forgedHash);
    try {
      assertThat(verify().getBoolean("valid")).isTrue();
      JsonPath verdict = verify("?head=" + kept);
      assertThat(verdict.getBoolean("valid")).isFalse();
      assertThat(verdict.getInt("firstBrokenSeq")).isEqualTo(n);
    } finally {
      tamper(
          "update audit_entry set details = ?, entry_hash = ? where seq = ?",
          row.get("details"),
          row.get("entry_hash"),
          (long) n);
      tamperHead("update audit_head set entry_hash = ?", row.get("entry_hash"));
    }
    assertThat(verify("?head=" + kept).getBoolean("valid")).isTrue();
  }

  @Test
  void aMalformedHeadIsA400() {
    for (String head :
        List.of(
            "abc",
            "5",
            "5:xyz",
            "0:" + "0".repeat(64),
            "-1:" + "0".repeat(64),
            "3:" + "0".repeat(63))) {
      given()
          .auth()
          .oauth2(auditor())
          .queryParam("head", head)
          .when()
          .get("/api/v1/audit/verify")
          .then()
          .statusCode(400)
          .body("code", equalTo("http_400"))
          .body("message", containsString("SEQ:HASH"));
    }
  }

  void restore(Map<String, Object> row) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps =
            c.prepareStatement(
                "insert into audit_entry (seq, at, action, subject, matrix_digest, matrix_commit,"
                    + " details, previous_hash, entry_hash) values (?,?,?,?,?,?,?,?,?)")) {
      int i = 1;
      for (String col :
          List.of(
              "seq",
              "at",
              "action",
              "subject",
              "matrix_digest",
              "matrix_commit",
              "details",
              "previous_hash",
              "entry_hash")) {
        ps.setObject(i++, row.get(col));
      }
      ps.executeUpdate();
    }
  }

  @Test
  void readinessHasAnUpScanAgeCheckWhenNoMaximumIsSet() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .body("checks.find { it.name == 'latest-scan-age' }.status", equalTo("UP"));
  }

  @Test
  void historyCannotBeChangedThroughTheApi() {
    for (String method : List.of("POST", "PUT", "DELETE", "PATCH")) {
      int status =
          given()
              .auth()
              .oauth2(admin())
              .contentType("application/json")
              .body("{}")
              .request(method, "/api/v1/audit")
              .then()
              .extract()
              .statusCode();
      assertThat(status).as(method).isEqualTo(405);
    }
    given()
        .auth()
        .oauth2(admin())
        .when()
        .delete("/api/v1/audit/1")
        .then()
        .statusCode(org.hamcrest.Matchers.oneOf(404, 405));
    given()
        .auth()
        .oauth2(admin())
        .when()
        .get("/api/v1/audit/verify")
        .then()
        .statusCode(200)
        .body("valid", equalTo(true))
        .contentType(containsString("json"));
  }

  String details(long seq) throws SQLException {
    return (String) row(seq).get("details");
  }

  Map<String, Object> row(long seq) throws SQLException {
    try (Connection c = dataSource.getConnection();
        PreparedStatement ps = c.prepareStatement("select * from audit_entry where seq = ?")) {
      ps.setLong(1, seq);
      try (ResultSet rs = ps.executeQuery()) {
        assertThat(rs.next()).isTrue();
        Map<String, Object> out = new java.util.HashMap<>();
        for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
          out.put(rs.getMetaData().getColumnName(i), rs.getObject(i));
        }
        return out;
      }
    }
  }
}
