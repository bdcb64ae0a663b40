package dev.idcplane.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.apps.AccessScope;
import dev.idcplane.identitycenter.apps.ApplicationAssignment;
import dev.idcplane.identitycenter.apps.ApplicationGrant;
import dev.idcplane.identitycenter.apps.Applications;
import dev.idcplane.identitycenter.apps.TrustedTokenIssuer;
import dev.idcplane.support.HttpsIssuers;
import dev.idcplane.support.TestClock;
import dev.idcplane.support.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.Test;

/**
 * The doctor's opt-in token exchange against the sandbox's CreateTokenWithIAM, with tokens signed
 * by the local HTTPS issuer's real key ({@link HttpsIssuers}): a good token yields the user and
 * scopes; each fault (expired, wrong audience, foreign key, unknown user, unassigned user, a caller
 * the application does not list) is named; the token never comes back.
 */
@QuarkusTest
@QuarkusTestResource(value = HttpsIssuers.class, restrictToAnnotatedClass = true)
class ApplicationExchangeApiTest {
  static final String SERVICE_CALLER = "arn:aws:iam::111111111111:role/idc-control-plane";

  @Inject Applications apps;
  @Inject IdentityCenter identityCenter;

  static String base() {
    return ConfigProvider.getConfig().getValue("idcplane-test-issuer-base", String.class);
  }

  static PublicJsonWebKey key() throws Exception {
    Path file =
        Path.of(ConfigProvider.getConfig().getValue("idcplane-test-issuer-key", String.class));
    return PublicJsonWebKey.Factory.newPublicJwk(Files.readString(file));
  }

  static String token(PublicJsonWebKey key, String audience, String email, long expiresInSeconds)
      throws Exception {
    JwtClaims claims = new JwtClaims();
    claims.setIssuer(base() + "/good");
    claims.setAudience(audience);
    claims.setSubject("idp-user-1");
    claims.setClaim("email", email);
    long now = TestClock.now().getEpochSecond(); // the sandbox checks exp on the app's clock
    claims.setIssuedAt(NumericDate.fromSeconds(now - 600));
    claims.setExpirationTime(NumericDate.fromSeconds(now + expiresInSeconds));
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(key.getPrivateKey());
    jws.setKeyIdHeaderValue(key.getKeyId());
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    return jws.getCompactSerialization();
  }

  static Response exchange(String app, String role, Object body) {
    return given()
        .auth()
        .oauth2(TestTokens.token("someone", role))
        .contentType(ContentType.JSON)
        .body(body)
        .when()
        .post("/api/v1/applications/" + app + "/doctor/exchange");
  }

