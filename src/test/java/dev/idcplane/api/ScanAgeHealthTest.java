package dev.idcplane.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.idcplane.support.TestKeys;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** With a tiny {@code idc.health.max-scan-age} and no recent plan, readiness is DOWN. */
@QuarkusTest
@TestProfile(ScanAgeHealthTest.TinyScanAge.class)
@QuarkusTestResource(TestKeys.class)
class ScanAgeHealthTest {

  public static class TinyScanAge extends dev.idcplane.support.SmallWaits {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> c = new HashMap<>(super.getConfigOverrides());
      c.put("idc.health.max-scan-age", "1ms");
      return c;
    }
  }

  @Test
  void readinessIsDownWithoutARecentPlan() {
    given().when().get("/q/health/ready").then().statusCode(503)
        .body("checks.find { it.name == 'latest-scan-age' }.status", equalTo("DOWN"));
    given().when().get("/q/health/live").then().statusCode(200);
  }
}
