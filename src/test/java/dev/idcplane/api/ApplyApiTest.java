package dev.idcplane.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;

import dev.idcplane.config.ForApply;
import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.sandbox.SandboxIdentityCenter;
import dev.idcplane.persistence.ApplyLocks;
import dev.idcplane.persistence.PlanEntity;
import dev.idcplane.run.ApplyService;
import dev.idcplane.support.TestKeys;
import dev.idcplane.support.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

/**
 * The apply, runs and reconcile API on the real PostgreSQL, against the sandbox, with real tokens.
 * The class runs on its own profile, so its sandbox (one per application start) is not the one the
 * plans tests read. Within the class every test plans a matrix of its own from the request body,
 * naming sets and accounts no other test here changes, so the tests do not depend on their order.
 */
@QuarkusTest
@TestProfile(ApplyApiTest.SmallWaits.class)
@QuarkusTestResource(TestKeys.class)
class ApplyApiTest {

  /**
   * Its own profile: its own application start and sandbox world; the share rule of the deletion
   * guard from 5 deletes on, so the guard test's 8 deletes of 10 managed trip it.
   */
  public static class SmallWaits extends dev.idcplane.support.SmallWaits {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> c = new java.util.HashMap<>(super.getConfigOverrides());
      c.put("idc.apply.guard-min-deletes", "5");
      // The event-stream test subscribes while a run is in progress: keep apply at AWS's 20/s.
      c.put("idc.aws.rate.sso-admin", "20");
      return c;
    }
  }

  static final String ADMIN = "alice-admin";
  static final String NETWORK = "123456789012";
  static final String SHARED_SERVICES = "210987654321";
  static final String SANDBOX_7 = "111122223333";
  static final String SANDBOX_8 = "999999999999";

  // The sandbox itself: the read bean wraps it in the request pacer.
  @Inject @ForApply IdentityCenter identityCenter;
  @Inject ApplyLocks locks;
  @Inject AgroalDataSource dataSource;
  @Inject ApplyService applyService;

  @ConfigProperty(name = "quarkus.http.test-port")
  int port;

  static String admin() {
    return TestTokens.token(ADMIN, "admin");
  }

  static String ci() {
    return TestTokens.token("ci-bot", "ci");
  }

  static String deployer() {
    return TestTokens.token("deploy-bot", "deployer");
  }

  static String viewer() {
    return TestTokens.token("v", "viewer");
  }

  /** A new managed set assigned to {@code group} in {@code ous}: one set create + assignments. */
  static Map<String, Object> newSetMatrix(String set, String group, String ous) {
    String yaml =
        "permission_sets:\n"
            + "  "
            + set
            + ":\n"
            + "    description: "
            + set
            + " for the API tests\n"
            + "    session_duration: PT2H\n"
            + "    managed_policies: [arn:aws:iam::aws:policy/ReadOnlyAccess]\n"
            + "    tags: {ManagedBy: idc-control-plane}\n"
            + "assignments:\n"
            + "  - group: "
            + group
            + "\n"
            + "    permission_set: "
            + set
            + "\n"
            + "    ous: ["
            + ous
            + "]\n";
    return Map.of("files", Map.of("matrix.yaml", yaml));
  }

  static JsonPath plan(Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(admin())
        .contentType("application/json")
        .body(body)
        .when()
        .post("/api/v1/plans")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  static Response apply(String planId, String query) {
    return given().auth().oauth2(admin()).when().post("/api/v1/plans/" + planId + "/apply" + query);
  }

  static List<String> runPlanIds() {
    return given()
        .auth()
        .oauth2(viewer())
        .when()
        .get("/api/v1/runs?limit=200")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("planId");
  }

  SandboxIdentityCenter sandbox() {
    IdentityCenter bean = ClientProxy.unwrap(identityCenter);
    assertThat(bean)
        .as("the test profile runs on the sandbox")
        .isInstanceOf(SandboxIdentityCenter.class);
    return (SandboxIdentityCenter) bean;
  }

  String instanceArn() {
    return identityCenter.listInstances().get(0).instanceArn();
  }

  @Test
  void appliesAPlanAndRecordsTheRun() {
    Map<String, Object> matrix = newSetMatrix("ApiRunSet", "aws-team-a-leads", "Security");
    JsonPath planned = plan(matrix);
    String planId = planned.getString("id");
    assertThat(planned.getInt("summary.totalChanges")).isEqualTo(3); // set + 2 assignments

    Response run =
        apply(planId, "?wait=true")
            .then()
            .statusCode(200)
            .header("Location", containsString("/api/v1/runs/"))
            .body("status", equalTo("SUCCEEDED"))
            .body("planId", equalTo(planId))
            .body("startedBy", equalTo(ADMIN))
            .body("matrixDigest", equalTo(planned.getString("source.matrixDigest")))
            .body("operationCount", equalTo(3))
            .body("outcomes.SUCCEEDED", equalTo(3))
            .body("outcomes", not(org.hamcrest.Matchers.hasKey("FAILED")))
            .body("finishedAt", org.hamcrest.Matchers.notNullValue())
            .extract()
            .response();
    String runId = run.path("id");
    assertThat(run.header("Location")).endsWith("/api/v1/runs/" + runId);

    assertThat(plan(matrix).getInt("summary.totalChanges")).isZero();

    given()
        .auth()
        .oauth2(viewer())
        .when()
        .get("/api/v1/runs")
        .then()
        .statusCode(200)
        .body("id", hasItem(runId));
    given()
        .auth()
        .oauth2(TestTokens.token("ci-bot", "ci"))
        .when()
        .get("/api/v1/runs/" + runId + "?operations=true")
        .then()
        .statusCode(200)
        .body("status", equalTo("SUCCEEDED"))
        .body("operations", hasSize(3))
        .body("operations.outcome", everyItem(equalTo("SUCCEEDED")))
        .body("operations.attempts", everyItem(greaterThanOrEqualTo(1)))
        .body("operations.kind", hasItem("CREATE_PERMISSION_SET"))
        .body(
            "operations.findAll { it.kind == 'CREATE_ASSIGNMENT' }.requestId",
            everyItem(org.hamcrest.Matchers.notNullValue()));
  }

  @Inject RunStarter starter;

  /**
   * Asked to wait, the API answers with a stage that completes when the run ends: the thread that
   * started the run is free at once, and nothing polls.
   */
  @Test
  void waitingForARunHoldsNoThread() throws Exception {
    String planId = plan(newSetMatrix("ApiWaitSet", "aws-secops", "Sandbox")).getString("id");
    String runId = apply(planId, "?wait=true").then().statusCode(200).extract().path("id");
    var done = new java.util.concurrent.CompletableFuture<dev.idcplane.apply.RunStatus>();
    var started = new ApplyService.Started(UUID.fromString(runId), done);

    var answer =
        starter
            .respond(started, true, java.net.URI.create("http://localhost/api/v1/runs/" + runId))
            .toCompletableFuture();

    Thread.sleep(200); // nothing completes the answer but the run's end
    assertThat(answer).isNotDone();
    done.complete(dev.idcplane.apply.RunStatus.SUCCEEDED);
    jakarta.ws.rs.core.Response response = answer.get(1, TimeUnit.MINUTES);
    assertThat(response.getStatus()).isEqualTo(200);
    assertThat(((dev.idcplane.api.dto.RunView) response.getEntity()).id())
        .isEqualTo(UUID.fromString(runId));
    assertThat(response.getLocation().toString()).endsWith("/api/v1/runs/" + runId);
  }

  @Test
  void eventsOfAFinishedRunAreItsOperationsThenItsFinalStatus() {
    String planId = plan(newSetMatrix("ApiEventsSet", "aws-secops", "Sandbox")).getString("id");
    String runId =
        apply(planId, "?wait=true")
            .then()
            .statusCode(200)
            .body("status", equalTo("SUCCEEDED"))
            .extract()
            .path("id");

    List<JsonPath> events =
        sseEvents(
            runId,
            given()
                .auth()
                .oauth2(viewer())
                .accept("text/event-stream")
                .when()
                .get("/api/v1/runs/" + runId + "/events")
                .then()
                .statusCode(200)
                .contentType(containsString("text/event-stream"))
                .extract()
                .asString());
    // A run that ended replays its journal, then its end (RunEventsApiTest has the details).
    assertThat(events.subList(0, events.size() - 1))
        .isNotEmpty()
        .allSatisfy(e -> assertThat(e.getString("type")).isEqualTo("operation"));
    assertThat(events.get(events.size() - 1))
        .satisfies(
            e -> {
              assertThat(e.getString("type")).isEqualTo("run");
              assertThat(e.getString("runId")).isEqualTo(runId);
              assertThat(e.getString("runStatus")).isEqualTo("SUCCEEDED");
            });
  }

  /**
   * A subscriber to a running run gets each operation transition, then the run's end. The run is
   * held mid-way deterministically: the test locks the run's operation rows, so the run cannot
   * record (and therefore cannot finish) until the subscription is open.
   */
  @Test
  void eventsOfARunningRunAreItsOperationsThenItsEnd() throws Exception {
    Map<String, Object> matrix = newSetMatrix("ApiStreamSet", "aws-team-a-engineers", "_root_");
    Response accepted =
        given()
            .auth()
            .oauth2(deployer())
            .contentType("application/json")
            .body(matrix)
            .when()
            .post("/api/v1/reconcile?mode=apply")
            .then()
            .statusCode(202)
            .body("status", equalTo("RUNNING"))
            .extract()
            .response();
    String runId = accepted.path("id");
    int operations = accepted.path("operationCount");
    assertThat(accepted.header("Location")).endsWith("/api/v1/runs/" + runId);

    java.util.Set<Integer> unfinished = new java.util.TreeSet<>();
    List<String> lines;
    try {
      lines = subscribeWhileHeld(runId, operations, unfinished);
    } finally {
      awaitEnd(runId);
    }
    List<JsonPath> events = sseEvents(runId, String.join("\n", lines));
    assertThat(events).isNotEmpty();
    JsonPath last = events.get(events.size() - 1);
    assertThat(last.getString("type")).isEqualTo("run");
    assertThat(last.getString("runStatus")).isEqualTo("SUCCEEDED");
    List<JsonPath> ops = events.subList(0, events.size() - 1);
    assertThat(ops)
        .isNotEmpty()
        .allSatisfy(
            e -> {
              assertThat(e.getString("type")).isEqualTo("operation");
              assertThat(e.getString("runId")).isEqualTo(runId);
            });
    assertThat(
            ops.stream()
                .filter(e -> e.getString("outcome").equals("SUCCEEDED"))
                .map(e -> e.getInt("seq"))
                .collect(Collectors.toSet()))
        .as("every operation not finished at subscription reports its success")
        .containsAll(unfinished);
    given()
        .auth()
        .oauth2(viewer())
        .when()
        .get("/api/v1/runs/" + runId)
        .then()
        .statusCode(200)
        .body("status", equalTo("SUCCEEDED"))
        .body("outcomes.SUCCEEDED", equalTo(operations));
  }

  /**
   * Locks the run's operation rows (the run cannot record a transition, so cannot end), notes the
   * operations not yet terminal, subscribes to the run's events, releases the rows and reads the
   * stream to its end.
   */
  List<String> subscribeWhileHeld(String runId, int operations, java.util.Set<Integer> unfinished)
      throws Exception {
    CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> stream;
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps =
            c.prepareStatement(
                "select seq, outcome from run_operation where run_id = ? for update")) {
          ps.setObject(1, UUID.fromString(runId));
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              String outcome = rs.getString(2);
              if (!outcome.equals("SUCCEEDED")
                  && !outcome.equals("FAILED")
                  && !outcome.equals("SKIPPED")) {
                unfinished.add(rs.getInt(1));
              }
            }
          }
        }
        assertThat(unfinished)
            .as("the run (%d operations at 20 calls/s) is still running", operations)
            .isNotEmpty();
        stream =
            HttpClient.newHttpClient()
                .sendAsync(
                    HttpRequest.newBuilder(
                            URI.create(
                                "http://localhost:" + port + "/api/v1/runs/" + runId + "/events"))
                        .header("Authorization", "Bearer " + viewer())
                        .header("Accept", "text/event-stream")
                        .GET()
                        .build(),
                    HttpResponse.BodyHandlers.ofLines());
        // Headers arrive once the server has subscribed this client to the run's events.
        assertThat(stream.get(1, TimeUnit.MINUTES).statusCode()).isEqualTo(200);
      } finally {
        c.rollback();
      }
    }
    return CompletableFuture.supplyAsync(
            () -> {
              try {
                return stream.get().body().toList();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            })
        .get(2, TimeUnit.MINUTES);
  }

  /** Waits until a run this process started has ended, so the next test finds the lock free. */
  void awaitEnd(String runId) throws Exception {
    var done = applyService.running(UUID.fromString(runId));
    if (done.isPresent()) {
      done.get().get(2, TimeUnit.MINUTES);
    }
  }

  @Test
  void aStalePlanIsRefusedWithTheNewPlanAndNothingIsApplied() {
    // LegacyS3Access as live, assigned to legacy-contractors in two more sandbox accounts.
    String yaml =
        "permission_sets:\n"
            + "  LegacyS3Access:\n"
            + "    description: Legacy S3 access for contractors (not in the matrix)\n"
            + "    session_duration: PT1H\n"
            + "    managed_policies: [arn:aws:iam::aws:policy/AmazonS3FullAccess]\n"
            + "assignments:\n"
            + "  - group: legacy-contractors\n"
            + "    permission_set: LegacyS3Access\n"
            + "    accounts: [app-dev, sandbox-7, sandbox-8]\n";
    Map<String, Object> matrix = Map.of("files", Map.of("legacy.yaml", yaml));
    JsonPath planned = plan(matrix);
    String planId = planned.getString("id");
    assertThat(planned.getList("changes.action"))
        .containsExactly("create_assignment", "create_assignment");
    Map<String, Object> toSandbox7 =
        planned.getMap("changes.find { it.account.id == '" + SANDBOX_7 + "' }");

    // Someone grants one of them by hand before the plan is applied.
    @SuppressWarnings("unchecked")
    Map<String, String> principal = (Map<String, String>) toSandbox7.get("principal");
    assertThat(
            sandbox()
                .createAccountAssignment(
                    new AccountAssignment(
                        SANDBOX_7,
                        (String) toSandbox7.get("permissionSetArn"),
                        PrincipalType.GROUP,
                        principal.get("id"))))
        .isTrue();

    Response refused =
        apply(planId, "?wait=true")
            .then()
            .statusCode(409)
            .body("code", equalTo("plan_stale"))
            .body("details", hasSize(1))
            .extract()
            .response();
    String newPlanId = refused.path("details[0]");
    assertThat(newPlanId).isNotEqualTo(planId);
    assertThat((String) refused.path("message")).contains(newPlanId);

    // The new plan is stored and still wants the grant nobody made: nothing was applied.
    given()
        .auth()
        .oauth2(viewer())
        .when()
        .get("/api/v1/plans/" + newPlanId)
        .then()
        .statusCode(200)
        .body("changes", hasSize(1))
        .body("changes[0].action", equalTo("create_assignment"))
        .body("changes[0].account.id", equalTo(SANDBOX_8));
    assertThat(runPlanIds()).doesNotContain(planId);
  }

  @Test
  void theDeletionGuardNeedsAllowDeletes() {
    // BillingViewer as live, but wanted only in network: every other grant goes.
    String yaml =
        "permission_sets:\n"
            + "  BillingViewer:\n"
            + "    description: Billing and cost management\n"
            + "    session_duration: PT1H\n"
            + "    managed_policies: [arn:aws:iam::aws:policy/job-function/Billing]\n"
            + "    tags: {ManagedBy: idc-control-plane}\n"
            + "assignments:\n"
            + "  - group: aws-finops\n"
            + "    permission_set: BillingViewer\n"
            + "    accounts: [network]\n";
    Map<String, Object> matrix = Map.of("files", Map.of("billing.yaml", yaml));
    JsonPath planned = plan(matrix);
    String planId = planned.getString("id");
    List<String> deletes =
        planned.getList("changes.findAll { it.action == 'delete_assignment' }.key");
    assertThat(deletes).hasSizeGreaterThanOrEqualTo(5);
    assertThat(planned.getList("changes.action", String.class)).containsOnly("delete_assignment");

    Response refused =
        apply(planId, "?wait=true")
            .then()
            .statusCode(422)
            .body("code", equalTo("deletion_guard"))
            .body("message", containsString("allowDeletes=true"))
            .extract()
            .response();
    assertThat(refused.jsonPath().getString("details[0].kind")).isEqualTo("guard_too_many_deletes");
    assertThat(
            refused
                .jsonPath()
                .getList("details.findAll { it.kind == 'delete_assignment' }.key", String.class))
        .containsExactlyInAnyOrderElementsOf(deletes);
    assertThat(runPlanIds()).doesNotContain(planId);

    apply(planId, "?wait=true&allowDeletes=true")
        .then()
        .statusCode(200)
        .body("status", equalTo("SUCCEEDED"))
        .body("outcomes.SUCCEEDED", equalTo(deletes.size()));
    assertThat(plan(matrix).getInt("summary.totalChanges")).isZero();
  }

  @Test
  void anApplyWhileTheInstanceIsLockedIsBusy() {
    Map<String, Object> matrix = newSetMatrix("ApiBusySet", "aws-breakglass", "Infrastructure");
    String planId = plan(matrix).getString("id");
    try (ApplyLocks.Lease held = locks.tryLock(instanceArn()).orElseThrow()) {
      apply(planId, "?wait=true").then().statusCode(409).body("code", equalTo("apply_busy"));
    }
    assertThat(runPlanIds()).doesNotContain(planId);
    // Released: the same plan applies, so the refused attempt changed nothing.
    apply(planId, "?wait=true").then().statusCode(200).body("status", equalTo("SUCCEEDED"));
  }

  @Transactional
  void age(String planId, Duration by) {
    PlanEntity plan = PlanEntity.findById(UUID.fromString(planId));
    plan.createdAt = dev.idcplane.support.TestClock.now().minus(by);
  }

  @Test
  void anExpiredPlanIsRefused() {
    String planId =
        plan(newSetMatrix("ApiExpiredSet", "aws-platform-admins", "Sandbox")).getString("id");
    age(planId, Duration.ofHours(1).plusMinutes(1)); // idc.apply.plan-expiry defaults to 1h
    apply(planId, "?wait=true")
        .then()
        .statusCode(409)
        .body("code", equalTo("plan_expired"))
        .body("message", containsString(planId));
    assertThat(runPlanIds()).doesNotContain(planId);
  }

  @Test
  void aFreshPlanIsNotExpired() {
    String planId =
        plan(newSetMatrix("ApiFreshSet", "aws-platform-admins", "Security")).getString("id");
    age(planId, Duration.ofMinutes(59));
    apply(planId, "?wait=true").then().statusCode(200).body("status", equalTo("SUCCEEDED"));
  }

  @Test
  void reconcilePlansAppliesAndThenHasNothingToDo() {
    Map<String, Object> matrix =
        newSetMatrix("ApiReconcileSet", "aws-security-auditors", "Infrastructure");
    int runsBefore = runPlanIds().size();
    given()
        .auth()
        .oauth2(ci())
        .contentType("application/json")
        .body(matrix)
        .when()
        .post("/api/v1/reconcile?mode=plan")
        .then()
        .statusCode(200)
        .body("result", equalTo("planned"))
        .body("changes", equalTo(3))
        .body("planId", org.hamcrest.Matchers.notNullValue());
    assertThat(runPlanIds()).as("plan mode starts no run").hasSize(runsBefore);

    Response applied =
        given()
            .auth()
            .oauth2(deployer())
            .contentType("application/json")
            .body(matrix)
            .when()
            .post("/api/v1/reconcile?mode=apply&wait=true")
            .then()
            .statusCode(200)
            .body("result", equalTo("succeeded"))
            .body("changes", equalTo(3))
            .body("run.status", equalTo("SUCCEEDED"))
            .body("run.startedBy", equalTo("deploy-bot"))
            .body("run.outcomes.SUCCEEDED", equalTo(3))
            .extract()
            .response();
    assertThat(runPlanIds()).contains((String) applied.path("planId"));

    given()
        .auth()
        .oauth2(deployer())
        .contentType("application/json")
        .body(matrix)
        .when()
        .post("/api/v1/reconcile?mode=apply&wait=true")
        .then()
        .statusCode(200)
        .body("result", equalTo("no_changes"))
        .body("changes", equalTo(0))
        .body("$", not(org.hamcrest.Matchers.hasKey("run")));
  }

  /**
   * Planning is not deploying: a ci token (what a pull-request job holds) may plan any matrix, but
   * an apply, through reconcile or a stored plan, is refused before anything is planned, audited or
   * run; a deployer's apply of the same matrix goes through.
   */
  @Test
  void ciPlansButOnlyADeployerApplies() {
    Map<String, Object> matrix = newSetMatrix("CiMayNotApplySet", "aws-team-a-engineers", "_root_");
    int runsBefore = runPlanIds().size();
    List<String> newestPlanBefore = newestPlan();
    long auditBefore = auditCount();

    given()
        .auth()
        .oauth2(ci())
        .contentType("application/json")
        .body(matrix)
        .when()
        .post("/api/v1/reconcile?mode=apply&wait=true")
        .then()
        .statusCode(403)
        .body("code", equalTo("deployer_required"))
        .body("message", containsString("deployer"));
    assertThat(newestPlan()).as("nothing planned").isEqualTo(newestPlanBefore);
    assertThat(auditCount()).as("nothing audited").isEqualTo(auditBefore);
    assertThat(runPlanIds()).as("nothing run").hasSize(runsBefore);

    given()
        .auth()
        .oauth2(ci())
        .contentType("application/json")
        .body(matrix)
        .when()
        .post("/api/v1/reconcile?mode=plan")
        .then()
        .statusCode(200)
        .body("result", equalTo("planned"));
    String planId =
        given()
            .auth()
            .oauth2(ci())
            .contentType("application/json")
            .body(matrix)
            .when()
            .post("/api/v1/plans")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    given()
        .auth()
        .oauth2(ci())
        .when()
        .post("/api/v1/plans/" + planId + "/apply?wait=true")
        .then()
        .statusCode(403);
    assertThat(runPlanIds()).as("a ci token cannot apply a stored plan").doesNotContain(planId);

    given()
        .auth()
        .oauth2(deployer())
        .when()
        .post("/api/v1/plans/" + planId + "/apply?wait=true")
        .then()
        .statusCode(200)
        .body("status", equalTo("SUCCEEDED"))
        .body("startedBy", equalTo("deploy-bot"));
    assertThat(runPlanIds()).contains(planId);
  }

  static List<String> newestPlan() {
    return given()
        .auth()
        .oauth2(viewer())
        .when()
        .get("/api/v1/plans?limit=1")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("id");
  }

  static long auditCount() {
    return given()
        .auth()
        .oauth2(TestTokens.token("auditor-1", "auditor"))
        .when()
        .get("/api/v1/audit/verify")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getLong("entries");
  }

  @Test
  void reconcileRejectsBadModesAndInvalidMatrices() {
    given()
        .auth()
        .oauth2(ci())
        .when()
        .post("/api/v1/reconcile?mode=bogus")
        .then()
        .statusCode(400)
        .body("message", containsString("bogus"));
    String yaml =
        "permission_sets:\n  Dev: {session_duration: PT99H}\n"
            + "assignments:\n  - group: nobody-knows-this-group\n    permission_set: Dev\n"
            + "    ous: [No/Such/OU]\n";
    given()
        .auth()
        .oauth2(deployer())
        .contentType("application/json")
        .body(Map.of("files", Map.of("bad.yaml", yaml)))
        .when()
        .post("/api/v1/reconcile?mode=apply&wait=true")
        .then()
        .statusCode(422)
        .body("code", equalTo("matrix_invalid"))
        .body("details.file", hasItem("bad.yaml"));
  }

  @Test
  void applyAndRunsAnswerUnknownIds() {
    String unknown = "00000000-0000-0000-0000-00000000abcd";
    apply(unknown, "").then().statusCode(404);
    apply("not-a-uuid", "").then().statusCode(400);
    given().auth().oauth2(viewer()).when().get("/api/v1/runs/" + unknown).then().statusCode(404);
    given().auth().oauth2(viewer()).when().get("/api/v1/runs/nope").then().statusCode(400);
    given()
        .auth()
        .oauth2(viewer())
        .when()
        .get("/api/v1/runs/" + unknown + "/events")
        .then()
        .statusCode(404);
  }

  /** The JSON data of each Server-Sent Event in {@code body}, checked to be of {@code runId}. */
  static List<JsonPath> sseEvents(String runId, String body) {
    List<JsonPath> events = new ArrayList<>();
    for (String line : body.split("\n")) {
      if (line.startsWith("data:")) {
        JsonPath event = new JsonPath(line.substring("data:".length()).trim());
        assertThat(event.getString("runId")).isEqualTo(runId);
        events.add(event);
      }
    }
    return events;
  }
}
