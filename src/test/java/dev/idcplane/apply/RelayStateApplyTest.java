package dev.idcplane.apply;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.DefinitionReader;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PermissionSetInfo;
import dev.idcplane.identitycenter.sandbox.SandboxIdentityCenter;
import dev.idcplane.plan.Change;
import dev.idcplane.plan.FieldChange;
import dev.idcplane.plan.Plan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The converger on the sandbox, which clears a relay state an UpdatePermissionSet leaves out as AWS
 * does (terraform-provider-aws#17411): a relay state set in the console survives a description
 * change when the matrix declares it too, and goes when the matrix leaves it out.
 */
class RelayStateApplyTest {
  static final String CONSOLE_URL = "https://console.aws.amazon.com/ec2/home?region=eu-west-1";
  static final String POWER_USER = "    description: Everything except IAM and Organizations\n";

  SandboxIdentityCenter ic;
  String instanceArn;

  @BeforeEach
  void seedAndSetARelayStateInTheConsole() throws Exception {
    // No request rate limit: the plans here read the sandbox directly, without the applier's retry.
    ic =
        SandboxIdentityCenter.fromSeed(
            ApplierTest.SEED,
            Clock.systemUTC(),
            ApplierTest.behaviour().toBuilder().requestsPerSecond(0).build());
    instanceArn = ic.listInstances().get(0).instanceArn();
    apply(Pipelines.plan(ic, ApplierTest.MATRIX));
    PermissionSetInfo info = powerUser();
    PermissionSetDefinition live = DefinitionReader.readDirect(ic, instanceArn, info);
    ic.updatePermissionSet(
        info.arn(),
        new PermissionSetDefinition(
            live.description(),
            live.sessionDuration(),
            live.managedPolicies(),
            live.customerManagedPolicies(),
            live.permissionsBoundary(),
            live.inlinePolicy(),
            live.tags(),
            CONSOLE_URL));
    assertThat(powerUser().relayState()).isEqualTo(CONSOLE_URL);
  }

  @Test
  void aDescriptionChangeKeepsTheRelayStateTheMatrixAlsoDeclares() throws Exception {
    Plan plan =
        Pipelines.plan(
            ic,
            matrix(
                POWER_USER,
                "    description: Everything but IAM\n    relay_state: " + CONSOLE_URL + "\n"));
    assertThat(plan.changes())
        .filteredOn(c -> c instanceof Change.UpdatePermissionSet)
        .singleElement()
        .satisfies(
            c ->
                assertThat(((Change.UpdatePermissionSet) c).fields())
                    .extracting(FieldChange::field)
                    .containsExactly("description"));

    apply(plan);

    assertThat(powerUser().description()).isEqualTo("Everything but IAM");
    assertThat(powerUser().relayState()).isEqualTo(CONSOLE_URL);
    assertThat(
            Pipelines.plan(
                    ic,
                    matrix(
                        POWER_USER,
                        "    description: Everything but IAM\n    relay_state: "
                            + CONSOLE_URL
                            + "\n"))
                .changes())
        .isEmpty();
  }

  @Test
  void aRelayStateTheMatrixLeavesOutIsRemoved() throws Exception {
    Plan plan = Pipelines.plan(ic, ApplierTest.MATRIX);
    assertThat(plan.changes())
        .filteredOn(c -> c instanceof Change.UpdatePermissionSet)
        .singleElement()
        .satisfies(
            c ->
                assertThat(((Change.UpdatePermissionSet) c).fields())
                    .containsExactly(new FieldChange("relay_state", CONSOLE_URL, null)));

    apply(plan);

    assertThat(powerUser().relayState()).isNull();
    assertThat(powerUser().description()).isEqualTo("Everything except IAM and Organizations");
  }

  @Test
  void aNewRelayStateAndDescriptionGoInOneUpdate() throws Exception {
    String url = "https://console.aws.amazon.com/s3/home";
    apply(
        Pipelines.plan(
            ic,
            matrix(POWER_USER, "    description: Storage work\n    relay_state: " + url + "\n")));

    assertThat(powerUser().relayState()).isEqualTo(url);
    assertThat(powerUser().description()).isEqualTo("Storage work");
  }

  private void apply(Plan plan) throws InterruptedException {
    RunResult result =
        ApplierTest.apply(ic, plan, new RecordingJournal(), Applier.operationsOf(plan));
    assertThat(result.status()).isEqualTo(RunStatus.SUCCEEDED);
  }

  private PermissionSetInfo powerUser() {
    return ic.listPermissionSets(instanceArn).stream()
        .map(arn -> ic.describePermissionSet(instanceArn, arn))
        .filter(i -> i.name().equals("PowerUser"))
        .findFirst()
        .orElseThrow();
  }

  /** The shipped matrix with one line of permission-sets.yaml replaced. */
  private static Map<String, String> matrix(String line, String replacement) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    try (Stream<Path> paths = Files.list(ApplierTest.MATRIX)) {
      for (Path p : paths.filter(p -> p.toString().endsWith(".yaml")).toList()) {
        files.put(p.getFileName().toString(), Files.readString(p));
      }
    }
    String sets = files.get("permission-sets.yaml");
    assertThat(sets).contains(line);
    files.put("permission-sets.yaml", sets.replace(line, replacement));
    return files;
  }
}
