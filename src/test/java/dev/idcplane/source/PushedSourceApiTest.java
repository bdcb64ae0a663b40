package dev.idcplane.source;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.idcplane.drift.DriftScanner;
import dev.idcplane.support.TestKeys;
import dev.idcplane.support.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * {@code idc.matrix.source=pushed}: the configured matrix is the one a deployer last applied.
 * Before any push there is nothing configured to plan or scan (409 {@code matrix_not_pushed}); a
 * deployer's apply with a body pushes it, with who, when, digest and commit; CI's plans of the same
 * files then count as configured. The application starts with an empty database.
 */
@QuarkusTest
@TestProfile(PushedSourceApiTest.Profile.class)
@QuarkusTestResource(TestKeys.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PushedSourceApiTest {
  static final String YAML = dev.idcplane.support.SmallMatrix.powerUser("app-dev, app-staging");
  static final String COMMIT = "0123456789abcdef0123456789abcdef01234567";

  /** Its own application, sandbox and (cleaned) database. */
  public static class Profile extends dev.idcplane.support.SmallWaits {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> m = new HashMap<>(super.getConfigOverrides());
      m.put("idc.matrix.source", "pushed");
      return m;
    }
  }

  @Inject DriftScanner scanner;
  @Inject AgroalDataSource db;

  @Test
  @Order(1)
  void beforeAnyPushThereIsNothingConfigured() {
    given()
        .auth()
        .oauth2(ci())
        .when()
        .get("/api/v1/matrix")
        .then()
        .statusCode(409)
        .body("code", equalTo("matrix_not_pushed"))
        .body("message", containsString("idc.matrix.source=pushed"));
    given()
        .auth()
        .oauth2(ci())
        .when()
        .post("/api/v1/plans")
        .then()
        .statusCode(409)
        .body("code", equalTo("matrix_not_pushed"));
    given()
        .auth()
        .oauth2(ci())
        .when()
        .post("/api/v1/reconcile")
        .then()
        .statusCode(409)
        .body("code", equalTo("matrix_not_pushed"));
    assertThatThrownBy(() -> scanner.scan()).isInstanceOf(MatrixNotPushedException.class);

    // A body plans, as a preview saying nothing is pushed.
    given()
        .auth()
        .oauth2(ci())
        .contentType("application/json")
        .body(body(YAML))
        .when()
        .post("/api/v1/reconcile?mode=plan")
        .then()
        .statusCode(200)
        .body("matrixOrigin", equalTo("request"))
        .body("warnings[0].kind", equalTo("matrix_preview"))
        .body("warnings[0].message", containsString("no matrix has been pushed"));
    // CI may not push: apply is the deployer's.
    given()
        .auth()
        .oauth2(ci())
        .contentType("application/json")
        .body(body(YAML))
        .when()
        .post("/api/v1/reconcile?mode=apply&wait=true")
        .then()
        .statusCode(403)
        .body("code", equalTo("deployer_required"));
    assertThat(pushes()).isEmpty();
  }

  @Test
  @Order(2)
  void aDeployerApplyPushesAndCiPlansOfTheSameFilesCountAsConfigured() {
    JsonPath applied =
        given()
            .auth()
            .oauth2(deployer())
            .contentType("application/json")
            .body(body(YAML))
            .when()
            .post("/api/v1/reconcile?mode=apply&wait=true&commit=" + COMMIT)
            .then()
            .statusCode(200)
            .body("result", equalTo("succeeded"))
            .body("matrixOrigin", equalTo("configured"))
            .extract()
            .jsonPath();

    JsonPath matrix =
        given()
            .auth()
            .oauth2(ci())
            .when()
            .get("/api/v1/matrix")
            .then()
            .statusCode(200)
            .body("source.kind", equalTo("pushed"))
            .body("source.pushedBy", equalTo("deploy-bot"))
            .body("source.commit", equalTo(COMMIT))
            .body("valid", equalTo(true))
            .extract()
            .jsonPath();
    assertThat(matrix.getString("source.pushedAt")).isNotBlank();
    assertThat(matrix.getString("source.digest")).isEqualTo(matrix.getString("digest"));

    JsonPath stored =
        given()
            .auth()
            .oauth2(ci())
            .when()
            .get("/api/v1/plans/" + applied.getString("planId"))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(stored.getString("source.matrixDigest")).isEqualTo(matrix.getString("digest"));
    assertThat(pushes())
        .containsExactly(
            List.of("deploy-bot", matrix.getString("digest"), COMMIT, applied.getString("planId")));

    var audit =
        given()
            .auth()
            .oauth2(TestTokens.token("audrey", "auditor"))
            .when()
            .get("/api/v1/audit?action=MATRIX_PUSHED")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(audit.getList("entries.subject")).containsExactly("deploy-bot");
    assertThat(audit.getList("entries.matrixCommit")).containsExactly(COMMIT);

    // CI's plan of the same files is the configured matrix's; so is a plan without a body.
    given()
        .auth()
        .oauth2(ci())
        .contentType("application/json")
        .body(body(YAML))
        .when()
        .post("/api/v1/reconcile?mode=plan")
        .then()
        .statusCode(200)
        .body("matrixOrigin", equalTo("configured"))
        .body("changes", equalTo(0))
        .body("warnings", org.hamcrest.Matchers.empty());
    given()
        .auth()
        .oauth2(ci())
        .when()
        .post("/api/v1/plans")
        .then()
        .statusCode(201)
        .body("matrixOrigin", equalTo("configured"))
        .body("source.matrixCommit", equalTo(COMMIT));
    assertThat(scanner.scan().planId()).isPresent();

    // Other files are a preview until a deployer applies them.
    String other = YAML.replace("[app-dev, app-staging]", "[app-dev]");
    given()
        .auth()
        .oauth2(ci())
        .contentType("application/json")
        .body(body(other))
        .when()
        .post("/api/v1/reconcile?mode=plan")
        .then()
        .statusCode(200)
        .body("matrixOrigin", equalTo("request"))
        .body("warnings[0].message", containsString("idc.matrix.source=pushed"));
  }

  @Test
  @Order(3)
  void theNewestPushIsConfiguredAndEveryPushIsKept() {
    String other = YAML.replace("[app-dev, app-staging]", "[app-dev]");
    given()
        .auth()
        .oauth2(deployer())
        .contentType("application/json")
        .body(body(other))
        .when()
        .post("/api/v1/reconcile?mode=apply&wait=true&allowDeletes=true")
        .then()
        .statusCode(200)
        .body("matrixOrigin", equalTo("configured"));
    given()
        .auth()
        .oauth2(ci())
        .when()
        .get("/api/v1/matrix")
        .then()
        .statusCode(200)
        .body("source.commit", org.hamcrest.Matchers.nullValue())
        .body("rules[0].accounts", equalTo(List.of("app-dev")));
    assertThat(pushes()).hasSize(2);
    given()
        .auth()
        .oauth2(ci())
        .contentType("application/json")
        .body(body(YAML))
        .when()
        .post("/api/v1/reconcile?mode=plan")
        .then()
        .statusCode(200)
        .body("matrixOrigin", equalTo("request"));
  }

  @Test
  @Order(4)
  void aRefusedApplyPushesNothingAndRecordsNoDrift() {
    int drift =
        given()
            .auth()
            .oauth2(TestTokens.token("audrey", "auditor"))
            .when()
            .get("/api/v1/drift?status=all&limit=500")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items")
            .size();
    // Every managed grant deleted: the deletion guard refuses without allowDeletes.
    String none =
        "permission_sets:\n  PowerUser:\n"
            + "    description: Everything except IAM and Organizations\n"
            + "    session_duration: PT4H\n"
            + "    managed_policies: [arn:aws:iam::aws:policy/PowerUserAccess]\n"
            + "    tags: {ManagedBy: idc-control-plane}\n";
    given()
        .auth()
        .oauth2(deployer())
        .contentType("application/json")
        .body(body(none))
        .when()
        .post("/api/v1/reconcile?mode=apply&wait=true")
        .then()
        .statusCode(422)
        .body("code", equalTo("deletion_guard"));
    assertThat(pushes()).hasSize(2);
    given()
        .auth()
        .oauth2(ci())
        .when()
        .get("/api/v1/matrix")
        .then()
        .statusCode(200)
        .body("rules[0].accounts", equalTo(List.of("app-dev")));
    assertThat(
            given()
                .auth()
                .oauth2(TestTokens.token("audrey", "auditor"))
                .when()
                .get("/api/v1/drift?status=all&limit=500")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items"))
        .hasSize(drift);
  }

  static Map<String, Object> body(String yaml) {
    return Map.of("files", Map.of("matrix.yaml", yaml));
  }

  /** Rows of matrix_push, oldest first: who, digest, commit, plan. */
  List<List<String>> pushes() {
    List<List<String>> rows = new java.util.ArrayList<>();
    try (Connection c = db.getConnection();
        ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "select pushed_by, digest, commit, plan_id from matrix_push order by id")) {
      while (rs.next()) {
        rows.add(
            java.util.Arrays.asList(
                rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return rows;
  }

  static String ci() {
    return TestTokens.token("ci-bot", "ci");
  }

  static String deployer() {
    return TestTokens.token("deploy-bot", "deployer");
  }
}
