package dev.idcplane.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;

import dev.idcplane.support.DatabaseProxy;
import dev.idcplane.support.TestKeys;
import dev.idcplane.support.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 9 section 5: with PostgreSQL gone the API answers 503 {@code database_unavailable} with
 * Retry-After, not 500; once it is back, pooled connections are validated on borrow and the same
 * request answers 200. The application reaches the database through a proxy the test stops.
 */
@QuarkusTest
@TestProfile(DatabaseOutageTest.Profile.class)
@QuarkusTestResource(TestKeys.class)
@QuarkusTestResource(value = DatabaseProxy.class, restrictToAnnotatedClass = true)
class DatabaseOutageTest {
  /** Its own application start, so only this class's datasource goes through the proxy. */
  public static class Profile extends dev.idcplane.support.SmallWaits {}

  static String viewer() {
    return TestTokens.token("vic-viewer", "viewer");
  }

  @AfterEach
  void databaseBack() {
    DatabaseProxy.startDatabase();
  }

  @Test
  void databaseGoneIs503AndBackIs200() {
    given().auth().oauth2(viewer()).when().get("/api/v1/runs").then().statusCode(200);

    DatabaseProxy.stopDatabase();
    given()
        .auth()
        .oauth2(viewer())
        .when()
        .get("/api/v1/runs")
        .then()
        .statusCode(503)
        .contentType("application/json")
        .header("Retry-After", "5")
        .body("code", equalTo("database_unavailable"));

    DatabaseProxy.startDatabase();
    given().auth().oauth2(viewer()).when().get("/api/v1/runs").then().statusCode(200);
  }
}
