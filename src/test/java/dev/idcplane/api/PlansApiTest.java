package dev.idcplane.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import dev.idcplane.persistence.PlanEntity;
import dev.idcplane.plan.ShippedExample;
import dev.idcplane.support.TestClock;
import dev.idcplane.support.TestKeys;
import dev.idcplane.support.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import jakarta.transaction.Transactional;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The plans API on the real PostgreSQL, against the default sandbox, with real tokens. */
@QuarkusTest
@QuarkusTestResource(TestKeys.class)
class PlansApiTest {
  static String admin() {
    return TestTokens.token("alice-admin", "admin");
  }

  @Transactional
  long storedPlans() {
    return PlanEntity.count();
  }

  @Transactional
  java.util.List<Long> storedRows(String id) {
    PlanEntity plan = PlanEntity.findById(java.util.UUID.fromString(id));
    return java.util.List.of((long) plan.changes.size(), (long) plan.drift.size());
  }

  @Test
  void plansTheConfiguredMatrixAndStoresIt() {
    Response created =
        given()
            .auth()
            .oauth2(TestTokens.token("ci-bot", "ci"))
            .queryParam("commit", "0123abcd")
            .when()
            .post("/api/v1/plans")
            .then()
            .statusCode(201)
            .header("Location", containsString("/api/v1/plans/"))
            .body("createdBy", equalTo("ci-bot"))
            .body("matrixOrigin", equalTo("configured"))
            .body("source.matrixCommit", equalTo("0123abcd"))
            .body("source.matrixDigest", notNullValue())
            .body("summary.totalChanges", equalTo(ShippedExample.TOTAL_CHANGES))
            .body("changes.action", hasItem("create_assignment"))
            .extract()
            .response();
    String id = created.path("id");
    // The application runs on the tests' clock, so the shipped matrix's dated exception gives the
    // same plan whatever day the suite runs.
    assertThat(java.time.Instant.parse(created.<String>path("createdAt")))
        .isBetween(TestClock.START, TestClock.now());

    given()
        .auth()
        .oauth2(TestTokens.token("v", "viewer"))
        .when()
        .get("/api/v1/plans/" + id)
        .then()
        .statusCode(200)
        .body("id", equalTo(id))
        .body("changes", hasSize(ShippedExample.TOTAL_CHANGES))
        .body("fingerprint", equalTo(created.path("fingerprint")));

    given()
        .auth()
        .oauth2(TestTokens.token("v", "viewer"))
        .accept("text/plain")
        .when()
        .get("/api/v1/plans/" + id)
        .then()
        .statusCode(200)
        .body(containsString("Plan: 2 permission sets to create"));

    assertThat(storedRows(id))
        .containsExactly((long) ShippedExample.TOTAL_CHANGES, (long) ShippedExample.DRIFT_FINDINGS);

    given()
        .auth()
        .oauth2(TestTokens.token("v", "viewer"))
        .when()
        .get("/api/v1/plans?limit=200")
        .then()
        .statusCode(200)
        .body("id", hasItem(id));
  }

  @Test
  void rendersTerraformStyleTextOnRequest() {
    given()
        .auth()
        .oauth2(admin())
        .accept("text/plain")
        .when()
        .post("/api/v1/plans")
        .then()
        .statusCode(201)
        .contentType(containsString("text/plain"))
        .body(containsString("~ permission set AppDeveloper"))
        .body(containsString("- assignment AppDeveloper"))
        .body(containsString("# wanted by "));
  }

