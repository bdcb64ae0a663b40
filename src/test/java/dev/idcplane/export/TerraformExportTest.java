package dev.idcplane.export;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.identitycenter.LiveStateReader;
import dev.idcplane.identitycenter.sandbox.SandboxIdentityCenter;
import dev.idcplane.matrix.MatrixLoad;
import dev.idcplane.matrix.MatrixLoader;
import dev.idcplane.plan.MatrixRequests;
import dev.idcplane.plan.PlanPolicy;
import dev.idcplane.plan.Resolution;
import dev.idcplane.plan.Resolver;
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
  static final Map<String, Pattern> IMPORT_IDS =
      Map.of(
          "aws_ssoadmin_permission_set",
          Pattern.compile(ARN_PS + "," + ARN_INSTANCE),
          "aws_ssoadmin_managed_policy_attachment",
          Pattern.compile("arn:aws:iam::aws:policy/[\\w+=,.@/-]+," + ARN_PS + "," + ARN_INSTANCE),
          "aws_ssoadmin_customer_managed_policy_attachment",
          Pattern.compile("[\\w+=,.@-]+,/([\\w+=,.@-]+/)*," + ARN_PS + "," + ARN_INSTANCE),
          "aws_ssoadmin_permission_set_inline_policy",
          Pattern.compile(ARN_PS + "," + ARN_INSTANCE),
          "aws_ssoadmin_permissions_boundary_attachment",
          Pattern.compile(ARN_PS + "," + ARN_INSTANCE),
          "aws_ssoadmin_account_assignment",
          Pattern.compile(
              "[\\w-]+,(USER|GROUP),\\d{12},AWS_ACCOUNT," + ARN_PS + "," + ARN_INSTANCE));

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
    hcl = new TerraformExporter().export(resolution.desired(), live.state());
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
        .isEqualTo(resolution.desired().assignments().size());
    JsonNode admin = first(parsed.path("resource").path("aws_ssoadmin_permission_set"), "admin");
    assertThat(admin.path("name").asText()).isEqualTo("Admin");
    assertThat(admin.path("tags").path("ManagedBy").asText()).isEqualTo("idc-control-plane");
    assertThat(hcl).contains("#34764");
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
