package dev.idcplane.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.identitycenter.LiveStateReader;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.apps.AccessScope;
import dev.idcplane.identitycenter.apps.ApplicationAssignment;
import dev.idcplane.identitycenter.apps.LiveApplications;
import dev.idcplane.identitycenter.apps.TrustedTokenIssuer;
import dev.idcplane.identitycenter.sandbox.SandboxApplications;
import dev.idcplane.identitycenter.sandbox.SandboxIdentityCenter;
import dev.idcplane.matrix.MatrixLoad;
import dev.idcplane.matrix.MatrixLoader;
import dev.idcplane.plan.MatrixRequests;
import dev.idcplane.plan.PlanPolicy;
import dev.idcplane.plan.Resolution;
import dev.idcplane.plan.Resolver;
import dev.idcplane.plan.TerraformOwnership;
import dev.idcplane.plan.apps.PrincipalLookup;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The shipped matrix on the shipped sandbox, exported as Terraform and parsed by a real HCL parser
 * (HashiCorp's hcl library compiled to WebAssembly: npm {@code @cdktf/hcl2json}, installed under
 * {@code target/} on first use): every import block's id has the format the provider's import
 * documentation gives, and names a resource the file declares.
 */
class TerraformExportTest {
  static final String ARN_PS = "arn:aws:sso:::permissionSet/ssoins-[0-9a-f]{16}/ps-[0-9a-f]{16}";
  static final String ARN_INSTANCE = "arn:aws:sso:::instance/ssoins-[0-9a-f]{16}";

  /** sso-admin API model: ApplicationArn and TrustedTokenIssuerArn. */
  static final String ARN_APP =
      "arn:aws:sso::\\d{12}:application/(sso)?ins-[a-zA-Z0-9-.]{16}/apl-[a-zA-Z0-9]{16}";

  static final String ARN_TTI =
      "arn:aws:sso::\\d{12}:trustedTokenIssuer/(sso)?ins-[a-zA-Z0-9-.]{16}"
          + "/tti-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}";

  static final Map<String, Pattern> IMPORT_IDS =
      Map.ofEntries(
          Map.entry("aws_ssoadmin_permission_set", Pattern.compile(ARN_PS + "," + ARN_INSTANCE)),
          Map.entry(
              "aws_ssoadmin_managed_policy_attachment",
              Pattern.compile(
                  "arn:aws:iam::aws:policy/[\\w+=,.@/-]+," + ARN_PS + "," + ARN_INSTANCE)),
          Map.entry(
              "aws_ssoadmin_customer_managed_policy_attachment",
              Pattern.compile("[\\w+=,.@-]+,/([\\w+=,.@-]+/)*," + ARN_PS + "," + ARN_INSTANCE)),
          Map.entry(
              "aws_ssoadmin_permission_set_inline_policy",
              Pattern.compile(ARN_PS + "," + ARN_INSTANCE)),
          Map.entry(
              "aws_ssoadmin_permissions_boundary_attachment",
              Pattern.compile(ARN_PS + "," + ARN_INSTANCE)),
          Map.entry(
              "aws_ssoadmin_account_assignment",
              Pattern.compile(
                  "[\\w-]+,(USER|GROUP),\\d{12},AWS_ACCOUNT," + ARN_PS + "," + ARN_INSTANCE)),
          Map.entry("aws_ssoadmin_trusted_token_issuer", Pattern.compile(ARN_TTI)),
          Map.entry("aws_ssoadmin_application", Pattern.compile(ARN_APP)),
          Map.entry("aws_ssoadmin_application_assignment_configuration", Pattern.compile(ARN_APP)),
          Map.entry(
              "aws_ssoadmin_application_access_scope",
              Pattern.compile(ARN_APP + ",[a-z0-9_-]+(:[a-z0-9_-]+)+")),
          Map.entry(
              "aws_ssoadmin_application_assignment",
              Pattern.compile(ARN_APP + ",[\\w-]+,(USER|GROUP)")));

  /** The assignment a Terraform state owns in these tests. */
  static TerraformOwnership.AssignmentRef owned;

  static String hcl;
  static JsonNode parsed;
  static Resolution resolution;

