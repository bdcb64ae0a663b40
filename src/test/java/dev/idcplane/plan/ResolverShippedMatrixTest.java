package dev.idcplane.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.matrix.MatrixLoad;
import dev.idcplane.matrix.MatrixLoader;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The shipped {@code assignments/} folder resolved against the sandbox organization. */
class ResolverShippedMatrixTest {
  private final MatrixLoad load = new MatrixLoader().load(Path.of("assignments"));
  private final Resolver resolver = new Resolver();

  @Test
  void resolvesWithoutErrorsOrWarnings() {
    Resolution r =
        resolver.resolve(
            load.matrix(), SandboxOrg.live(), PlanPolicy.defaults(), LocalDate.of(2026, 11, 23));

    assertThat(load.violations()).isEmpty();
    assertThat(r.errors()).isEmpty();
    assertThat(r.desired().warnings()).isEmpty();
    Map<String, Long> perSet =
        r.desired().assignments().keySet().stream()
            .collect(
                Collectors.groupingBy(AssignmentKey::permissionSetName, Collectors.counting()));
    assertThat(perSet)
        .containsExactlyInAnyOrderEntriesOf(
            Map.of(
                "Admin",
                9L,
                "AppDeveloper",
                2L,
                "PowerUser",
                2L,
                "BillingViewer",
                10L,
                "ReadOnlyAuditor",
                2L,
                "SecOpsResponder",
                4L,
                "BreakGlass",
                11L,
                "AWSReadOnlyAccess",
                2L));
    assertThat(r.desired().assignments().keySet())
        .noneMatch(k -> k.accountId().equals("111111111111"))
        .noneMatch(k -> k.accountId().equals("888888888888"))
        .filteredOn(k -> k.principalType() == PrincipalType.USER)
        .hasSize(1);
  }

  @Test
  void aliceLosesBreakGlassAfterHerExpiryDate() {
    Resolution r =
        resolver.resolve(
            load.matrix(), SandboxOrg.live(), PlanPolicy.defaults(), LocalDate.of(2027, 7, 1));

    assertThat(r.desired().expiredUserRules())
        .singleElement()
        .satisfies(u -> assertThat(u.userName()).isEqualTo("alice@example.com"));
    assertThat(r.desired().assignments().keySet())
        .noneMatch(k -> k.principalType() == PrincipalType.USER);
  }
}
