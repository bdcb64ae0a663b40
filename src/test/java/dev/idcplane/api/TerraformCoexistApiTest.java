package dev.idcplane.api;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.PermissionSetInfo;
import dev.idcplane.persistence.PlanEntity;
import dev.idcplane.support.TestKeys;
import dev.idcplane.support.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Coexisting with Terraform through the API (issue 14): the shipped matrix planned against the
 * shipped sandbox with a Terraform state that owns one permission set and two assignments the
 * matrix disagrees with. The state file is written by each test, from ARNs read off the sandbox.
 */
@QuarkusTest
@TestProfile(TerraformCoexistApiTest.Profile.class)
@QuarkusTestResource(TestKeys.class)
class TerraformCoexistApiTest {
  static final Path STATE = Path.of("target/terraform-coexist/sso.tfstate");
  static final ObjectMapper JSON = new ObjectMapper();

  /** Its own sandbox; the state file the tests write. */
  public static class Profile extends dev.idcplane.support.SmallWaits {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> c = new HashMap<>(super.getConfigOverrides());
      c.put("idc.terraform.state", STATE.toString());
      return c;
    }
  }

  @Inject IdentityCenter identityCenter;
  String instance;
  Map<String, String> setArns = new HashMap<>();

  @BeforeEach
  void readSandbox() throws IOException {
    Files.createDirectories(STATE.getParent());
    instance = identityCenter.listInstances().get(0).instanceArn();
    for (String arn : identityCenter.listPermissionSets(instance)) {
      PermissionSetInfo info = identityCenter.describePermissionSet(instance, arn);
      setArns.put(info.name(), info.arn());
    }
  }

  static String admin() {
    return TestTokens.token("tess-admin", "admin");
  }

  @Transactional
  long storedPlans() {
    return PlanEntity.count();
  }

  /** A v4 state holding these resources (each: type, name, attributes). */
  void writeState(List<Map<String, Object>> resources) throws IOException {
    Map<String, Object> state = new LinkedHashMap<>();
    state.put("version", 4);
    state.put("terraform_version", "1.9.8");
    state.put("serial", 7);
    state.put("lineage", "0b7a2c1e-93f4-4d55-a0a5-6f0d1c2b3a4e");
    state.put("outputs", Map.of());
    state.put("resources", resources);
    Files.write(STATE, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(state));
  }

  static Map<String, Object> resource(String type, String name, Map<String, Object> attributes) {
    return Map.of(
        "mode",
        "managed",
        "type",
        type,
        "name",
        name,
        "provider",
        "provider[\"registry.terraform.io/hashicorp/aws\"]",
        "instances",
        List.of(Map.of("schema_version", 0, "attributes", attributes)));
  }

  Map<String, Object> permissionSet(String name) {
    return resource(
        "aws_ssoadmin_permission_set",
        "app_developer",
        Map.of(
            "arn",
            setArns.get(name),
            "id",
            setArns.get(name) + "," + instance,
            "instance_arn",
            instance,
            "name",
            name,
            "session_duration",
            "PT8H"));
  }

  Map<String, Object> assignment(String name, Map<String, Object> change) {
    @SuppressWarnings("unchecked")
    Map<String, Object> principal = (Map<String, Object>) change.get("principal");
    @SuppressWarnings("unchecked")
    Map<String, Object> account = (Map<String, Object>) change.get("account");
    String set = (String) change.get("permissionSet");
    return resource(
        "aws_ssoadmin_account_assignment",
        name,
        Map.of(
            "instance_arn", instance,
            "permission_set_arn", setArns.get(set),
            "principal_id", principal.get("id"),
            "principal_type", ((String) principal.get("type")).toUpperCase(java.util.Locale.ROOT),
            "target_id", account.get("id"),
            "target_type", "AWS_ACCOUNT"));
  }

  static JsonPath plan(Map<String, String> files, int status) {
    var request = given().auth().oauth2(admin());
    return (files == null
            ? request
            : request.contentType("application/json").body(Map.of("files", files)))
        .when()
        .post("/api/v1/plans")
        .then()
        .statusCode(status)
        .extract()
        .jsonPath();
  }

  static List<Map<String, Object>> changes(JsonPath plan) {
    return plan.getList("changes");
  }

  static Map<String, Object> change(JsonPath plan, String action, String set, String principal) {
    return changes(plan).stream()
        .filter(c -> action.equals(c.get("action")) && set.equals(c.get("permissionSet")))
        .filter(c -> principal.equals(((Map<?, ?>) c.get("principal")).get("name")))
        .findFirst()
        .orElseThrow(() -> new AssertionError(action + " " + set + " " + principal));
  }

  static List<String> keys(JsonPath plan) {
    return changes(plan).stream().map(c -> c.get("action") + " " + c.get("key")).toList();
  }

  /** The shipped matrix, with AppDeveloper declared {@code external: true} instead. */
  static Map<String, String> shippedWithAppDeveloperExternal() throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    try (Stream<Path> paths = Files.list(Path.of("assignments"))) {
      for (Path p : paths.filter(p -> p.toString().endsWith(".yaml")).sorted().toList()) {
        files.put(p.getFileName().toString(), Files.readString(p));
      }
    }
    String sets = files.get("permission-sets.yaml");
    Matcher block = Pattern.compile("(?m)^  AppDeveloper:\\n(?:(?:    .*|\\s*)\\n)*").matcher(sets);
    assertThat(block.find()).isTrue();
    files.put(
        "permission-sets.yaml",
        sets.substring(0, block.start())
            + "  AppDeveloper: {external: true}\n\n"
            + sets.substring(block.end()));
    return files;
  }

  /** The shipped plan without Terraform, and two of its changes Terraform will own. */
  record Baseline(JsonPath plan, Map<String, Object> delete, Map<String, Object> create) {}

  Baseline baseline() throws IOException {
    writeState(List.of());
    JsonPath before = plan(null, 201);
    return new Baseline(
        before,
        change(before, "delete_assignment", "AppDeveloper", "aws-team-a-engineers"),
        change(before, "create_assignment", "PowerUser", "aws-team-a-leads"));
  }

  @Test
  void aStateNamingTwoAssignmentsAndOnePermissionSetKeepsThemOutOfEveryChange() throws IOException {
    Baseline b = baseline();
    JsonPath before = b.plan();
    Map<String, Object> delete = b.delete();
    Map<String, Object> create = b.create();
    assertThat(keys(before))
        .contains("update_permission_set permission-set/AppDeveloper")
        .anyMatch(k -> k.startsWith("provision_permission_set provision/AppDeveloper"));

    writeState(
        List.of(
            permissionSet("AppDeveloper"),
            assignment("engineers_prod", delete),
            assignment("leads_staging", create)));

    // the matrix declares AppDeveloper's definition: an error naming Terraform's address
    long stored = storedPlans();
    JsonPath refused = plan(null, 422);
    assertThat(refused.getString("code")).isEqualTo("matrix_invalid");
    List<Map<String, Object>> details = refused.getList("details");
    assertThat(details)
        .filteredOn(d -> "terraform_managed".equals(d.get("kind")))
        .singleElement()
        .satisfies(
            d -> {
              assertThat(d.get("file")).isEqualTo("permission-sets.yaml");
              assertThat(d.get("field")).isEqualTo("permission_sets.AppDeveloper");
              assertThat((String) d.get("message"))
                  .contains("aws_ssoadmin_permission_set.app_developer")
                  .contains(STATE.toString());
              assertThat((String) d.get("fix")).contains("external: true");
            });
    assertThat(storedPlans()).isEqualTo(stored);

    // declared external, as the error says: nothing Terraform owns is changed
    JsonPath after = plan(shippedWithAppDeveloperExternal(), 201);
    List<String> expected = new ArrayList<>(keys(before));
    expected.removeIf(
        k ->
            k.equals("update_permission_set permission-set/AppDeveloper")
                || k.startsWith("provision_permission_set provision/AppDeveloper")
                || k.equals(delete.get("action") + " " + delete.get("key"))
                || k.equals(create.get("action") + " " + create.get("key")));
    assertThat(keys(after)).containsExactlyInAnyOrderElementsOf(expected);
    assertThat(keys(after)).hasSize(keys(before).size() - 4);
    List<Map<String, Object>> drift = after.getList("drift");
    assertThat(drift)
        .filteredOn(d -> "terraform_managed".equals(d.get("kind")))
        .singleElement()
        .satisfies(
            d ->
                assertThat((String) d.get("detail"))
                    .contains("aws_ssoadmin_account_assignment.engineers_prod"));
    assertThat(drift)
        .filteredOn(d -> "terraform_drift".equals(d.get("kind")))
        .singleElement()
        .satisfies(
            d ->
                assertThat((String) d.get("detail"))
                    .contains("aws_ssoadmin_account_assignment.leads_staging")
                    .contains("not live"));
  }

  @Test
  void terraformOwnedDriftIsRecordedApartInDriftHistory() throws IOException {
    Baseline b = baseline();
    Map<String, Object> delete = b.delete();
    Map<String, Object> create = b.create();
    writeState(List.of(assignment("engineers_prod", delete), assignment("leads_staging", create)));

    plan(null, 201);

    for (String kind : List.of("terraform_managed", "terraform_drift")) {
      given()
          .auth()
          .oauth2(TestTokens.token("ada-auditor", "auditor"))
          .when()
          .get("/api/v1/drift?status=open&kind=" + kind)
          .then()
          .statusCode(200)
          .body("items.size()", equalTo(1))
          .body("items[0].kind", equalTo(kind.toUpperCase(java.util.Locale.ROOT)));
    }
    // the same assignments are no longer open as drift the matrix owns
    List<Map<String, Object>> unexpected =
        given()
            .auth()
            .oauth2(TestTokens.token("ada-auditor", "auditor"))
            .when()
            .get("/api/v1/drift?status=open&kind=unexpected&permissionSet=AppDeveloper")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath()
            .getList("items");
    assertThat(unexpected)
        .noneMatch(f -> ((String) f.get("key")).endsWith((String) delete.get("key")));
  }

  @Test
  void aStateThatCannotBeReadFailsThePlanAndStoresNothing() throws IOException {
    long stored = storedPlans();
    Files.writeString(STATE, "{\"version\": 4, \"resources\": [");
    planIsRefused("Terraform state " + STATE + " is not JSON");

    Files.delete(STATE);
    planIsRefused("does not exist");
    assertThat(storedPlans()).isEqualTo(stored);
  }

  static void planIsRefused(String message) {
    given()
        .auth()
        .oauth2(admin())
        .when()
        .post("/api/v1/plans")
        .then()
        .statusCode(502)
        .body("code", equalTo("terraform_state_unreadable"))
        .body("message", containsString(message));
  }
}
