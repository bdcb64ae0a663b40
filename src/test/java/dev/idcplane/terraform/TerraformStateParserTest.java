package dev.idcplane.terraform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.plan.TerraformOwnership;
import dev.idcplane.plan.TerraformOwnership.AssignmentRef;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Reading what Terraform owns from v4 state files, and refusing states it cannot read fully. */
class TerraformStateParserTest {
  static final String INSTANCE = "arn:aws:sso:::instance/ssoins-1111111111111111";
  static final String BILLING =
      "arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-aaaaaaaaaaaaaaaa";
  static final String LEGACY =
      "arn:aws:sso:::permissionSet/ssoins-1111111111111111/ps-bbbbbbbbbbbbbbbb";

  static byte[] shipped() throws IOException {
    try (InputStream in =
        TerraformStateParserTest.class.getResourceAsStream("/terraform/sso.tfstate")) {
      return in.readAllBytes();
    }
  }

  static TerraformOwnership parse(String json) {
    return TerraformStateParser.parse(Map.of("s.tfstate", json.getBytes(StandardCharsets.UTF_8)));
  }

  @Test
  void readsOwnedSetsAndAssignmentsWithTheirAddresses() throws IOException {
    TerraformOwnership o = TerraformStateParser.parse(Map.of("sso.tfstate", shipped()));

    assertThat(o.states()).containsExactly("sso.tfstate");
    assertThat(o.permissionSets()).containsOnlyKeys(BILLING, LEGACY);
    var billing = o.permissionSets().get(BILLING);
    assertThat(billing.name()).isEqualTo("Billing");
    assertThat(billing.instanceArn()).isEqualTo(INSTANCE);
    assertThat(billing.owners())
        .extracting(TerraformOwnership.Owner::address)
        .containsExactly(
            "module.sso.aws_ssoadmin_permission_set.this[\"Billing\"]",
            "module.sso.aws_ssoadmin_managed_policy_attachment.this"
                + "[\"Billing.arn:aws:iam::aws:policy/job-function/Billing\"]");
    // a set Terraform manages only through an inline policy is still Terraform's
    assertThat(o.permissionSets().get(LEGACY).owner().address())
        .isEqualTo("aws_ssoadmin_permission_set_inline_policy.legacy");
    assertThat(o.permissionSets().get(LEGACY).name()).isNull();

    assertThat(o.assignments())
        .containsEntry(
            new AssignmentRef(
                INSTANCE,
                BILLING,
                "123456789012",
                PrincipalType.GROUP,
                "9067f1b6-0041-70d8-d1a4-0f2b7e1c1d00"),
            new TerraformOwnership.Owner(
                "module.sso.aws_ssoadmin_account_assignment.this[\"finance/Billing/123456789012\"]",
                "sso.tfstate"))
        .hasSize(2);
    assertThat(o.assignments().values())
        .extracting(TerraformOwnership.Owner::address)
        .contains("aws_ssoadmin_account_assignment.breakglass[0]");
  }

  @Test
  void dataSourcesAndOtherResourcesAreNotOwned() throws IOException {
    TerraformOwnership o = TerraformStateParser.parse(Map.of("sso.tfstate", shipped()));
    assertThat(o.permissionSets().values())
        .noneMatch(p -> "LookedUp".equals(p.name()))
        .allMatch(p -> p.owners().stream().noneMatch(w -> w.address().startsWith("data.")));
  }

  @Test
  void severalStatesAddUpAndAnEmptyStateOwnsNothing(@TempDir Path dir) throws IOException {
    Map<String, byte[]> states = new LinkedHashMap<>();
    states.put("a.tfstate", shipped());
    states.put("empty.tfstate", "{\"version\":4,\"resources\":[]}".getBytes());
    TerraformOwnership o = TerraformStateParser.parse(states);
    assertThat(o.states()).containsExactly("a.tfstate", "empty.tfstate");
    assertThat(o.assignments()).hasSize(2);
    assertThat(parse("{\"version\":4}").isEmpty()).isTrue();
  }

