package dev.idcplane.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.importer.ClassFileImporter;
import dev.idcplane.security.Roles;
import dev.idcplane.support.TestKeys;
import dev.idcplane.support.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import jakarta.annotation.security.DenyAll;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.HttpMethod;
import jakarta.ws.rs.Path;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every route the service serves, found by reflection over its JAX-RS resources (so a new route is
 * tested the day it is written), against every role with real signed tokens: 401 without a valid
 * token (none, wrong key, expired, garbage, wrong audience, wrong issuer, no subject), 403 with a
 * role the route does not allow, neither otherwise. Routes under {@code /test} (test-only
 * resources) are skipped; a route without {@code @RolesAllowed} or {@code @PermitAll} fails the
 * test (and is denied by {@code quarkus.security.jaxrs.deny-unannotated-endpoints}).
 */
@QuarkusTest
@QuarkusTestResource(TestKeys.class)
class ApiSecurityTest {
  static final String SOME_ID = "00000000-0000-0000-0000-000000000000";

  /** A route as declared: method, path template, and who may call it (null: unannotated). */
  record Route(String method, String template, Set<String> declared, boolean permitAll) {
    String path() {
      return template.replaceAll("\\{[^}]+}", SOME_ID);
    }

    String name() {
      return method + " " + template;
    }

    /** The roles whose tokens pass: those declared, and every role implying one of them. */
    Set<String> allowedRoles() {
      return Roles.ALL.stream()
          .filter(r -> Roles.effective(r).stream().anyMatch(declared::contains))
          .collect(Collectors.toSet());
    }
  }

  /** Every resource method in dev.idcplane, with its path and security annotation. */
  static List<Route> discovered() {
    List<Route> routes = new ArrayList<>();
    var classes = new ClassFileImporter().importPackages("dev.idcplane");
    for (var javaClass : classes) {
      if (!javaClass.isAnnotatedWith(Path.class)) {
        continue;
      }
      Class<?> type = javaClass.reflect();
      String base = type.getAnnotation(Path.class).value();
      for (Method m : type.getDeclaredMethods()) {
        String http = httpMethod(m);
        if (http == null) {
          continue;
        }
        Path sub = m.getAnnotation(Path.class);
        String template = join(base, sub == null ? "" : sub.value());
        RolesAllowed roles = m.getAnnotation(RolesAllowed.class);
        if (roles == null
            && !m.isAnnotationPresent(PermitAll.class)
            && !m.isAnnotationPresent(DenyAll.class)) {
          roles = type.getAnnotation(RolesAllowed.class);
        }
        boolean permit =
            m.isAnnotationPresent(PermitAll.class)
                || (roles == null && type.isAnnotationPresent(PermitAll.class));
        routes.add(new Route(http, template, roles == null ? null : Set.of(roles.value()), permit));
      }
    }
    return routes;
  }

  static String httpMethod(Method m) {
    for (Annotation a : m.getAnnotations()) {
      HttpMethod http = a.annotationType().getAnnotation(HttpMethod.class);
      if (http != null) {
        return http.value();
      }
    }
    return null;
  }

  static String join(String base, String sub) {
    String path = ("/" + base + "/" + sub).replaceAll("/+", "/");
    return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
  }

  /** The routes under /api: every one must be protected by roles. */
  static List<Route> apiRoutes() {
    return discovered().stream().filter(r -> r.template().startsWith("/api/")).toList();
  }

  static final List<String> ROLES =
      List.of("viewer", "auditor", "ci", "deployer", "admin", "nobody");

  static Stream<Arguments> routesAndRoles() {
    return apiRoutes().stream()
        .sorted(java.util.Comparator.comparing(Route::name))
        .flatMap(r -> ROLES.stream().map(role -> Arguments.of(r.name(), r, role)));
  }

  static Stream<Arguments> routes() {
    return apiRoutes().stream()
        .sorted(java.util.Comparator.comparing(Route::name))
        .map(r -> Arguments.of(r.name(), r));
  }

  static io.restassured.response.Response call(Route route, RequestSpecification spec) {
    return spec.contentType("application/json")
        .body(route.method().equals("POST") ? "{\"files\": {\"x.yaml\": \"{}\"}}" : "")
        .request(route.method(), route.path());
  }

  @Test
  void everyRouteSaysWhoMayCallIt() {
    List<Route> all = discovered();
    assertThat(all).as("resources found by reflection").hasSizeGreaterThan(10);
    assertThat(
            all.stream()
                .filter(r -> !r.template().startsWith("/test/"))
                .filter(r -> r.declared() == null && !r.permitAll())
                .map(Route::name))
        .as("routes with neither @RolesAllowed nor @PermitAll")
        .isEmpty();
    assertThat(apiRoutes().stream().filter(Route::permitAll).map(Route::name))
        .as("/api routes open to anyone")
        .isEmpty();
    assertThat(all.stream().filter(Route::permitAll).map(Route::template))
        .as("the only open routes")
        .allMatch(
            t ->
                t.equals("/dev/token") // dev build only
                    || t.startsWith("/dev/idp/") // the console's dev login, dev build only
                    || t.equals("/") // a redirect to the console
                    || t.equals("/ui/signed-out") // the console's page after sign-out
                    || t.startsWith("/test/"));
  }