  @BeforeAll
  static void exportAndParse() throws Exception {
    SandboxIdentityCenter ic = SandboxIdentityCenter.fromSeed(Path.of("deploy/sandbox/seed.yaml"));
    MatrixLoad load = new MatrixLoader().load(Path.of("assignments"));
    assertThat(load.violations()).isEmpty();
    Clock clock = Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC);
    LiveStateReader.Result live =
        new LiveStateReader(ic, clock)
            .read(MatrixRequests.forMatrix(load.matrix(), Optional.empty()));
    resolution =
        new Resolver()
            .resolve(load.matrix(), live, PlanPolicy.defaults(), LocalDate.of(2026, 12, 1));
    // part of the shipped applications exists: corp-idp, and release-bot with one of its scopes
    // and one of its groups; data-notebook does not
    String instance = live.state().instance().instanceArn();
    SandboxApplications apps = ic.applications();
    apps.createTrustedTokenIssuer(
        instance,
        new TrustedTokenIssuer(
            null, "corp-idp", "https://idp.example.com/oauth2/default", "email", "emails.value"));
    String bot =
        apps.createApplication(
            instance, "release-bot", "Release automation acting for engineers", "ENABLED");
    apps.putAccessScope(bot, new AccessScope("sts:identity_context", List.of()));
    String platform =
        ic.findGroupId(live.state().instance().identityStoreId(), "aws-platform-admins")
            .orElseThrow();
    apps.createAssignment(bot, new ApplicationAssignment(PrincipalType.GROUP, platform));
    // a Terraform state owns one live assignment the matrix wants
    var key =
        resolution.desired().assignments().keySet().stream()
            .sorted()
            .filter(
                k ->
                    live.state().permissionSetsByName().containsKey(k.permissionSetName())
                        && live.state().assignments().stream()
                            .anyMatch(
                                a ->
                                    a.accountId().equals(k.accountId())
                                        && a.principalId().equals(k.principalId())))
            .findFirst()
            .orElseThrow();
    owned =
        new TerraformOwnership.AssignmentRef(
            instance,
            live.state().permissionSetsByName().get(key.permissionSetName()).arn(),
            key.accountId(),
            key.principalType(),
            key.principalId());
    hcl =
        new TerraformExporter()
            .export(
                resolution.desired(),
                live.state(),
                new TerraformOwnership(
                    List.of("s3://tf/sso.tfstate"),
                    Map.of(),
                    Map.of(
                        owned,
                        new TerraformOwnership.Owner(
                            "module.sso.aws_ssoadmin_account_assignment.kept",
                            "s3://tf/sso.tfstate"))),
                Optional.of(
                    new ApplicationsHcl.Input(
                        load.matrix(),
                        LiveApplications.read(apps, instance),
                        PrincipalLookup.of(ic, live.state().instance().identityStoreId()))));
    parsed = parse(hcl);
  }

  /** Parses HCL with {@code @cdktf/hcl2json} under Node; installs it under target/ when absent. */
  static JsonNode parse(String text) throws IOException, InterruptedException {
    Path dir = Path.of("target", "hcl2json").toAbsolutePath();
    if (!Files.isDirectory(dir.resolve("node_modules/@cdktf/hcl2json"))) {
      Files.createDirectories(dir);
      run(
          dir,
          null,
          "npm",
          "install",
          "--silent",
          "--no-audit",
          "--no-fund",
          "--prefix",
          dir.toString(),
          "@cdktf/hcl2json@0.21.0");
    }
    Path script = dir.resolve("parse.js");
    Files.writeString(
        script,
        "const { parse } = require('@cdktf/hcl2json');\n"
            + "parse('export.tf', require('fs').readFileSync(0, 'utf8'))\n"
            + "  .then(j => process.stdout.write(JSON.stringify(j)))\n"
            + "  .catch(e => { console.error(String(e)); process.exit(1); });\n");
    return new ObjectMapper().readTree(run(dir, text, "node", script.toString()));
  }

  static String run(Path dir, String stdin, String... command)
      throws IOException, InterruptedException {
    Process p = new ProcessBuilder(command).directory(dir.toFile()).start();
    if (stdin != null) {
      try (var in = p.getOutputStream()) {
        in.write(stdin.getBytes(StandardCharsets.UTF_8));
      }
    } else {
      p.getOutputStream().close();
    }
    var out = p.getInputStream().readAllBytes();
    var err = p.getErrorStream().readAllBytes();
    assertThat(p.waitFor(180, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue())
        .as(String.join(" ", command) + ": " + new String(err, StandardCharsets.UTF_8))
        .isZero();
    return new String(out, StandardCharsets.UTF_8);
  }

  @Test
  void everyImportIdHasTheProvidersDocumentedFormatAndNamesADeclaredResource() {
    Set<String> declared = new HashSet<>();
    parsed
        .path("resource")
        .fields()
        .forEachRemaining(
            type ->
                type.getValue()
                    .fieldNames()
                    .forEachRemaining(name -> declared.add(type.getKey() + "." + name)));
    int imports = 0;
    for (JsonNode block : parsed.path("import")) {
      String to = block.path("to").asText().replace("${", "").replace("}", "");
      String type = to.substring(0, to.indexOf('.'));
      assertThat(declared).as("import target").contains(to);
      assertThat(IMPORT_IDS).as("a resource type with a documented import id").containsKey(type);
      assertThat(block.path("id").asText()).matches(IMPORT_IDS.get(type));
      imports++;
    }
    assertThat(imports).isGreaterThan(10);
  }

  @Test
  void theManagedSetsAndEveryResolvedAssignmentAreResources() {
    long managed =
        resolution.desired().permissionSets().values().stream().filter(s -> !s.external()).count();
    assertThat(parsed.path("resource").path("aws_ssoadmin_permission_set").size())
        .isEqualTo((int) managed);
    assertThat(parsed.path("resource").path("aws_ssoadmin_account_assignment").size())
        .as("every resolved assignment but the one Terraform's state holds")
        .isEqualTo(resolution.desired().assignments().size() - 1);
    assertThat(hcl)
        .contains("already in Terraform at module.sso.aws_ssoadmin_account_assignment.kept");
    JsonNode admin = first(parsed.path("resource").path("aws_ssoadmin_permission_set"), "admin");
    assertThat(admin.path("name").asText()).isEqualTo("Admin");
    assertThat(admin.path("tags").path("ManagedBy").asText()).isEqualTo("idc-control-plane");
    assertThat(hcl).contains("#34764");
  }

  @Test
  void issuersAndApplicationsAreResourcesWithImportsWhereTheyExist() {
    JsonNode resources = parsed.path("resource");
    assertThat(resources.path("aws_ssoadmin_trusted_token_issuer").size()).isEqualTo(1);
    assertThat(resources.path("aws_ssoadmin_application").size()).isEqualTo(2);
    assertThat(resources.path("aws_ssoadmin_application_assignment_configuration").size())
        .isEqualTo(2);
    assertThat(resources.path("aws_ssoadmin_application_access_scope").size()).isEqualTo(3);
    // release-bot: two groups; data-notebook: a group and a user
    assertThat(resources.path("aws_ssoadmin_application_assignment").size()).isEqualTo(4);
    JsonNode issuer = resources.path("aws_ssoadmin_trusted_token_issuer").elements().next().get(0);
    JsonNode oidc =
        issuer
            .path("trusted_token_issuer_configuration")
            .get(0)
            .path("oidc_jwt_configuration")
            .get(0);
    assertThat(oidc.path("issuer_url").asText())
        .isEqualTo("https://idp.example.com/oauth2/default");
    assertThat(oidc.path("jwks_retrieval_option").asText()).isEqualTo("OPEN_ID_DISCOVERY");

    List<String> imported = new java.util.ArrayList<>();
    parsed.path("import").forEach(b -> imported.add(b.path("to").asText()));
    // what exists is imported: the issuer, release-bot, its configuration, one scope, one group
    assertThat(imported)
        .filteredOn(t -> t.contains("tti_") || t.contains("app_"))
        .hasSize(5)
        .noneMatch(t -> t.contains("data-notebook") || t.contains("data_notebook"));
    // what Terraform cannot hold is named where it applies
    assertThat(hcl)
        .contains("no resource for its grants (jwt-bearer from corp-idp for release-bot)")
        .contains(
            "its IAM authentication method (callers arn:aws:iam::111111111111:role/release-bot)")
        .contains("refresh_token");
  }

  @Test
  void stringsAreEscapedSoTheyParseBack() throws Exception {
    String tricky = "say \"hi\" \\ ${not_a_ref} %{x} line\nnext";
    JsonNode back = parse("resource \"r\" \"x\" {\n  v = " + Hcl.quote(tricky) + "\n}\n");
    assertThat(back.path("resource").path("r").path("x").get(0).path("v").asText())
        .contains("say \"hi\" \\", "line\nnext");
  }

  static JsonNode first(JsonNode byName, String prefix) {
    for (Iterator<String> it = byName.fieldNames(); it.hasNext(); ) {
      String n = it.next();
      if (n.startsWith("ps_" + prefix)) {
        return byName.get(n).get(0);
      }
    }
    throw new AssertionError(
        "no resource " + prefix + " in " + List.copyOf(byName.findValues("name")));
  }
}