  @Test
  void deposedInstancesAreOwnedToo() {
    TerraformOwnership o =
        parse(
            """
            {"version":4,"resources":[{"mode":"managed","type":"aws_ssoadmin_permission_set",
             "name":"x","instances":[{"deposed":"00000001","attributes":
             {"arn":"arn:ps","instance_arn":"arn:ins","name":"X"}}]}]}
            """);
    assertThat(o.permissionSets().get("arn:ps").owner().address())
        .isEqualTo("aws_ssoadmin_permission_set.x (deposed 00000001)");
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          not json        | {"version":4,                                              | is not JSON
          not an object   | [1,2]                                                      | is not a JSON object
          version 3       | {"version":3,"modules":[]}                                 | format version 3; only version 4
          no version      | {"resources":[]}                                           | format version (none)
          resources       | {"version":4,"resources":{}}                               | resources is not a list
          no attributes   | {"version":4,"resources":[{"mode":"managed","type":"aws_ssoadmin_permission_set","name":"p","instances":[{"attributes_flat":{}}]}]} | aws_ssoadmin_permission_set.p has no attributes
          no arn          | {"version":4,"resources":[{"mode":"managed","type":"aws_ssoadmin_permission_set","name":"p","instances":[{"attributes":{"name":"P"}}]}]} | aws_ssoadmin_permission_set.p has no arn
          no principal    | {"version":4,"resources":[{"mode":"managed","type":"aws_ssoadmin_account_assignment","name":"a","instances":[{"index_key":"k","attributes":{"instance_arn":"i","permission_set_arn":"p","principal_type":"GROUP","target_id":"1","target_type":"AWS_ACCOUNT"}}]}]} | aws_ssoadmin_account_assignment.a["k"] has no principal_id
          bad principal   | {"version":4,"resources":[{"mode":"managed","type":"aws_ssoadmin_account_assignment","name":"a","instances":[{"attributes":{"instance_arn":"i","permission_set_arn":"p","principal_type":"ROLE","principal_id":"x","target_id":"1"}}]}]} | principal_type ROLE; expected USER or GROUP
          bad target      | {"version":4,"resources":[{"mode":"managed","type":"aws_ssoadmin_account_assignment","name":"a","instances":[{"attributes":{"target_type":"OU"}}]}]} | target_type OU
          part no set     | {"version":4,"resources":[{"mode":"managed","type":"aws_ssoadmin_permissions_boundary_attachment","name":"b","instances":[{"attributes":{"instance_arn":"i"}}]}]} | aws_ssoadmin_permissions_boundary_attachment.b has no permission_set_arn
          """)
  void aStateItCannotReadFullyIsRefusedWithItsNameAndTheAddress(
      String why, String json, String expected) {
    assertThatThrownBy(() -> parse(json))
        .isInstanceOf(TerraformStateException.class)
        .hasMessageContaining("Terraform state s.tfstate")
        .hasMessageContaining(expected)
        .satisfies(
            e -> {
              TerraformStateException t = (TerraformStateException) e;
              assertThat(t.code()).isEqualTo("terraform_state_unreadable");
              assertThat(t.httpStatus()).isEqualTo(502);
              assertThat(t.retryable()).isFalse();
            });
  }

  @Test
  void aLocalStateThatIsMissingOrABadS3UrlSaysWhatToFix(@TempDir Path dir) throws IOException {
    assertThatThrownBy(
            () ->
                TerraformStateSource.read(
                    dir.resolve("gone.tfstate").toString(),
                    () -> {
                      throw new AssertionError("no S3 for a local path");
                    }))
        .isInstanceOf(TerraformStateException.class)
        .hasMessageContaining("does not exist")
        .hasMessageContaining("idc.terraform.state");
    assertThatThrownBy(() -> TerraformStateSource.read("s3://bucket-only", () -> null))
        .isInstanceOf(TerraformStateException.class)
        .hasMessageContaining("not an s3://bucket/key URL");
    Path file = Files.write(dir.resolve("ok.tfstate"), shipped());
    assertThat(TerraformStateSource.read(file.toString(), () -> null)).isEqualTo(shipped());
    assertThat(TerraformStateSource.read("file://" + file, () -> null)).isEqualTo(shipped());
  }
}