  static JsonPath report(String app, String token) {
    Response r = exchange(app, "admin", Map.of("token", token));
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.asString()).doesNotContain(token);
    return r.jsonPath();
  }

  static String check(JsonPath report, String id, String field) {
    return report.getString("checks.find { it.id == '" + id + "' }." + field);
  }

  /** Sets portal up as the matrix declares it; returns its ARN. */
  String healthyPortal() {
    var instance = identityCenter.listInstances().get(0);
    String idp =
        apps.createTrustedTokenIssuer(
            instance.instanceArn(),
            new TrustedTokenIssuer(null, "corp-idp", base() + "/good", "email", "userName"));
    String app = apps.createApplication(instance.instanceArn(), "portal", null, "ENABLED");
    apps.putGrant(
        app,
        ApplicationGrant.jwtBearer(
            List.of(new ApplicationGrant.AuthorizedIssuer(idp, List.of("portal")))));
    apps.putActorPolicy(
        app,
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
            + SERVICE_CALLER
            + "\"},\"Action\":\"sso-oauth:CreateTokenWithIAM\",\"Resource\":\"*\"}]}");
    apps.putAccessScope(app, new AccessScope("sts:identity_context", List.of()));
    String group =
        identityCenter.findGroupId(instance.identityStoreId(), "aws-platform-admins").orElseThrow();
    apps.createAssignment(app, new ApplicationAssignment(PrincipalType.GROUP, group));
    return app;
  }

  @Test
  void aGoodTokenNamesTheUserAndEachFaultIsNamed() throws Exception {
    PublicJsonWebKey key = key();
    String good = token(key, "portal", "alice@example.com", 300);
    JsonPath missing = report("portal", good);
    assertThat(missing.getString("verdict")).isEqualTo("FAIL");
    assertThat(check(missing, "exists", "result")).isEqualTo("FAIL");

    String app = healthyPortal();

    JsonPath ok = report("portal", good);
    assertThat(ok.getString("verdict")).isEqualTo("PASS");
    assertThat(check(ok, "caller", "result")).isEqualTo("PASS");
    assertThat(check(ok, "exchange", "result")).isEqualTo("PASS");
    assertThat(ok.getString("identity.userName")).isEqualTo("alice@example.com");
    assertThat(ok.getString("identity.userId"))
        .isEqualTo(
            identityCenter
                .findUserId(
                    identityCenter.listInstances().get(0).identityStoreId(), "alice@example.com")
                .orElseThrow());
    assertThat(ok.getList("identity.scopes", String.class)).containsExactly("sts:identity_context");
    assertThat(ok.getBoolean("identity.identityContext")).isTrue();

    JsonPath expired = report("portal", token(key, "portal", "alice@example.com", -120));
    assertThat(check(expired, "exchange", "result")).isEqualTo("FAIL");
    assertThat(check(expired, "exchange", "detail"))
        .startsWith("invalid_grant")
        .contains("expired");

    JsonPath audience = report("portal", token(key, "release-bot", "alice@example.com", 300));
    assertThat(check(audience, "exchange", "detail")).contains("audience");

    PublicJsonWebKey foreign = RsaJwkGenerator.generateJwk(2048);
    foreign.setKeyId("k1");
    JsonPath forged = report("portal", token(foreign, "portal", "alice@example.com", 300));
    assertThat(check(forged, "exchange", "detail")).contains("signature");

    JsonPath stranger = report("portal", token(key, "portal", "mallory@example.com", 300));
    assertThat(check(stranger, "exchange", "detail")).contains("No user matches");

    JsonPath bob = report("portal", token(key, "portal", "bob@example.com", 300));
    assertThat(check(bob, "exchange", "detail")).startsWith("access_denied").contains("assigned");

    apps.listAssignments(app).forEach(a -> apps.deleteAssignment(app, a));
    JsonPath unassigned = report("portal", good);
    assertThat(check(unassigned, "exchange", "detail")).startsWith("access_denied");
    assertThat(check(unassigned, "exchange", "fix")).contains("assigned");

    apps.putActorPolicy(
        app,
        "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":"
            + "\"arn:aws:iam::111111111111:role/idc-control-plane\"},\"Action\":"
            + "\"sso:CreateTokenWithIAM\",\"Resource\":\"*\"}]}");
    JsonPath wrongAction = report("portal", good);
    assertThat(check(wrongAction, "exchange", "detail"))
        .startsWith("access_denied")
        .contains("is not authorized");
  }

  @Test
  void aServiceRoleTheApplicationDoesNotListIsRefusedWithoutAskingAws() throws Exception {
    String token = token(key(), "release-bot", "alice@example.com", 300);
    var instance = identityCenter.listInstances().get(0);
    if (apps.listApplications(instance.instanceArn()).stream()
        .noneMatch(a -> a.name().equals("release-bot"))) {
      apps.createApplication(instance.instanceArn(), "release-bot", null, "ENABLED");
    }

    JsonPath report = report("release-bot", token);

    assertThat(report.getString("verdict")).isEqualTo("FAIL");
    assertThat(check(report, "caller", "result")).isEqualTo("FAIL");
    assertThat(check(report, "caller", "detail"))
        .contains(SERVICE_CALLER)
        .contains("not among")
        .contains("not tried");
    assertThat(check(report, "caller", "fix")).contains("applications.yaml:");
    assertThat(report.getList("checks")).hasSize(2);
  }

  @Test
  void aMissingTokenIs400AndAnUndeclaredApplication404() {
    exchange("portal", "admin", Map.of("token", " "))
        .then()
        .statusCode(400)
        .body("code", equalTo("invalid_parameter"));
    exchange("portal", "admin", Map.of())
        .then()
        .statusCode(400)
        .body("code", equalTo("invalid_parameter"));
    exchange("not-declared", "admin", Map.of("token", "x.y.z"))
        .then()
        .statusCode(404)
        .body("code", equalTo("application_not_declared"));
  }

  @Test
  void onlyAdminsMayExchange() {
    for (String role : List.of("viewer", "auditor", "ci", "deployer")) {
      exchange("portal", role, Map.of("token", "x.y.z")).then().statusCode(403);
    }
    given()
        .contentType(ContentType.JSON)
        .body(Map.of("token", "x.y.z"))
        .when()
        .post("/api/v1/applications/portal/doctor/exchange")
        .then()
        .statusCode(401);
  }
}
