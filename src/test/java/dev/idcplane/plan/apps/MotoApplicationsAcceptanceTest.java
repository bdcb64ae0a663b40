package dev.idcplane.plan.apps;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.identitycenter.aws.AwsClients;
import dev.idcplane.support.SmallWaits;
import dev.idcplane.support.TestKeys;
import dev.idcplane.support.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.net.URI;
import java.nio.file.Files;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import software.amazon.awssdk.services.identitystore.IdentitystoreClient;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.ssoadmin.model.Application;
import software.amazon.awssdk.services.ssoadmin.model.AuthorizedTokenIssuer;
import software.amazon.awssdk.services.ssoadmin.model.GrantItem;
import software.amazon.awssdk.services.ssoadmin.model.OidcJwtConfiguration;
import software.amazon.awssdk.services.ssoadmin.model.ScopeDetails;
import software.amazon.awssdk.services.ssoadmin.model.TrustedTokenIssuerMetadata;

/**
 * The shipped example's trusted token issuer and two applications, planned and applied by the
 * service on moto through the real AWS SDK ({@link MotoAppsResource}): apply creates them exactly
 * (read back field by field with the SDK), the re-plan is empty, console edits show as drift in the
 * plan and in drift history and the next apply reverts them, an {@code issuer_url} change replaces
 * the issuer and leaves every grant on the new one, and what the matrix does not declare is never
 * touched. The methods build on each other, in order.
 */