  @Test
  void plansAMatrixSentInTheRequest() {
    String yaml =
        "permission_sets:\n  PowerUser:\n    session_duration: PT4H\n"
            + "    managed_policies: [arn:aws:iam::aws:policy/PowerUserAccess]\n"
            + "assignments:\n  - group: aws-team-a-leads\n    permission_set: PowerUser\n"
            + "    accounts: [app-dev]\n";
    given()
        .auth()
        .oauth2(admin())
        .contentType("application/json")
        .body(Map.of("files", Map.of("preview.yaml", yaml), "commit", "feedbeef"))
        .when()
        .post("/api/v1/plans")
        .then()
        .statusCode(201)
        .body("matrixOrigin", equalTo("request"))
        .body("source.matrixCommit", equalTo("feedbeef"));

    given()
        .auth()
        .oauth2(admin())
        .contentType("application/yaml")
        .body(yaml.getBytes(StandardCharsets.UTF_8))
        .when()
        .post("/api/v1/plans")
        .then()
        .statusCode(201)
        .body("matrixOrigin", equalTo("request"));
  }

  @Test
  void invalidMatrixIs422WithEveryViolationAndStoresNothing() {
    long before = storedPlans();
    String yaml =
        "permission_sets:\n  Dev:\n    session_duration: PT99H\n    colour: blue\n"
            + "assignments:\n  - group: nobody-knows-this-group\n    permission_set: Dev\n"
            + "    ous: [No/Such/OU]\n";
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
        .body("details.file", hasItem("bad.yaml"))
        .body("details.line", hasItem(3))
        .body("details.line", hasItem(4));
    assertThat(storedPlans()).isEqualTo(before);
  }

  /**
   * Issuers and applications are validated with the rest of the matrix (a bad one is a 422 at its
   * line); a valid one plans their changes, with the sso-admin operation as action and the
   * declaration's file:line as reason.
   */
  @Test
  void issuersAndApplicationsAreValidatedAndPlanned() {
    String sets =
        "permission_sets:\n  PowerUser:\n    session_duration: PT4H\n"
            + "    managed_policies: [arn:aws:iam::aws:policy/PowerUserAccess]\n";
    String issuers =
        "trusted_token_issuers:\n  corp-idp:\n"
            + "    issuer_url: https://idp.example.com/oauth2/default\n"
            + "    claim_attribute_path: email\n    identity_store_attribute_path: emails.value\n";
    String app =
        "applications:\n  release-bot:\n    callers: [arn:aws:iam::111122223333:role/release-bot]\n"
            + "    jwt_bearer:\n      - issuer: corp-idp\n        audiences: [release-bot]\n";
    given()
        .auth()
        .oauth2(admin())
        .contentType("application/json")
        .body(Map.of("files", Map.of("apps.yaml", sets + issuers + app)))
        .when()
        .post("/api/v1/plans")
        .then()
        .statusCode(201)
        .body(
            "changes.action",
            hasItems(
                "create_trusted_token_issuer",
                "create_application",
                "put_application_grant",
                "put_application_authentication_method"))
        .body(
            "changes.find { it.action == 'create_application' }.application.name",
            is("release-bot"))
        .body(
            "changes.find { it.action == 'create_application' }.reason",
            containsString("apps.yaml:"))
        .body(
            "changes.find { it.action == 'create_trusted_token_issuer' }.settings.issuerUrl",
            is("https://idp.example.com/oauth2/default"))
        .body("summary.changes.application", is(4))
        .body("drift.kind", hasItems("application", "trusted_token_issuer"));

    long before = storedPlans();
    given()
        .auth()
        .oauth2(admin())
        .contentType("application/json")
        .body(
            Map.of(
                "files", Map.of("apps.yaml", sets + issuers.replace("https://", "http://") + app)))
        .when()
        .post("/api/v1/plans")
        .then()
        .statusCode(422)
        .body("details.file", hasItem("apps.yaml"))
        .body("details.line", hasItem(7))
        .body("details.field", hasItem(containsString("issuer_url")));
    assertThat(storedPlans()).isEqualTo(before);

    // Principals are checked against the live identity store, in the same 422.
    String unknownGroup = app + "    assignments: {groups: [aws-platform-admins, no-such-team]}\n";
    given()
        .auth()
        .oauth2(admin())
        .contentType("application/json")
        .body(Map.of("files", Map.of("apps.yaml", sets + issuers + unknownGroup)))
        .when()
        .post("/api/v1/plans")
        .then()
        .statusCode(422)
        .body("details.kind", hasItem("unknown_group"))
        .body("details.message", hasItem(containsString("no-such-team")))
        .body("details.line", hasItem(16));
    assertThat(storedPlans()).isEqualTo(before);
  }

