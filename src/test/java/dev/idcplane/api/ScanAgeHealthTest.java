package dev.idcplane.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.idcplane.support.TestKeys;
import dev.idcplane.support.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * With {@code idc.health.max-scan-age} set, readiness is DOWN until a plan of the configured matrix
 * is recent enough; a preview of a matrix sent in the request does not count.
 */
@QuarkusTest
@TestProfile(ScanAgeHealthTest.HourScanAge.class)
@QuarkusTestResource(TestKeys.class)
class ScanAgeHealthTest {
  static final String CHECK = "checks.find { it.name == 'latest-scan-age' }";

  public static class HourScanAge extends dev.idcplane.support.SmallWaits {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> c = new HashMap<>(super.getConfigOverrides());
      c.put("idc.health.max-scan-age", "1h");
      return c;
    }
  }

  @Test
  void readinessFollowsTheNewestPlanOfTheConfiguredMatrix() {
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(503)
        .body(CHECK + ".status", equalTo("DOWN"))
        .body(CHECK + ".data.newestPlan", equalTo("none"));
    given().when().get("/q/health/live").then().statusCode(200);

    String preview =
        "permission_sets:\n  OnlyInPreview:\n    description: x\n"
            + "assignments:\n  - group: aws-finops\n    permission_set: OnlyInPreview\n"
            + "    accounts: [sandbox-8]\n";
    plan(Map.of("files", Map.of("m.yaml", preview)));
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(503)
        .body(CHECK + ".status", equalTo("DOWN"))
        .body(CHECK + ".data.newestPlan", equalTo("none"));

    plan("");
    given()
        .when()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body(CHECK + ".status", equalTo("UP"));
  }

  static void plan(Object body) {
    var request = given().auth().oauth2(TestTokens.token("ci-bot", "ci"));
    if (!"".equals(body)) {
      request = request.contentType("application/json").body(body);
    }
    request.when().post("/api/v1/plans").then().statusCode(201);
  }
}
