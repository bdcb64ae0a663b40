package dev.idcplane.api;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.idcplane.support.GithubIssuer;
import dev.idcplane.support.GithubTokens;
import dev.idcplane.support.SmallWaits;
import dev.idcplane.support.TestKeys;
import dev.idcplane.support.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * CI's workload identity: GitHub Actions-shaped tokens, signed by a local issuer that serves
 * discovery and JWKS ({@link GithubIssuer}), verified by the github tenant and given roles only by
 * GithubRolePolicy. Its own profile: its own application start and sandbox world, and every test
 * applies a permission set of its own.
 */
@QuarkusTest
@TestProfile(GithubOidcTest.Profile.class)
@QuarkusTestResource(TestKeys.class)
@QuarkusTestResource(value = GithubIssuer.class, restrictToAnnotatedClass = true)
class GithubOidcTest {
  public static class Profile extends SmallWaits {}

  static final String REPO = GithubIssuer.REPOSITORY;
  static final String MAIN = "refs/heads/main";

  static Map<String, Object> matrix(String set) {
    String yaml = "permission_sets:\n"
        + "  " + set + ":\n"
        + "    description: " + set + " for the GitHub OIDC tests\n"
        + "    session_duration: PT1H\n"
        + "    managed_policies: [arn:aws:iam::aws:policy/ReadOnlyAccess]\n"
        + "    tags: {ManagedBy: idc-control-plane}\n"
        + "assignments:\n"
        + "  - group: aws-security-auditors\n"
        + "    permission_set: " + set + "\n"
        + "    ous: [Security]\n";
    return Map.of("files", Map.of("matrix.yaml", yaml));
  }

  static ValidatableResponse reconcile(String token, String mode, Map<String, Object> body) {
    return given().auth().oauth2(token).contentType("application/json").body(body)
        .when().post("/api/v1/reconcile?mode=" + mode + ("apply".equals(mode) ? "&wait=true" : ""))
        .then();
  }

  @Test
  void aPullRequestTokenPlansButCannotApply() {
    String pr = GithubTokens.pullRequest(REPO).sign();
    Map<String, Object> body = matrix("GhPullRequestSet");
    reconcile(pr, "plan", body).statusCode(200).body("result", equalTo("planned"));
    String planId = given().auth().oauth2(pr).contentType("application/json").body(body)
        .when().post("/api/v1/plans")
        .then().statusCode(201).extract().path("id");
    reconcile(pr, "apply", body).statusCode(403).body("code", equalTo("deployer_required"));
    given().auth().oauth2(pr).when().post("/api/v1/plans/" + planId + "/apply?wait=true")
        .then().statusCode(403);
  }

  @Test
  void aPullRequestEventOnMainStillOnlyPlans() {
    String target = GithubTokens.push(REPO, MAIN).with("event_name", "pull_request_target").sign();
    reconcile(target, "plan", matrix("GhTargetSet")).statusCode(200);
    reconcile(target, "apply", matrix("GhTargetSet")).statusCode(403)
        .body("code", equalTo("deployer_required"));
  }

  @Test
  void aPushToMainInTheDeployEnvironmentApplies() {
    GithubTokens main = GithubTokens.push(REPO, MAIN);
    reconcile(main.sign(), "apply", matrix("GhMainSet")).statusCode(200)
        .body("result", equalTo("succeeded"))
        .body("run.status", equalTo("SUCCEEDED"))
        .body("run.startedBy", equalTo(main.subject()));
  }

  @Test
  void aPushToMainOutsideTheDeployEnvironmentOnlyPlans() {
    for (String environment : new String[] {null, "staging"}) {
      String token = GithubTokens.push(REPO, MAIN).with("environment", environment).sign();
      reconcile(token, "plan", matrix("GhNoEnvSet")).statusCode(200);
      reconcile(token, "apply", matrix("GhNoEnvSet")).statusCode(403)
          .body("code", equalTo("deployer_required"));
    }
  }

  @Test
  void aFeatureBranchGetsCiOnly() {
    String feature = GithubTokens.push(REPO, "refs/heads/feature").sign();
    reconcile(feature, "plan", matrix("GhFeatureSet")).statusCode(200)
        .body("result", equalTo("planned"));
    reconcile(feature, "apply", matrix("GhFeatureSet")).statusCode(403)
        .body("code", equalTo("deployer_required"));
    given().auth().oauth2(feature).when().get("/api/v1/runs").then().statusCode(200);
    given().auth().oauth2(feature).when().get("/api/v1/audit/verify").then().statusCode(403);
  }

  @Test
  void aForeignRepositoryIsRefusedOnEveryRoute() {
    String foreign = GithubTokens.push("evil/idc-matrix", MAIN).sign();
    reconcile(foreign, "apply", matrix("GhForeignSet")).statusCode(403)
        .body("code", equalTo("repository_not_listed"))
        .body("message", containsString("evil/idc-matrix"))
        .body("message", containsString("idc.auth.github.repositories"));
    reconcile(foreign, "plan", matrix("GhForeignSet")).statusCode(403)
        .body("code", equalTo("repository_not_listed"));
    given().auth().oauth2(foreign).when().get("/api/v1/runs")
        .then().statusCode(403).body("code", equalTo("repository_not_listed"));
  }

  @Test
  void aGroupsClaimInAGithubTokenGrantsNothing() {
    String pr = GithubTokens.pullRequest(REPO).with("groups", List.of("admin", "deployer")).sign();
    reconcile(pr, "apply", matrix("GhGroupsSet")).statusCode(403)
        .body("code", equalTo("deployer_required"));
    // admin would imply auditor; a ci-only token may not read the audit trail.
    given().auth().oauth2(pr).when().get("/api/v1/audit/verify").then().statusCode(403);
    given().auth().oauth2(pr).when().get("/api/v1/audit").then().statusCode(403);
    String foreign = GithubTokens.push("evil/idc-matrix", MAIN).with("groups", List.of("admin"))
        .sign();
    given().auth().oauth2(foreign).when().get("/api/v1/audit/verify").then().statusCode(403)
        .body("code", equalTo("repository_not_listed"));
  }

  @Test
  void tokensThatDoNotVerifyGet401() {
    Map<String, Object> body = matrix("GhUnverifiedSet");
    reconcile(GithubTokens.push(REPO, MAIN).with("aud", "another-service").sign(), "plan", body)
        .statusCode(401);
    reconcile(GithubTokens.push(REPO, MAIN).with("aud", null).sign(), "plan", body)
        .statusCode(401);
    reconcile(GithubTokens.push(REPO, MAIN).expired().sign(), "plan", body).statusCode(401);
    reconcile(GithubTokens.push(REPO, MAIN).signedByAnotherKey().sign(), "plan", body)
        .statusCode(401);
    // Signed by the GitHub key but naming another issuer: the admins' IdP tenant does not trust it.
    reconcile(GithubTokens.push(REPO, MAIN).with("iss", "https://evil.example").sign(), "plan",
        body).statusCode(401);
    // The right audience and key, but no sub.
    reconcile(GithubTokens.push(REPO, MAIN).with("sub", null).sign(), "plan", body)
        .statusCode(401);
  }

  @Test
  void theAdminsIdpStillWorksBesideGithub() {
    given().auth().oauth2(TestTokens.token("alice-admin", "admin")).when().get("/api/v1/runs")
        .then().statusCode(200);
    given().auth().oauth2(TestTokens.token("ci-bot", "ci")).contentType("application/json")
        .body(matrix("GhIdpCiSet")).when().post("/api/v1/reconcile?mode=plan")
        .then().statusCode(200);
  }
}
