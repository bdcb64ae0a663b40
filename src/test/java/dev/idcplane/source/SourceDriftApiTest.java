package dev.idcplane.source;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.idcplane.config.ForApply;
import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.sandbox.SandboxIdentityCenter;
import dev.idcplane.planning.PlanningService;
import dev.idcplane.support.TestKeys;
import dev.idcplane.support.TestTokens;
import io.quarkus.arc.ClientProxy;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Issue 9's "a CI apply of the merged matrix appears in drift history": CI sends the matrix in the
 * body, as {@code reconcile.sh} does. When that body is the configured matrix (same digest) its
 * plans are the configured matrix's and record drift; any other body is a preview that says so and
 * records none. The configured matrix is a folder of this test's own under target/.
 */
@QuarkusTest
@TestProfile(SourceDriftApiTest.Profile.class)
@QuarkusTestResource(TestKeys.class)
class SourceDriftApiTest {
  static final Path MATRIX = Path.of("target", "source-drift-matrix").toAbsolutePath();
  static final String APP_STAGING = "777777777777";
  static final String YAML = dev.idcplane.support.SmallMatrix.powerUser("app-dev, app-staging");

  /** Its own application and sandbox; the configured matrix is {@link #MATRIX}. */
  public static class Profile extends dev.idcplane.support.SmallWaits {
    @Override
    public Map<String, String> getConfigOverrides() {
      try {
        Files.createDirectories(MATRIX);
        Files.writeString(MATRIX.resolve("matrix.yaml"), YAML);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Map<String, String> m = new HashMap<>(super.getConfigOverrides());
      m.put("idc.matrix.path", MATRIX.toString());
      return m;
    }
  }

  @Inject @ForApply IdentityCenter identityCenter;

  @Test
  void aDeployerApplyOfTheConfiguredMatrixSentInTheBodyFeedsDriftHistory() {
    Map<String, Object> body = Map.of("files", Map.of("matrix.yaml", YAML));

    // CI's plan of the merged matrix, sent in the body: it is the configured matrix.
    JsonPath planned =
        given()
            .auth()
            .oauth2(ci())
            .contentType("application/json")
            .body(body)
            .when()
            .post("/api/v1/reconcile?mode=plan")
            .then()
            .statusCode(200)
            .body("matrixOrigin", equalTo("configured"))
            .extract()
            .jsonPath();
    assertThat(planned.getList("warnings")).isEmpty();
    JsonPath stored =
        given()
            .auth()
            .oauth2(ci())
            .when()
            .get("/api/v1/plans/" + planned.getString("planId"))
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    Map<String, Object> create =
        stored.getMap(
            "changes.find { it.action == 'create_assignment'"
                + " && it.account.id == '"
                + APP_STAGING
                + "' }");
    assertThat(create).as("the seed lacks app-staging").isNotNull();
    @SuppressWarnings("unchecked")
    String groupId = ((Map<String, String>) create.get("principal")).get("id");
    var staging =
        new AccountAssignment(
            APP_STAGING, (String) create.get("permissionSetArn"), PrincipalType.GROUP, groupId);
    assertThat(missingStaging()).as("CI's plan recorded the finding").isNotEmpty();

    // Deployed once: everything in place.
    given()
        .auth()
        .oauth2(deployer())
        .contentType("application/json")
        .body(body)
        .when()
        .post("/api/v1/reconcile?mode=apply&wait=true")
        .then()
        .statusCode(200)
        .body("result", equalTo("succeeded"))
        .body("matrixOrigin", equalTo("configured"));
    given()
        .auth()
        .oauth2(ci())
        .contentType("application/json")
        .body(body)
        .when()
        .post("/api/v1/reconcile?mode=plan")
        .then()
        .statusCode(200)
        .body("changes", equalTo(0));
    assertThat(missingStaging()).extracting(o -> o.get("status")).doesNotContain("OPEN");
    int before = missingStaging().size();

    // Out of band: someone removes app-staging's grant. CI's next deploy repairs it...
    assertThat(sandbox().deleteAccountAssignment(staging)).isTrue();
    JsonPath repaired =
        given()
            .auth()
            .oauth2(deployer())
            .contentType("application/json")
            .body(body)
            .when()
            .post("/api/v1/reconcile?mode=apply&wait=true")
            .then()
            .statusCode(200)
            .body("result", equalTo("succeeded"))
            .body("matrixOrigin", equalTo("configured"))
            .extract()
            .jsonPath();

    // ...and drift history has the change, seen by the deploy's own plan.
    List<Map<String, Object>> occ = missingStaging();
    assertThat(occ).hasSize(before + 1);
    assertThat(occ.get(0).get("status")).isEqualTo("OPEN");
    assertThat(occ.get(0).get("firstPlanId")).isEqualTo(repaired.getString("planId"));

    // The next plan of the configured matrix resolves it as applied by the deployer.
    given()
        .auth()
        .oauth2(ci())
        .when()
        .post("/api/v1/reconcile?mode=plan")
        .then()
        .statusCode(200)
        .body("matrixOrigin", equalTo("configured"));
    Map<String, Object> resolved = missingStaging().get(0);
    assertThat(resolved.get("status")).isEqualTo("RESOLVED");
    assertThat(resolved.get("resolution")).isEqualTo("APPLIED");
    assertThat(resolved.get("resolvedBy")).isEqualTo("deploy-bot");
  }

