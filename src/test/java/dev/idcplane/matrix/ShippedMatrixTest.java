package dev.idcplane.matrix;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.PermissionSetDefinition;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The example matrix shipped in {@code assignments/} at the top of the repository. */
class ShippedMatrixTest {
  private final MatrixLoad load = new MatrixLoader().load(Path.of("assignments"));

  @Test
  void loadsWithoutViolations() {
    assertThat(load.violations()).isEmpty();
    assertThat(load.matrix().files())
        .containsExactly("applications.yaml", "assignments.yaml", "permission-sets.yaml");
  }

  @Test
  void declaresTheGuideSetsAndRules() {
    Matrix m = load.matrix();

    assertThat(m.permissionSets())
        .containsOnlyKeys(
            "AWSReadOnlyAccess",
            "Admin",
            "AppDeveloper",
            "BillingViewer",
            "BreakGlass",
            "PowerUser",
            "ReadOnlyAuditor",
            "SecOpsResponder");
    assertThat(m.permissionSet("AWSReadOnlyAccess").orElseThrow().external()).isTrue();
    m.permissionSets().values().stream()
        .filter(ps -> !ps.external())
        .forEach(
            ps ->
                assertThat(ps.definition().orElseThrow().tags())
                    .containsEntry("ManagedBy", "idc-control-plane"));
    PermissionSetDefinition dev =
        m.permissionSet("AppDeveloper").orElseThrow().definition().orElseThrow();
    assertThat(dev.inlinePolicy()).contains("DenySensitiveControls", "ec2:*Subnet*");
    assertThat(dev.sessionDuration()).isEqualTo("PT4H");
    assertThat(
            m.permissionSet("SecOpsResponder")
                .orElseThrow()
                .definition()
                .orElseThrow()
                .permissionsBoundary())
        .isPresent();
    assertThat(m.rules()).hasSize(9);
  }
}
