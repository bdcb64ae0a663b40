package dev.idcplane.ui;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;

import dev.idcplane.support.TestKeys;
import dev.idcplane.support.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/**
 * With the console's tenant off (the test profile's default, as prod's until configured), the root
 * says so in a sentence, console pages let no one in, and a session cookie cannot stand in for a
 * bearer token on the run event stream.
 */
@QuarkusTest
@QuarkusTestResource(TestKeys.class)
class ConsoleOffTest {

  @Test
  void theRootSaysTheConsoleIsOff() {
    given()
        .redirects()
        .follow(false)
        .when()
        .get("/")
        .then()
        .statusCode(200)
        .body(containsString("The web console is off"));
  }

  @Test
  void consolePagesLetNoOneIn() {
    given().redirects().follow(false).when().get("/ui/overview").then().statusCode(401);
    given()
        .redirects()
        .follow(false)
        .auth()
        .oauth2(TestTokens.token("v", "viewer"))
        .when()
        .get("/ui/overview")
        .then()
        .statusCode(401);
  }

  @Test
  void aSessionCookieIsNoBearerToken() {
    given()
        .cookie(ConsoleTenant.SESSION_COOKIE, "forged")
        .when()
        .get("/api/v1/runs/00000000-0000-0000-0000-000000000001/events")
        .then()
        .statusCode(401);
  }
}
