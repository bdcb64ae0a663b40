package dev.idcplane.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.sun.net.httpserver.HttpServer;
import dev.idcplane.support.GithubIssuer;
import dev.idcplane.support.GithubTokens;
import dev.idcplane.support.SmallWaits;
import dev.idcplane.support.TestKeys;
import dev.idcplane.support.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.eclipse.microprofile.config.inject.ConfigProperty;
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

  @ConfigProperty(name = "quarkus.http.test-port")
  int port;

  static Map<String, Object> matrix(String set) {
    String yaml =
        "permission_sets:\n"
            + "  "
            + set
            + ":\n"
            + "    description: "
            + set
            + " for the GitHub OIDC tests\n"
            + "    session_duration: PT1H\n"
            + "    managed_policies: [arn:aws:iam::aws:policy/ReadOnlyAccess]\n"
            + "    tags: {ManagedBy: idc-control-plane}\n"
            + "assignments:\n"
            + "  - group: aws-security-auditors\n"
            + "    permission_set: "
            + set
            + "\n"
            + "    ous: [Security]\n";
    return Map.of("files", Map.of("matrix.yaml", yaml));
  }

  static ValidatableResponse reconcile(String token, String mode, Map<String, Object> body) {
    return given()
        .auth()
        .oauth2(token)
        .contentType("application/json")
        .body(body)
        .when()
        .post("/api/v1/reconcile?mode=" + mode + ("apply".equals(mode) ? "&wait=true" : ""))
        .then();
  }

  @Test
  void aPullRequestTokenPlansButCannotApply() {
    String pr = GithubTokens.pullRequest(REPO).sign();
    Map<String, Object> body = matrix("GhPullRequestSet");
    reconcile(pr, "plan", body).statusCode(200).body("result", equalTo("planned"));
    String planId =
        given()
            .auth()
            .oauth2(pr)
            .contentType("application/json")
            .body(body)
            .when()
            .post("/api/v1/plans")
            .then()
            .statusCode(201)
            .extract()
            .path("id");
    reconcile(pr, "apply", body).statusCode(403).body("code", equalTo("deployer_required"));
    given()
        .auth()
        .oauth2(pr)
        .when()
        .post("/api/v1/plans/" + planId + "/apply?wait=true")
        .then()
        .statusCode(403);
  }

  @Test
  void aPullRequestEventOnMainStillOnlyPlans() {
    String target = GithubTokens.push(REPO, MAIN).with("event_name", "pull_request_target").sign();
    reconcile(target, "plan", matrix("GhTargetSet")).statusCode(200);
    reconcile(target, "apply", matrix("GhTargetSet"))
        .statusCode(403)
        .body("code", equalTo("deployer_required"));
  }

  @Test
  void aPushToMainInTheDeployEnvironmentApplies() {
    GithubTokens main = GithubTokens.push(REPO, MAIN);
    reconcile(main.sign(), "apply", matrix("GhMainSet"))
        .statusCode(200)
        .body("result", equalTo("succeeded"))
        .body("run.status", equalTo("SUCCEEDED"))
        .body("run.startedBy", equalTo(main.subject()));
  }

  @Test
  void aPushToMainOutsideTheDeployEnvironmentOnlyPlans() {
    for (String environment : new String[] {null, "staging"}) {
      String token = GithubTokens.push(REPO, MAIN).with("environment", environment).sign();
      reconcile(token, "plan", matrix("GhNoEnvSet")).statusCode(200);
      reconcile(token, "apply", matrix("GhNoEnvSet"))
          .statusCode(403)
          .body("code", equalTo("deployer_required"));
    }
  }

  @Test
  void aFeatureBranchGetsCiOnly() {
    String feature = GithubTokens.push(REPO, "refs/heads/feature").sign();
    reconcile(feature, "plan", matrix("GhFeatureSet"))
        .statusCode(200)
        .body("result", equalTo("planned"));
    reconcile(feature, "apply", matrix("GhFeatureSet"))
        .statusCode(403)
        .body("code", equalTo("deployer_required"));
    given().auth().oauth2(feature).when().get("/api/v1/runs").then().statusCode(200);
    given().auth().oauth2(feature).when().get("/api/v1/audit/verify").then().statusCode(403);
  }

  @Test
  void aForeignRepositoryIsRefusedOnEveryRoute() {
    String foreign = GithubTokens.push("evil/idc-matrix", MAIN).sign();
    reconcile(foreign, "apply", matrix("GhForeignSet"))
        .statusCode(403)
        .body("code", equalTo("repository_not_listed"))
        .body("message", containsString("evil/idc-matrix"))
        .body("message", containsString("idc.auth.github.repositories"));
    reconcile(foreign, "plan", matrix("GhForeignSet"))
        .statusCode(403)
        .body("code", equalTo("repository_not_listed"));
    given()
        .auth()
        .oauth2(foreign)
        .when()
        .get("/api/v1/runs")
        .then()
        .statusCode(403)
        .body("code", equalTo("repository_not_listed"));
  }

  @Test
  void aGroupsClaimInAGithubTokenGrantsNothing() {
    String pr = GithubTokens.pullRequest(REPO).with("groups", List.of("admin", "deployer")).sign();
    reconcile(pr, "apply", matrix("GhGroupsSet"))
        .statusCode(403)
        .body("code", equalTo("deployer_required"));
    // admin would imply auditor; a ci-only token may not read the audit trail.
    given().auth().oauth2(pr).when().get("/api/v1/audit/verify").then().statusCode(403);
    given().auth().oauth2(pr).when().get("/api/v1/audit").then().statusCode(403);
    String foreign =
        GithubTokens.push("evil/idc-matrix", MAIN).with("groups", List.of("admin")).sign();
    given()
        .auth()
        .oauth2(foreign)
        .when()
        .get("/api/v1/audit/verify")
        .then()
        .statusCode(403)
        .body("code", equalTo("repository_not_listed"));
  }

  @Test
  void tokensThatDoNotVerifyGet401() {
    Map<String, Object> body = matrix("GhUnverifiedSet");
    reconcile(GithubTokens.push(REPO, MAIN).with("aud", "another-service").sign(), "plan", body)
        .statusCode(401);
    reconcile(GithubTokens.push(REPO, MAIN).with("aud", null).sign(), "plan", body).statusCode(401);
    reconcile(GithubTokens.push(REPO, MAIN).expired().sign(), "plan", body).statusCode(401);
    reconcile(GithubTokens.push(REPO, MAIN).signedByAnotherKey().sign(), "plan", body)
        .statusCode(401);
    // Signed by the GitHub key but naming another issuer: the admins' IdP tenant does not trust it.
    reconcile(
            GithubTokens.push(REPO, MAIN).with("iss", "https://evil.example").sign(), "plan", body)
        .statusCode(401);
    // The right audience and key, but no sub.
    reconcile(GithubTokens.push(REPO, MAIN).with("sub", null).sign(), "plan", body).statusCode(401);
  }

  /**
   * deploy/ci/reconcile.sh as a workflow runs it: no secret, a GitHub OIDC token fetched from
   * ACTIONS_ID_TOKEN_REQUEST_URL (served here, minting for the audience the script asks for).
   */
  @Test
  void theCiScriptPlansAndAppliesWithAGithubOidcToken() throws Exception {
    Path matrixDir = matrixDir("GhScriptSet");
    try (GithubTokenRequests github = new GithubTokenRequests()) {
      github.next = () -> GithubTokens.pullRequest(REPO);
      Script plan = script("plan", matrixDir, github.env(GithubIssuer.AUDIENCE));
      assertThat(plan.exit).as(plan.toString()).isZero();
      assertThat(plan.out).contains("GhScriptSet");
      assertThat(github.audiences).containsExactly(GithubIssuer.AUDIENCE);

      Script prApply = script("apply", matrixDir, github.env(GithubIssuer.AUDIENCE));
      assertThat(prApply.exit).as(prApply.toString()).isEqualTo(6);
      assertThat(prApply.err).contains("403").contains("deployer_required");

      github.next = () -> GithubTokens.push(REPO, MAIN);
      Script apply = script("apply", matrixDir, github.env(GithubIssuer.AUDIENCE));
      assertThat(apply.exit).as(apply.toString()).isZero();
      assertThat(apply.out).contains("SUCCEEDED");

      Script wrongAudience = script("plan", matrixDir, github.env("another-service"));
      assertThat(wrongAudience.exit).as(wrongAudience.toString()).isEqualTo(6);
      assertThat(wrongAudience.err).contains("401");
    }
  }

  @Test
  void theCiScriptExitsEightWithoutAToken() throws Exception {
    Path matrixDir = matrixDir("GhNoTokenSet");
    Script none = script("plan", matrixDir, Map.of());
    assertThat(none.exit).as(none.toString()).isEqualTo(8);
    assertThat(none.err).contains("no token");
    try (GithubTokenRequests github = new GithubTokenRequests()) {
      Map<String, String> env = new HashMap<>(github.env(GithubIssuer.AUDIENCE));
      env.put("ACTIONS_ID_TOKEN_REQUEST_TOKEN", "not-the-request-token");
      Script refused = script("plan", matrixDir, env);
      assertThat(refused.exit).as(refused.toString()).isEqualTo(8);
      Map<String, String> noAudience = new HashMap<>(github.env(GithubIssuer.AUDIENCE));
      noAudience.remove("IDC_AUDIENCE");
      Script unset = script("plan", matrixDir, noAudience);
      assertThat(unset.exit).as(unset.toString()).isEqualTo(8);
      assertThat(unset.err).contains("IDC_AUDIENCE");
    }
  }

  @Test
  void theCiScriptExitsSevenWhenTheServiceIsUnreachable() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closed = socket.getLocalPort();
    }
    Map<String, String> env = new HashMap<>();
    env.put("IDC_TOKEN", GithubTokens.push(REPO, MAIN).sign());
    env.put("IDC_URL", "http://127.0.0.1:" + closed);
    env.put("IDC_CONNECT_TIMEOUT", "5");
    Script unreachable = script("plan", matrixDir("GhUnreachableSet"), env);
    assertThat(unreachable.exit).as(unreachable.toString()).isEqualTo(7);
    assertThat(unreachable.err).contains("cannot connect");
  }

  record Script(int exit, String out, String err) {}

  Script script(String mode, Path matrixDir, Map<String, String> env) throws Exception {
    ProcessBuilder builder = new ProcessBuilder("bash", "deploy/ci/reconcile.sh", mode);
    builder
        .environment()
        .keySet()
        .removeIf(k -> k.startsWith("IDC_") || k.startsWith("ACTIONS_") || k.startsWith("GITHUB_"));
    builder.environment().put("IDC_URL", "http://localhost:" + port);
    builder.environment().put("IDC_MATRIX_DIR", matrixDir.toString());
    builder.environment().put("IDC_COMMIT", "0123456789abcdef0123456789abcdef01234567");
    builder.environment().putAll(env);
    Path out = Files.createTempFile("reconcile", ".out");
    Path err = Files.createTempFile("reconcile", ".err");
    Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    if (!process.waitFor(120, TimeUnit.SECONDS)) {
      process.destroyForcibly();
      throw new AssertionError("reconcile.sh did not finish in 120 s");
    }
    return new Script(process.exitValue(), Files.readString(out), Files.readString(err));
  }

  static Path matrixDir(String set) throws Exception {
    Path dir = Files.createTempDirectory("gh-matrix");
    @SuppressWarnings("unchecked")
    Map<String, String> files = (Map<String, String>) matrix(set).get("files");
    Files.writeString(dir.resolve("matrix.yaml"), files.get("matrix.yaml"));
    return dir;
  }

  /**
   * GitHub's token request endpoint as a runner sees it: checks the runner's request token and
   * mints the next token for the audience asked for.
   */
  static final class GithubTokenRequests implements AutoCloseable {
    static final String REQUEST_TOKEN = "runner-request-token";
    final HttpServer server;
    final List<String> audiences = new java.util.concurrent.CopyOnWriteArrayList<>();
    volatile Supplier<GithubTokens> next = () -> GithubTokens.push(REPO, MAIN);

    GithubTokenRequests() throws Exception {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.createContext(
          "/token",
          exchange -> {
            String auth = exchange.getRequestHeaders().getFirst("Authorization");
            String query = exchange.getRequestURI().getQuery();
            String audience =
                query == null
                    ? null
                    : java.util.Arrays.stream(query.split("&"))
                        .filter(p -> p.startsWith("audience="))
                        .map(p -> p.substring(9))
                        .findFirst()
                        .orElse(null);
            byte[] body;
            int status;
            if (!("bearer " + REQUEST_TOKEN).equals(auth) || audience == null) {
              status = 403;
              body = "{\"message\":\"refused\"}".getBytes(StandardCharsets.UTF_8);
            } else {
              audiences.add(audience);
              status = 200;
              body =
                  ("{\"value\":\"" + next.get().with("aud", audience).sign() + "\"}")
                      .getBytes(StandardCharsets.UTF_8);
            }
            exchange.sendResponseHeaders(status, body.length);
            try (var o = exchange.getResponseBody()) {
              o.write(body);
            }
          });
      server.start();
    }

    Map<String, String> env(String audience) {
      return Map.of(
          "ACTIONS_ID_TOKEN_REQUEST_URL",
          "http://127.0.0.1:" + server.getAddress().getPort() + "/token?api-version=2.0",
          "ACTIONS_ID_TOKEN_REQUEST_TOKEN",
          REQUEST_TOKEN,
          "IDC_AUDIENCE",
          audience);
    }

    @Override
    public void close() {
      server.stop(0);
    }
  }

  @Test
  void theAdminsIdpStillWorksBesideGithub() {
    given()
        .auth()
        .oauth2(TestTokens.token("alice-admin", "admin"))
        .when()
        .get("/api/v1/runs")
        .then()
        .statusCode(200);
    given()
        .auth()
        .oauth2(TestTokens.token("ci-bot", "ci"))
        .contentType("application/json")
        .body(matrix("GhIdpCiSet"))
        .when()
        .post("/api/v1/reconcile?mode=plan")
        .then()
        .statusCode(200);
  }
}
