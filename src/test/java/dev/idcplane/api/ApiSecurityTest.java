package dev.idcplane.api;

import static io.restassured.RestAssured.given;

import dev.idcplane.support.TestKeys;
import dev.idcplane.support.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every /api route against every role, with real signed tokens: 401 without a valid token (none,
 * wrong key, expired, garbage), 403 with a role the route does not allow, not 401/403 otherwise.
 */
@QuarkusTest
@QuarkusTestResource(TestKeys.class)
class ApiSecurityTest {
  static final String SOME_ID = "00000000-0000-0000-0000-000000000000";

  /** Route → the roles that may call it (admin implies all, auditor implies viewer). */
  static final Map<String, Set<String>> ROUTES =
      Map.ofEntries(
          Map.entry("POST /api/v1/plans", Set.of("ci", "deployer", "admin")),
          Map.entry("GET /api/v1/plans", Set.of("viewer", "auditor", "ci", "admin")),
          Map.entry("GET /api/v1/plans/" + SOME_ID, Set.of("viewer", "auditor", "ci", "admin")),
          Map.entry("GET /api/v1/matrix", Set.of("viewer", "auditor", "ci", "admin")),
          Map.entry("POST /api/v1/plans/" + SOME_ID + "/apply", Set.of("deployer", "admin")),
          Map.entry("GET /api/v1/runs", Set.of("viewer", "auditor", "ci", "admin")),
          Map.entry("GET /api/v1/runs/" + SOME_ID, Set.of("viewer", "auditor", "ci", "admin")),
          Map.entry("GET /api/v1/runs/" + SOME_ID + "/events", Set.of("viewer", "auditor", "ci", "admin")),
          Map.entry("POST /api/v1/reconcile", Set.of("ci", "deployer", "admin")),
          Map.entry("GET /api/v1/audit", Set.of("auditor", "admin")),
          Map.entry("GET /api/v1/audit/verify", Set.of("auditor", "admin")),
          Map.entry(
              "GET /api/v1/audit/verify?head=1:" + "0".repeat(64), Set.of("auditor", "admin")),
          Map.entry("GET /api/v1/access", Set.of("viewer", "auditor", "ci", "admin")),
          Map.entry("GET /api/v1/access/export", Set.of("auditor", "admin")));

  static final List<String> ROLES = List.of("viewer", "auditor", "ci", "deployer", "admin", "nobody");

  static Stream<Arguments> routesAndRoles() {
    return ROUTES.keySet().stream()
        .sorted()
        .flatMap(r -> ROLES.stream().map(role -> Arguments.of(r, role)));
  }

  static Stream<String> routes() {
    return ROUTES.keySet().stream().sorted();
  }

  static io.restassured.response.Response call(String route, RequestSpecification spec) {
    String[] parts = route.split(" ", 2);
    return spec.contentType("application/json").body(parts[0].equals("POST") ? "{\"files\": {\"x.yaml\": \"{}\"}}" : "")
        .request(parts[0], parts[1]);
  }

  @ParameterizedTest(name = "{0} as {1}")
  @MethodSource("routesAndRoles")
  void rolesAreEnforced(String route, String role) {
    int status =
        call(route, given().auth().oauth2(TestTokens.token("user-" + role, role)))
            .then()
            .extract()
            .statusCode();
    if (ROUTES.get(route).contains(role)) {
      // Allowed: neither 401 nor 403, and no server error (a 400/404/409 for a made-up id is fine).
      org.assertj.core.api.Assertions.assertThat(status).isNotIn(401, 403).isLessThan(500);
    } else {
      org.assertj.core.api.Assertions.assertThat(status).isEqualTo(403);
    }
  }

  @ParameterizedTest(name = "{0} without a valid token")
  @MethodSource("routes")
  void invalidTokensAreRejected(String route) {
    call(route, given()).then().statusCode(401);
    call(route, given().auth().oauth2(TestTokens.foreignToken("admin"))).then().statusCode(401);
    call(route, given().auth().oauth2(TestTokens.expiredToken("admin"))).then().statusCode(401);
    call(route, given().auth().oauth2("not.a.token")).then().statusCode(401);
  }
}
