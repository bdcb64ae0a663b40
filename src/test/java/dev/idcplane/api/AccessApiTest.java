package dev.idcplane.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;

import dev.idcplane.support.TestKeys;
import dev.idcplane.support.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Access reports against the sandbox seed (deploy/sandbox/seed.yaml) and the shipped matrix
 * (assignments/). The class has its own profile, so its sandbox is the seed, unchanged: no test
 * here applies anything.
 */
@QuarkusTest
@TestProfile(AccessApiTest.Profile.class)
@QuarkusTestResource(TestKeys.class)
class AccessApiTest {

  /** Its own application start and untouched sandbox world. */
  public static class Profile extends dev.idcplane.support.SmallWaits {}

  static final String APP_PROD = "444444444444";

  static String viewer() {
    return TestTokens.token("vic-viewer", "viewer");
  }

  static String auditor() {
    return TestTokens.token("ada-auditor", "auditor");
  }

  static JsonPath report(String query) {
    return given()
        .auth()
        .oauth2(viewer())
        .when()
        .get("/api/v1/access?" + query)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  static Map<String, Object> row(List<Map<String, Object>> rows, String principal, String set) {
    return rows.stream()
        .filter(r -> principal.equals(r.get("principalName")) && set.equals(r.get("permissionSet")))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no row " + principal + "/" + set + " in " + rows));
  }

  @Test
  void anAccountByNameListsEveryLiveAssignmentAndWhatTheMatrixMakesOfIt() {
    JsonPath report = report("account=app-prod");
    List<Map<String, Object>> rows = report.getList("rows");
    assertThat(rows).extracting(r -> r.get("accountId")).containsOnly(APP_PROD);
    assertThat(report.getString("matrixDigest")).isNotBlank();

    Map<String, Object> admins = row(rows, "aws-platform-admins", "Admin");
    assertThat(admins)
        .containsEntry("status", "WANTED")
        .containsEntry("principalType", "GROUP")
        .containsEntry("accountName", "app-prod");
    assertThat((List<String>) admins.get("wantedBy")).containsExactly("assignments.yaml:21");

    Map<String, Object> engineers = row(rows, "aws-team-a-engineers", "AppDeveloper");
    assertThat(engineers).containsEntry("status", "UNEXPECTED");
    assertThat((List<String>) engineers.get("wantedBy")).isEmpty();
    assertThat((String) engineers.get("detail")).contains("not in the matrix");

    assertThat(row(rows, "AWSControlTowerAdmins", "AWSAdministratorAccess"))
        .containsEntry("status", "PROTECTED");
    assertThat(row(rows, "aws-finops", "BillingViewer")).containsEntry("status", "WANTED");
    // Only live assignments: aws-secops/SecOpsResponder is wanted there but missing.
    assertThat(rows).noneMatch(r -> "aws-secops".equals(r.get("principalName")));
  }

  @Test
  void anAccountByIdIsTheSameReport() {
    assertThat(report("account=" + APP_PROD).getList("rows"))
        .isEqualTo(report("account=app-prod").getList("rows"));
  }

  @Test
  void aPrincipalListsEverythingItCanReach() {
    List<Map<String, Object>> rows = report("principal=legacy-contractors").getList("rows");
    assertThat(rows).hasSize(2);
    assertThat(rows).extracting(r -> r.get("principalName")).containsOnly("legacy-contractors");
    Map<String, Object> legacy = row(rows, "legacy-contractors", "LegacyS3Access");
    assertThat(legacy).containsEntry("status", "UNMANAGED").containsEntry("accountName", "app-dev");
    Map<String, Object> mgmt = row(rows, "legacy-contractors", "Admin");
    assertThat(mgmt)
        .containsEntry("status", "UNEXPECTED")
        .containsEntry("accountName", "management");
    assertThat((String) mgmt.get("detail")).contains("management account");

    List<Map<String, Object>> admins = report("principal=aws-platform-admins").getList("rows");
    assertThat(admins).hasSize(9).allSatisfy(r -> assertThat(r).containsEntry("status", "WANTED"));
    String id = (String) admins.get(0).get("principalId");
    assertThat(report("principal=" + id).getList("rows")).isEqualTo(admins);

    List<Map<String, Object>> bob = report("principal=bob@example.com").getList("rows");
    assertThat(bob)
        .singleElement()
        .satisfies(
            r ->
                assertThat(r)
                    .containsEntry("principalType", "USER")
                    .containsEntry("accountName", "sandbox-8")
                    .containsEntry("status", "UNEXPECTED"));
    // A principal nobody knows is a 404, like an unknown account (issue 9, section 5).
    given()
        .auth()
        .oauth2(viewer())
        .when()
        .get("/api/v1/access?principal=nobody-such")
        .then()
        .statusCode(404)
        .body("code", org.hamcrest.Matchers.equalTo("principal_not_found"));
  }

  @Test
  void exactlyOneOfAccountAndPrincipal() {
    given().auth().oauth2(viewer()).when().get("/api/v1/access").then().statusCode(400);
    given()
        .auth()
        .oauth2(viewer())
        .when()
        .get("/api/v1/access?account=app-prod&principal=aws-finops")
        .then()
        .statusCode(400);
    given()
        .auth()
        .oauth2(auditor())
        .when()
        .get("/api/v1/access/export?format=csv")
        .then()
        .statusCode(400);
    given()
        .auth()
        .oauth2(viewer())
        .when()
        .get("/api/v1/access?account=no-such-account")
        .then()
        .statusCode(404);
  }

  @Test
  void exportsTheSameRowsAsCsvAndJson() {
    String csv =
        given()
            .auth()
            .oauth2(auditor())
            .when()
            .get("/api/v1/access/export?format=csv&account=app-prod")
            .then()
            .statusCode(200)
            .contentType(containsString("text/csv"))
            .header("Content-Disposition", containsString("attachment"))
            .extract()
            .asString();
    String[] lines = csv.split("\r\n");
    assertThat(lines[0])
        .isEqualTo(
            "accountId,accountName,principalType,principalId,"
                + "principalName,permissionSet,status,wantedBy,detail");
    int rows = report("account=app-prod").getList("rows").size();
    assertThat(lines).hasSize(rows + 1);
    assertThat(csv).contains(",aws-platform-admins,Admin,WANTED,assignments.yaml:21,");

    List<Map<String, Object>> json =
        given()
            .auth()
            .oauth2(auditor())
            .when()
            .get("/api/v1/access/export?format=json&principal=legacy-contractors")
            .then()
            .statusCode(200)
            .contentType(containsString("json"))
            .extract()
            .jsonPath()
            .getList("$");
    assertThat(json).isEqualTo(report("principal=legacy-contractors").getList("rows"));

    given()
        .auth()
        .oauth2(auditor())
        .when()
        .get("/api/v1/access/export?format=xml&account=audit")
        .then()
        .statusCode(400);
  }
}