  @Test
  void aBodyThatIsNotTheConfiguredMatrixIsAPreviewThatSaysSoAndRecordsNoDrift() {
    int before = drift("?status=all&limit=500").getList("items").size();
    String other = YAML.replace("[app-dev, app-staging]", "[app-dev]");
    JsonPath preview =
        given()
            .auth()
            .oauth2(ci())
            .contentType("application/json")
            .body(Map.of("files", Map.of("matrix.yaml", other)))
            .when()
            .post("/api/v1/reconcile?mode=plan")
            .then()
            .statusCode(200)
            .body("matrixOrigin", equalTo("request"))
            .extract()
            .jsonPath();
    assertThat(preview.getList("warnings.kind")).contains(PlanningService.PREVIEW);
    assertThat(preview.getString("warnings.find { it.kind == 'matrix_preview' }.message"))
        .contains("preview")
        .contains("idc.matrix.source=folder");
    given()
        .auth()
        .oauth2(ci())
        .contentType("application/json")
        .body(Map.of("files", Map.of("matrix.yaml", other)))
        .when()
        .post("/api/v1/plans")
        .then()
        .statusCode(201)
        .body("matrixOrigin", equalTo("request"))
        .body("warnings.kind", org.hamcrest.Matchers.hasItem(PlanningService.PREVIEW));
    assertThat(drift("?status=all&limit=500").getList("items")).hasSize(before);
  }

  @Test
  void theMatrixResourceNamesTheFolderSource() {
    given()
        .auth()
        .oauth2(ci())
        .when()
        .get("/api/v1/matrix")
        .then()
        .statusCode(200)
        .body("source.kind", equalTo("folder"))
        .body("source.path", equalTo(MATRIX.toString()))
        .body("path", equalTo(MATRIX.toString()))
        .body(
            "source.digest",
            equalTo(
                given()
                    .auth()
                    .oauth2(ci())
                    .when()
                    .get("/api/v1/matrix")
                    .then()
                    .extract()
                    .path("digest")));
  }

  static List<Map<String, Object>> missingStaging() {
    return drift("?status=all&kind=missing&account=app-staging&permissionSet=PowerUser")
        .getList("items");
  }

  static JsonPath drift(String query) {
    return given()
        .auth()
        .oauth2(TestTokens.token("audrey", "auditor"))
        .when()
        .get("/api/v1/drift" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  static String ci() {
    return TestTokens.token("ci-bot", "ci");
  }

  static String deployer() {
    return TestTokens.token("deploy-bot", "deployer");
  }

  SandboxIdentityCenter sandbox() {
    return (SandboxIdentityCenter) ClientProxy.unwrap(identityCenter);
  }
}
