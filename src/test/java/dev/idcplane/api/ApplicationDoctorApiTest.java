package dev.idcplane.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.apps.ApplicationAssignment;
import dev.idcplane.identitycenter.apps.ApplicationGrant;
import dev.idcplane.identitycenter.apps.Applications;
import dev.idcplane.identitycenter.apps.TrustedTokenIssuer;
import dev.idcplane.support.HttpsIssuers;
import dev.idcplane.support.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The application doctor against the sandbox and two local HTTPS issuers ({@link HttpsIssuers}):
 * the live state is set up through the Applications port as a console user would, then the doctor
 * is asked. A healthy application is all green; each seeded fault is named by its check.
 */
@QuarkusTest
@QuarkusTestResource(value = HttpsIssuers.class, restrictToAnnotatedClass = true)
class ApplicationDoctorApiTest {
  static final String ACTOR =
      "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\","
          + "\"Principal\":{\"AWS\":[\"arn:aws:iam::111122223333:role/%s\"]},"
          + "\"Action\":\"%s\",\"Resource\":\"*\"}]}";

  @Inject Applications apps;
  @Inject IdentityCenter identityCenter;

  /**
   * The local issuers' base URL (set by {@link HttpsIssuers}, for this class's application only).
   */
  static String base() {
    return org.eclipse.microprofile.config.ConfigProvider.getConfig()
        .getValue("idcplane-test-issuer-base", String.class);
  }

  JsonPath doctor(String app, String query) {
    return given()
        .auth()
        .oauth2(TestTokens.token("someone", "viewer"))
        .when()
        .get("/api/v1/applications/" + app + "/doctor" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  static Map<String, String> results(JsonPath report) {
    List<Map<String, Object>> checks = report.getList("checks");
    return checks.stream()
        .collect(Collectors.toMap(c -> (String) c.get("id"), c -> (String) c.get("result")));
  }

  /** Sets release-bot up as the matrix declares it; returns its ARN. */
  String healthyReleaseBot() {
    var instance = identityCenter.listInstances().get(0);
    String arn = instance.instanceArn();
    String idp =
        apps.createTrustedTokenIssuer(
            arn, new TrustedTokenIssuer(null, "corp-idp", base() + "/good", "email", "userName"));
    String app = apps.createApplication(arn, "release-bot", null, "ENABLED");
    apps.putGrant(
        app,
        ApplicationGrant.jwtBearer(
            List.of(new ApplicationGrant.AuthorizedIssuer(idp, List.of("release-bot")))));
    apps.putActorPolicy(app, ACTOR.formatted("release-bot", "sso-oauth:CreateTokenWithIAM"));
    String group =
        identityCenter.findGroupId(instance.identityStoreId(), "aws-platform-admins").orElseThrow();
    apps.createAssignment(app, new ApplicationAssignment(PrincipalType.GROUP, group));
    return app;
  }

  @Test
  void aHealthyApplicationIsGreenAndEachFaultIsNamed() {
    JsonPath before = doctor("release-bot", "");
    assertThat(before.getString("verdict")).isEqualTo("FAIL");
    assertThat(results(before)).containsEntry("exists", "FAIL");

    String app = healthyReleaseBot();

    JsonPath healthy = doctor("release-bot", "?claim=alice@example.com");
    assertThat(results(healthy))
        .containsEntry("exists", "PASS")
        .containsEntry("configuration", "PASS")
        .containsEntry("issuer_discovery:corp-idp", "PASS")
        .containsEntry("grant:corp-idp", "PASS")
        .containsEntry("claim_lookup:corp-idp", "PASS")
        .containsEntry("actor_policy", "PASS")
        .containsEntry("assignments", "PASS")
        .containsEntry("scope_quota", "PASS");
    assertThat(healthy.getString("verdict")).isEqualTo("PASS");
    assertThat(results(doctor("release-bot", ""))).containsEntry("claim_lookup:corp-idp", "WARN");
    assertThat(results(doctor("release-bot", "?claim=nobody@example.com")))
        .containsEntry("claim_lookup:corp-idp", "FAIL");

    // Seeded faults, one by one.
    apps.putActorPolicy(app, ACTOR.formatted("release-bot", "sso:CreateTokenWithIAM"));
    JsonPath wrongAction = doctor("release-bot", "");
    assertThat(results(wrongAction)).containsEntry("actor_policy", "FAIL");
    assertThat(wrongAction.getString("checks.find { it.id == 'actor_policy' }.detail"))
        .contains("not sso:");
    assertThat(results(wrongAction)).containsEntry("configuration", "FAIL");
    assertThat(wrongAction.getString("checks.find { it.id == 'configuration' }.detail"))
        .contains("1 difference(s)");
    apps.putActorPolicy(app, ACTOR.formatted("someone-else", "sso-oauth:CreateTokenWithIAM"));
    assertThat(results(doctor("release-bot", ""))).containsEntry("actor_policy", "FAIL");

    String idp =
        apps.listTrustedTokenIssuers(identityCenter.listInstances().get(0).instanceArn()).stream()
            .filter(t -> t.name().equals("corp-idp"))
            .findFirst()
            .orElseThrow()
            .arn();
    apps.putGrant(
        app,
        ApplicationGrant.jwtBearer(
            List.of(new ApplicationGrant.AuthorizedIssuer(idp, List.of("another-audience")))));
    assertThat(results(doctor("release-bot", ""))).containsEntry("grant:corp-idp", "FAIL");

    apps.listAssignments(app).forEach(a -> apps.deleteAssignment(app, a));
    JsonPath unassigned = doctor("release-bot", "");
    assertThat(results(unassigned)).containsEntry("assignments", "FAIL");
    assertThat(unassigned.getString("checks.find { it.id == 'assignments' }.detail"))
        .contains("AccessDenied");
  }

  @Test
  void anIssuerWhoseDiscoveryNamesAnotherIssuerFails() {
    var instance = identityCenter.listInstances().get(0);
    String idp =
        apps.createTrustedTokenIssuer(
            instance.instanceArn(),
            new TrustedTokenIssuer(null, "stale-idp", base() + "/wrong", "email", "userName"));
    String app = apps.createApplication(instance.instanceArn(), "broken-bot", null, "ENABLED");
    apps.putGrant(
        app,
        ApplicationGrant.jwtBearer(
            List.of(new ApplicationGrant.AuthorizedIssuer(idp, List.of("broken-bot")))));

    JsonPath report = doctor("broken-bot", "");

    assertThat(results(report)).containsEntry("issuer_discovery:stale-idp", "FAIL");
    assertThat(report.getString("checks.find { it.id == 'issuer_discovery:stale-idp' }.detail"))
        .contains("names issuer https://elsewhere.example");
    assertThat(report.getString("verdict")).isEqualTo("FAIL");
  }

  @Test
  void anUndeclaredApplicationIs404() {
    given()
        .auth()
        .oauth2(TestTokens.token("someone", "viewer"))
        .when()
        .get("/api/v1/applications/not-declared/doctor")
        .then()
        .statusCode(404)
        .body("code", equalTo("application_not_declared"));
  }
}