  /** The policy, written by hand: reflection finds the routes, this says what they must allow. */
  static final Map<String, Set<String>> POLICY =
      new TreeMap<>(
          Map.ofEntries(
              Map.entry("POST /api/v1/plans", Set.of("ci", "deployer", "admin")),
              Map.entry("POST /api/v1/plans/{id}/apply", Set.of("deployer", "admin")),
              Map.entry("POST /api/v1/reconcile", Set.of("ci", "deployer", "admin")),
              Map.entry("GET /api/v1/audit", Set.of("auditor", "admin")),
              Map.entry("GET /api/v1/audit/verify", Set.of("auditor", "admin")),
              Map.entry("GET /api/v1/access/export", Set.of("auditor", "admin")),
              Map.entry("GET /api/v1/drift/export", Set.of("auditor", "admin")),
              Map.entry("GET /api/v1/drift/{id}", Set.of("auditor", "admin")),
              Map.entry(
                  "GET /api/v1/drift", Set.of("viewer", "auditor", "ci", "deployer", "admin")),
              Map.entry(
                  "GET /api/v1/plans", Set.of("viewer", "auditor", "ci", "deployer", "admin")),
              Map.entry(
                  "GET /api/v1/applications/{name}/doctor",
                  Set.of("viewer", "auditor", "ci", "deployer", "admin")),
              Map.entry(
                  "GET /api/v1/runs/{id}",
                  Set.of("viewer", "auditor", "ci", "deployer", "admin"))));

  @Test
  void theRoutesFollowThePolicy() {
    Map<String, Set<String>> actual =
        apiRoutes().stream()
            .collect(Collectors.toMap(Route::name, Route::allowedRoles, (a, b) -> a, TreeMap::new));
    POLICY.forEach((route, roles) -> assertThat(actual).as(route).containsEntry(route, roles));
    // Facts that hold for every route, present and future.
    actual.forEach(
        (route, roles) -> {
          if (!route.startsWith("GET ")) {
            assertThat(roles)
                .as(route + ": viewers and auditors only read")
                .doesNotContain("viewer", "auditor");
          }
          if (route.endsWith("/apply")) {
            assertThat(roles)
                .as(route + ": ci plans, only a deployer applies")
                .doesNotContain("ci");
          }
          assertThat(roles).as(route + ": admin may do everything").contains("admin");
        });
  }

  @ParameterizedTest(name = "{0} as {2}")
  @MethodSource("routesAndRoles")
  void rolesAreEnforced(String name, Route route, String role) {
    int status =
        call(route, given().auth().oauth2(TestTokens.token("user-" + role, role)))
            .then()
            .extract()
            .statusCode();
    if (route.allowedRoles().contains(role)) {
      // Allowed: neither 401 nor 403, and no server error (a 400/404/409 for a made-up id is fine).
      assertThat(status).as(name + " as " + role).isNotIn(401, 403).isLessThan(500);
    } else {
      assertThat(status).as(name + " as " + role).isEqualTo(403);
    }
  }

  @ParameterizedTest(name = "{0} without a valid token")
  @MethodSource("routes")
  void invalidTokensAreRejected(String name, Route route) {
    long now = System.currentTimeMillis() / 1000;
    call(route, given()).then().statusCode(401);
    call(route, given().auth().oauth2(TestTokens.foreignToken("admin"))).then().statusCode(401);
    call(route, given().auth().oauth2(TestTokens.expiredToken("admin"))).then().statusCode(401);
    call(route, given().auth().oauth2("not.a.token")).then().statusCode(401);
    Map<String, Object> base =
        Map.of(
            "iss",
            "idc-control-plane-test",
            "aud",
            TestTokens.AUDIENCE,
            "sub",
            "someone",
            "groups",
            List.of("admin"),
            "iat",
            now,
            "exp",
            now + 600);
    call(route, given().auth().oauth2(TestTokens.signed(with(base, "aud", "another-service"))))
        .then()
        .statusCode(401);
    call(route, given().auth().oauth2(TestTokens.signed(without(base, "aud"))))
        .then()
        .statusCode(401);
    call(
            route,
            given().auth().oauth2(TestTokens.signed(with(base, "iss", "https://other.example"))))
        .then()
        .statusCode(401);
    call(route, given().auth().oauth2(TestTokens.signed(without(base, "sub"))))
        .then()
        .statusCode(401);
  }

  static Map<String, Object> with(Map<String, Object> claims, String key, Object value) {
    var out = new java.util.HashMap<>(claims);
    out.put(key, value);
    return out;
  }

  static Map<String, Object> without(Map<String, Object> claims, String key) {
    var out = new java.util.HashMap<>(claims);
    out.remove(key);
    return out;
  }

  @Test
  void recordsKeepTheSubjectWithTheDisplayNameBesideIt() {
    long now = System.currentTimeMillis() / 1000;
    String token =
        TestTokens.signed(
            Map.of(
                "iss",
                "idc-control-plane-test",
                "aud",
                TestTokens.AUDIENCE,
                "sub",
                "00u1abcd",
                "upn",
                "alice@example.com",
                "preferred_username",
                "alice",
                "groups",
                List.of("ci"),
                "iat",
                now,
                "exp",
                now + 600));
    var created =
        given().auth().oauth2(token).post("/api/v1/plans").then().statusCode(201).extract();
    assertThat(created.<String>path("createdBy")).isEqualTo("00u1abcd");
    assertThat(created.<String>path("createdByName")).isEqualTo("alice");
    String id = created.path("id");
    given()
        .auth()
        .oauth2(TestTokens.token("v", "viewer"))
        .get("/api/v1/plans/" + id)
        .then()
        .statusCode(200)
        .body("createdBy", org.hamcrest.Matchers.equalTo("00u1abcd"))
        .body("createdByName", org.hamcrest.Matchers.equalTo("alice"));
    given()
        .auth()
        .oauth2(TestTokens.token("a", "auditor"))
        .get("/api/v1/audit?subject=00u1abcd")
        .then()
        .statusCode(200)
        .body("entries.size()", org.hamcrest.Matchers.greaterThan(0));
    assertThat(Arrays.asList("alice@example.com", "alice")).doesNotContain("00u1abcd");
  }
}