@QuarkusTest
@TestProfile(SmallWaits.class)
@QuarkusTestResource(TestKeys.class)
@QuarkusTestResource(value = MotoAppsResource.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MotoApplicationsAcceptanceTest {
  static final String CUSTOM = "arn:aws:sso::aws:applicationProvider/custom";
  static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  static final String URL = "https://idp.example.com/oauth2/default";
  static final String NEW_URL = "https://login.example.com/oauth2/corp";
  static final ObjectMapper JSON = new ObjectMapper();

  @ConfigProperty(name = "idc.aws.endpoint-override")
  String endpoint;

  @ConfigProperty(name = "idc.instance-arn")
  String instance;

  static AwsClients aws;

  /** What the unmanaged resources looked like before the service ran, to compare after. */
  static Map<String, Object> unmanagedBefore;

  @AfterAll
  static void close() {
    if (aws != null) {
      aws.close();
    }
  }

  private SsoAdminClient sso() {
    if (aws == null) {
      aws = MotoAppsResource.clients(URI.create(endpoint));
    }
    return aws.ssoAdmin();
  }

  private IdentitystoreClient identityStore() {
    sso();
    return aws.identityStore();
  }

  @Test
  @Order(1)
  void applyCreatesTheShippedIssuerAndApplicationsExactlyAndTheReplanIsEmpty() throws Exception {
    unmanagedBefore = unmanagedState();
    JsonPath plan = plan();
    assertThat(plan.getList("changes.action", String.class))
        .containsSubsequence(
            "create_trusted_token_issuer",
            "create_application",
            "put_application_grant",
            "put_application_authentication_method",
            "put_application_access_scope",
            "create_application_assignment");
    assertThat(plan.getList("changes.reason", String.class))
        .allSatisfy(r -> assertThat(r).contains("applications.yaml:"));
    apply(plan);

    String issuer = issuerArn("corp-idp");
    OidcJwtConfiguration oidc = oidc(issuer);
    assertThat(oidc.issuerUrl()).isEqualTo(URL);
    assertThat(oidc.claimAttributePath()).isEqualTo("email");
    assertThat(oidc.identityStoreAttributePath()).isEqualTo("emails.value");

    Application bot = application("release-bot");
    Application notebook = application("data-notebook");
    assertThat(bot.applicationProviderArn()).isEqualTo(CUSTOM);
    assertThat(bot.description()).isEqualTo("Release automation acting for engineers");
    assertThat(bot.statusAsString()).isEqualTo("ENABLED");
    assertThat(notebook.description())
        .isEqualTo("Notebook service querying data as the signed-in analyst");
    assertThat(notebook.statusAsString()).isEqualTo("ENABLED");

    assertThat(grants(bot.applicationArn()))
        .isEqualTo(Map.of(JWT_BEARER, Map.of(issuer, Set.of("release-bot"))));
    assertThat(grants(notebook.applicationArn()))
        .isEqualTo(
            Map.of(JWT_BEARER, Map.of(issuer, Set.of("data-notebook")), "refresh_token", Map.of()));

    assertActorPolicy(bot.applicationArn(), "arn:aws:iam::111111111111:role/release-bot");
    assertActorPolicy(notebook.applicationArn(), "arn:aws:iam::111111111111:role/data-notebook");

    assertThat(scopes(bot.applicationArn()))
        .isEqualTo(
            Map.of(
                "sts:identity_context",
                Set.of(),
                "s3:access_grants:read_write",
                Set.of(notebook.applicationArn())));
    assertThat(scopes(notebook.applicationArn()))
        .isEqualTo(Map.of("s3:access_grants:read", Set.of()));

    assertThat(assignmentRequired(bot.applicationArn())).isTrue();
    assertThat(assignmentRequired(notebook.applicationArn())).isTrue();
    assertThat(assignments(bot.applicationArn()))
        .isEqualTo(
            Set.of(
                "GROUP/" + groupId("aws-platform-admins"),
                "GROUP/" + groupId("aws-team-a-engineers")));
    assertThat(assignments(notebook.applicationArn()))
        .isEqualTo(Set.of("GROUP/" + groupId("aws-finops"), "USER/" + userId("alice@example.com")));

    JsonPath again = plan();
    assertThat(again.getList("changes")).as(again.prettify()).isEmpty();
    assertThat(unmanagedState()).isEqualTo(unmanagedBefore);
  }

  @Test
  @Order(2)
  void whatTheMatrixDoesNotDeclareIsReportedAndNeverTouched() throws Exception {
    JsonPath plan = plan();
    List<Map<String, Object>> drift = plan.getList("drift");
    assertThat(drift)
        .filteredOn(d -> "unmanaged_application".equals(d.get("kind")))
        .extracting(d -> (String) d.get("detail"))
        .anySatisfy(d -> assertThat(d).contains(MotoAppsResource.LEGACY_APP))
        .anySatisfy(
            d ->
                assertThat(d)
                    .contains(MotoAppsResource.MANAGED_APP)
                    .contains("applicationProvider/qbusiness"));
    assertThat(drift)
        .filteredOn(d -> "unmanaged_trusted_token_issuer".equals(d.get("kind")))
        .extracting(d -> (String) d.get("detail"))
        .singleElement()
        .satisfies(d -> assertThat(d).contains(MotoAppsResource.LEGACY_ISSUER));
    assertThat(drift)
        .filteredOn(d -> ((String) d.get("kind")).startsWith("unmanaged_"))
        .allSatisfy(d -> assertThat(d.get("fixedByPlan")).isEqualTo(false));
    assertThat(plan.getList("changes.key", String.class))
        .noneMatch(k -> k.contains(MotoAppsResource.LEGACY_APP))
        .noneMatch(k -> k.contains(MotoAppsResource.LEGACY_ISSUER))
        .noneMatch(k -> k.contains(MotoAppsResource.MANAGED_APP));
    assertThat(unmanagedState()).isEqualTo(unmanagedBefore);
  }

  @Test
  @Order(3)
  void consoleEditsShowAsDriftInThePlanAndHistoryAndTheNextApplyRevertsThem() throws Exception {
    String issuer = issuerArn("corp-idp");
    String bot = application("release-bot").applicationArn();
    String notebook = application("data-notebook").applicationArn();
    // Four edits made in the console, outside the matrix.
    sso().putApplicationAccessScope(r -> r.applicationArn(bot).scope("redshift:connect"));
    sso()
        .putApplicationGrant(
            r ->
                r.applicationArn(bot)
                    .grantType(JWT_BEARER)
                    .grant(
                        g ->
                            g.jwtBearer(
                                j ->
                                    j.authorizedTokenIssuers(
                                        AuthorizedTokenIssuer.builder()
                                            .trustedTokenIssuerArn(issuer)
                                            .authorizedAudiences("someone-else")
                                            .build()))));
    String alice = userId("alice@example.com");
    sso()
        .deleteApplicationAssignment(
            r -> r.applicationArn(notebook).principalType("USER").principalId(alice));
    sso()
        .updateTrustedTokenIssuer(
            r ->
                r.trustedTokenIssuerArn(issuer)
                    .trustedTokenIssuerConfiguration(
                        c -> c.oidcJwtConfiguration(o -> o.claimAttributePath("sub"))));

    JsonPath plan = plan();
    List<String> keys = plan.getList("changes.key", String.class);
    assertThat(keys)
        .containsExactlyInAnyOrder(
            "issuer/corp-idp/update",
            "application/release-bot/grant/" + JWT_BEARER + "/put",
            "application/release-bot/scope/redshift:connect/delete",
            "application/data-notebook/assignment/USER/" + alice + "/create");
    Set<String> findings =
        Set.of(
            "trusted_token_issuer/corp-idp/update",
            "application/application/release-bot/grant/" + JWT_BEARER + "/put",
            "application/application/release-bot/scope/redshift:connect/delete",
            "application/application/data-notebook/assignment/USER/" + alice + "/create");
    assertThat(plan.getList("drift.key", String.class)).containsAll(findings);
    String text = planText(plan.getString("id"));
    assertThat(text)
        .contains("~ trusted token issuer corp-idp")
        .contains("claim_attribute_path: email")
        .contains("- application release-bot: scope redshift:connect")
        .contains("~ application release-bot: grant " + JWT_BEARER)
        .contains("+ application data-notebook → user alice@example.com");

    assertThat(openDrift()).containsAll(findings);

    String runId = apply(plan);
    assertThat(oidc(issuer).claimAttributePath()).isEqualTo("email");
    assertThat(scopes(bot)).doesNotContainKey("redshift:connect");
    assertThat(grants(bot)).isEqualTo(Map.of(JWT_BEARER, Map.of(issuer, Set.of("release-bot"))));
    assertThat(assignments(notebook)).contains("USER/" + alice);

    JsonPath after = plan();
    assertThat(after.getList("changes")).as(after.prettify()).isEmpty();
    assertThat(openDrift()).doesNotContainAnyElementsOf(findings);
    List<Map<String, Object>> resolved =
        items("/api/v1/drift?status=resolved&kind=application&limit=500");
    assertThat(resolved)
        .filteredOn(f -> findings.contains((String) f.get("key")))
        .filteredOn(f -> plan.getString("id").equals(f.get("firstPlanId")))
        .hasSize(3)
        .allSatisfy(f -> assertThat(f.get("resolvedRunId")).isEqualTo(runId));
    assertThat(unmanagedState()).isEqualTo(unmanagedBefore);
  }

  @Test
  @Order(4)
  void anIssuerUrlChangeReplacesTheIssuerAndRepointsEveryGrant() throws Exception {
    String old = issuerArn("corp-idp");
    String yaml = Files.readString(MotoAppsResource.MATRIX.resolve("applications.yaml"));
    assertThat(yaml).contains(URL);
    Files.writeString(
        MotoAppsResource.MATRIX.resolve("applications.yaml"), yaml.replace(URL, NEW_URL));

    JsonPath plan = plan();
    List<String> actions = plan.getList("changes.action", String.class);
    assertThat(actions)
        .containsSubsequence(
            "create_trusted_token_issuer",
            "put_application_grant",
            "put_application_grant",
            "delete_trusted_token_issuer",
            "update_trusted_token_issuer");
    assertThat(plan.getList("changes.reason", String.class))
        .anySatisfy(r -> assertThat(r).contains("issuer_url of corp-idp changed"));
    apply(plan);

    List<TrustedTokenIssuerMetadata> issuers =
        sso().listTrustedTokenIssuers(r -> r.instanceArn(instance)).trustedTokenIssuers();
    assertThat(issuers)
        .extracting(TrustedTokenIssuerMetadata::name)
        .containsExactlyInAnyOrder("corp-idp", MotoAppsResource.LEGACY_ISSUER);
    String replacement = issuerArn("corp-idp");
    assertThat(replacement).isNotEqualTo(old);
    assertThat(oidc(replacement).issuerUrl()).isEqualTo(NEW_URL);
    assertThat(oidc(replacement).claimAttributePath()).isEqualTo("email");
    assertThat(grants(application("release-bot").applicationArn()))
        .isEqualTo(Map.of(JWT_BEARER, Map.of(replacement, Set.of("release-bot"))));
    assertThat(grants(application("data-notebook").applicationArn()))
        .isEqualTo(
            Map.of(
                JWT_BEARER,
                Map.of(replacement, Set.of("data-notebook")),
                "refresh_token",
                Map.of()));

    JsonPath after = plan();
    assertThat(after.getList("changes")).as(after.prettify()).isEmpty();
    assertThat(unmanagedState()).isEqualTo(unmanagedBefore);
  }

  // ---- the service's API

  private static String admin() {
    return TestTokens.token("alice-admin", "admin");
  }

  private static JsonPath plan() {
    Response r =
        given().auth().oauth2(admin()).when().post("/api/v1/plans").then().extract().response();
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(201);
    return r.jsonPath();
  }

  private static String planText(String id) {
    return given()
        .auth()
        .oauth2(admin())
        .accept("text/plain")
        .when()
        .get("/api/v1/plans/" + id)
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  /** Applies the plan, waiting; returns the run's id once it SUCCEEDED. */
  private static String apply(JsonPath plan) {
    Response r =
        given()
            .auth()
            .oauth2(admin())
            .when()
            .post("/api/v1/plans/" + plan.getString("id") + "/apply?wait=true")
            .then()
            .extract()
            .response();
    assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
    assertThat(r.jsonPath().getString("status")).as(r.asString()).isEqualTo("SUCCEEDED");
    return r.jsonPath().getString("id");
  }

  private static Set<String> openDrift() {
    return items("/api/v1/drift?status=open&limit=500").stream()
        .map(f -> (String) f.get("key"))
        .collect(Collectors.toSet());
  }

  private static List<Map<String, Object>> items(String path) {
    return given()
        .auth()
        .oauth2(TestTokens.token("carol-auditor", "auditor"))
        .when()
        .get(path)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items");
  }

  // ---- the live instance, read with the SDK

  private String issuerArn(String name) {
    return sso()
        .listTrustedTokenIssuers(r -> r.instanceArn(instance))
        .trustedTokenIssuers()
        .stream()
        .filter(i -> i.name().equals(name))
        .map(TrustedTokenIssuerMetadata::trustedTokenIssuerArn)
        .reduce((a, b) -> a + " and " + b)
        .orElseThrow(() -> new AssertionError("no issuer " + name));
  }

  private OidcJwtConfiguration oidc(String arn) {
    return sso()
        .describeTrustedTokenIssuer(r -> r.trustedTokenIssuerArn(arn))
        .trustedTokenIssuerConfiguration()
        .oidcJwtConfiguration();
  }

  private Application application(String name) {
    List<Application> found =
        sso().listApplications(r -> r.instanceArn(instance)).applications().stream()
            .filter(a -> a.name().equals(name))
            .toList();
    assertThat(found).as("applications named " + name).hasSize(1);
    return found.get(0);
  }

  /** Grant type -> issuer ARN -> audiences. */
  private Map<String, Map<String, Set<String>>> grants(String app) {
    Map<String, Map<String, Set<String>>> out = new HashMap<>();
    for (GrantItem g : sso().listApplicationGrants(r -> r.applicationArn(app)).grants()) {
      Map<String, Set<String>> issuers = new HashMap<>();
      if (g.grant().jwtBearer() != null) {
        for (AuthorizedTokenIssuer i : g.grant().jwtBearer().authorizedTokenIssuers()) {
          issuers.put(i.trustedTokenIssuerArn(), new TreeSet<>(i.authorizedAudiences()));
        }
      }
      out.put(g.grantTypeAsString(), issuers);
    }
    return out;
  }

  private void assertActorPolicy(String app, String caller) throws Exception {
    var method =
        sso()
            .getApplicationAuthenticationMethod(
                r -> r.applicationArn(app).authenticationMethodType("IAM"))
            .authenticationMethod();
    JsonNode policy = JSON.readTree(method.iam().actorPolicy().toString());
    JsonNode statement = policy.path("Statement");
    statement = statement.isArray() ? statement.get(0) : statement;
    assertThat(statement.path("Effect").asText()).isEqualTo("Allow");
    JsonNode principal = statement.path("Principal").path("AWS");
    assertThat(principal.isArray() ? principal.get(0).asText() : principal.asText())
        .isEqualTo(caller);
    JsonNode action = statement.path("Action");
    assertThat(action.isArray() ? action.get(0).asText() : action.asText())
        .isEqualTo("sso-oauth:CreateTokenWithIAM");
    assertThat(statement.path("Resource").asText()).isEqualTo("*");
  }

  /** Scope -> target application ARNs. */
  private Map<String, Set<String>> scopes(String app) {
    Map<String, Set<String>> out = new HashMap<>();
    for (ScopeDetails s : sso().listApplicationAccessScopes(r -> r.applicationArn(app)).scopes()) {
      out.put(s.scope(), new TreeSet<>(s.authorizedTargets()));
    }
    return out;
  }

  private boolean assignmentRequired(String app) {
    return sso()
        .getApplicationAssignmentConfiguration(r -> r.applicationArn(app))
        .assignmentRequired();
  }

  private Set<String> assignments(String app) {
    return sso()
        .listApplicationAssignments(r -> r.applicationArn(app))
        .applicationAssignments()
        .stream()
        .map(a -> a.principalTypeAsString() + "/" + a.principalId())
        .collect(Collectors.toSet());
  }

  private String storeId() {
    return sso().listInstances(r -> {}).instances().stream()
        .filter(i -> i.instanceArn().equals(instance))
        .findFirst()
        .orElseThrow()
        .identityStoreId();
  }

  private String groupId(String name) {
    return identityStore()
        .getGroupId(
            r ->
                r.identityStoreId(storeId())
                    .alternateIdentifier(
                        a ->
                            a.uniqueAttribute(
                                u ->
                                    u.attributePath("displayName")
                                        .attributeValue(
                                            software.amazon.awssdk.core.document.Document
                                                .fromString(name)))))
        .groupId();
  }

  private String userId(String name) {
    return identityStore()
        .getUserId(
            r ->
                r.identityStoreId(storeId())
                    .alternateIdentifier(
                        a ->
                            a.uniqueAttribute(
                                u ->
                                    u.attributePath("userName")
                                        .attributeValue(
                                            software.amazon.awssdk.core.document.Document
                                                .fromString(name)))))
        .userId();
  }

  /** The unmanaged issuer and applications with everything on them. */
  private Map<String, Object> unmanagedState() {
    Map<String, Object> out = new HashMap<>();
    String legacyIssuer = issuerArn(MotoAppsResource.LEGACY_ISSUER);
    out.put("issuer", oidc(legacyIssuer));
    for (String name : List.of(MotoAppsResource.LEGACY_APP, MotoAppsResource.MANAGED_APP)) {
      Application a = application(name);
      out.put(name, a);
      if (a.applicationProviderArn().equals(CUSTOM)) {
        out.put(name + "/scopes", scopes(a.applicationArn()));
        out.put(name + "/assignments", assignments(a.applicationArn()));
        out.put(name + "/grants", grants(a.applicationArn()));
      }
    }
    return out;
  }
}