  @Test
  void unresolvableNamesAre422WithTheRuleLine() {
    String yaml =
        "permission_sets:\n  Dev: {session_duration: PT1H}\n"
            + "assignments:\n  - group: nobody-knows-this-group\n    permission_set: Dev\n"
            + "    ous: [No/Such/OU]\n";
    long before = storedPlans();
    given()
        .auth()
        .oauth2(admin())
        .contentType("application/yaml")
        .body(yaml.getBytes(StandardCharsets.UTF_8))
        .when()
        .post("/api/v1/plans")
        .then()
        .statusCode(422)
        .body("details.file", hasItem("request.yaml"))
        .body("details.message", hasItem(containsString("nobody-knows-this-group")))
        .body("details.message", hasItem(containsString("No/Such/OU")));
    assertThat(storedPlans()).isEqualTo(before);
  }

  @Test
  void badRequestsSayWhatToSend() {
    given()
        .auth()
        .oauth2(admin())
        .contentType("application/json")
        .body("{\"filez\": {}}")
        .when()
        .post("/api/v1/plans")
        .then()
        .statusCode(400)
        .body("code", equalTo("http_400"))
        .body("message", containsString("files"));
    given()
        .auth()
        .oauth2(admin())
        .contentType("application/json")
        .body(Map.of("files", Map.of("../etc/passwd", "x")))
        .when()
        .post("/api/v1/plans")
        .then()
        .statusCode(400)
        .body("message", containsString("not a matrix file name"));
    given()
        .auth()
        .oauth2(admin())
        .contentType("application/octet-stream")
        .body("xx".getBytes(StandardCharsets.UTF_8))
        .when()
        .post("/api/v1/plans")
        .then()
        .statusCode(400)
        .body("message", containsString("Content-Type"));
    given()
        .auth()
        .oauth2(admin())
        .queryParam("commit", "$(rm -rf)")
        .when()
        .post("/api/v1/plans")
        .then()
        .statusCode(400);
    given()
        .auth()
        .oauth2(admin())
        .when()
        .get("/api/v1/plans/not-a-uuid")
        .then()
        .statusCode(400)
        .body("message", containsString("UUID"));
    given()
        .auth()
        .oauth2(admin())
        .when()
        .get("/api/v1/plans/00000000-0000-0000-0000-000000000001")
        .then()
        .statusCode(404)
        .body("code", equalTo("not_found"));
    given()
        .auth()
        .oauth2(admin())
        .when()
        .get("/api/v1/plans?limit=0")
        .then()
        .statusCode(400)
        .body("message", containsString("limit"));
    given()
        .auth()
        .oauth2(admin())
        .when()
        .get("/api/v1/plans?before=yesterday")
        .then()
        .statusCode(400)
        .body("message", containsString("ISO-8601"));
  }

  @Test
  void showsTheConfiguredMatrix() {
    given()
        .auth()
        .oauth2(TestTokens.token("v", "viewer"))
        .when()
        .get("/api/v1/matrix")
        .then()
        .statusCode(200)
        .body("valid", equalTo(true))
        .body("path", equalTo("assignments"))
        .body("permissionSets.name", hasItem("AppDeveloper"))
        .body("rules.find { it.principal == 'alice@example.com' }.expires", equalTo("2027-06-30"))
        .body(
            "rules.find { it.principal == 'alice@example.com' }.at",
            containsString("assignments.yaml:"));
  }

  @Test
  void healthAndOpenApiStayOpen() {
    given().when().get("/q/health").then().statusCode(200);
    given().when().get("/q/openapi").then().statusCode(200).body(containsString("/api/v1/plans"));
  }
}
