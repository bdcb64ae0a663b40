package dev.idcplane.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.support.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.junit.jupiter.api.Test;

/**
 * POST /api/v1/import (JSON and zip, admin only) and GET /api/v1/export/terraform on the sandbox.
 */
@QuarkusTest
class ImportApiTest {

  @Test
  void anAdminGetsTheLiveMatrixAsJsonAndAsAZip() throws Exception {
    JsonPath json =
        given()
            .auth()
            .oauth2(TestTokens.token("someone", "admin"))
            .accept("application/json")
            .when()
            .post("/api/v1/import")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    List<String> names = json.getList("files.name");
    // applications.yaml too once a test has created issuers or applications in the sandbox
    assertThat(names).startsWith("permission-sets.yaml", "assignments.yaml");
    assertThat(json.getString("files.find { it.name == 'assignments.yaml' }.content"))
        .contains("group: aws-security-auditors", "owner: TODO");
    assertThat(json.getList("todo", String.class)).anyMatch(t -> t.contains("bob@example.com"));

    byte[] zip =
        given()
            .auth()
            .oauth2(TestTokens.token("someone", "admin"))
            .accept("application/zip")
            .when()
            .post("/api/v1/import")
            .then()
            .statusCode(200)
            .header("Content-Disposition", org.hamcrest.Matchers.containsString("attachment"))
            .extract()
            .asByteArray();
    Map<String, String> entries = new HashMap<>();
    try (ZipInputStream in = new ZipInputStream(new ByteArrayInputStream(zip))) {
      for (ZipEntry e; (e = in.getNextEntry()) != null; ) {
        entries.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
      }
    }
    assertThat(entries)
        .containsKeys("assignments/permission-sets.yaml", "assignments/assignments.yaml");
    assertThat(entries.get("assignments/permission-sets.yaml")).contains("external: true");
  }

  @Test
  void adminsAndAuditorsExportTheMatrixAsTerraform() {
    for (String role : List.of("admin", "auditor")) {
      String hcl =
          given()
              .auth()
              .oauth2(TestTokens.token("someone", role))
              .when()
              .get("/api/v1/export/terraform")
              .then()
              .statusCode(200)
              .header("Content-Disposition", org.hamcrest.Matchers.containsString(".tf"))
              .extract()
              .asString();
      assertThat(hcl)
          .contains("resource \"aws_ssoadmin_permission_set\"", "import {", "AWS_ACCOUNT");
    }
    for (String role : List.of("viewer", "ci", "deployer")) {
      given()
          .auth()
          .oauth2(TestTokens.token("someone", role))
          .when()
          .get("/api/v1/export/terraform")
          .then()
          .statusCode(403);
    }
  }

  @Test
  void onlyAdminsMayImport() {
    for (String role : List.of("viewer", "auditor", "ci", "deployer")) {
      given()
          .auth()
          .oauth2(TestTokens.token("someone", role))
          .when()
          .post("/api/v1/import")
          .then()
          .statusCode(403);
    }
    given().when().post("/api/v1/import").then().statusCode(401);
  }
}
