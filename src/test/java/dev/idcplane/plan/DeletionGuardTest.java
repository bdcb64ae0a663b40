package dev.idcplane.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.matrix.SourceLocation;
import dev.idcplane.matrix.Violation;
import dev.idcplane.plan.DeletionGuard.Declared;
import dev.idcplane.plan.DeletionGuard.Limits;
import dev.idcplane.plan.apps.AppChange;
import dev.idcplane.plan.apps.AppPlan;
import dev.idcplane.plan.apps.ArnRef;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class DeletionGuardTest {
  static final Limits LIMITS = new Limits(10, 25, 0.2);
  static final Declared NOW = declared(Set.of("A", "B"), Set.of("a.yaml", "b.yaml"));

  static Declared declared(Set<String> sets, Set<String> files) {
    return new Declared(new TreeSet<>(sets), new TreeSet<>(files));
  }

  static Plan plan(int creates, int deletes, int managed) {
    List<Change> changes = new ArrayList<>();
    for (int i = 0; i < creates; i++) {
      AssignmentKey k = new AssignmentKey(String.format("%012d", i), "A", PrincipalType.GROUP, "g");
      changes.add(
          new Change.CreateAssignment(
              k, "arn:ps/A", "g", "acct", List.of(new SourceLocation("a.yaml", 3)), "wanted"));
    }
    for (int i = 0; i < deletes; i++) {
      AssignmentKey k = new AssignmentKey(String.format("%012d", i), "B", PrincipalType.GROUP, "g");
      changes.add(new Change.DeleteAssignment(k, "arn:ps/B", "g", "acct", "not wanted"));
    }
    return new Plan(
        new PlanSource("d", null, "arn:ins", Instant.EPOCH),
        changes,
        List.of(),
        List.of(),
        managed);
  }

  static DeletionGuard.Verdict check(Plan plan, Optional<Declared> last) {
    return DeletionGuard.check(new DeletionGuard.Input(plan, NOW, last, LIMITS));
  }

  @Test
  void aSmallFirstRolloutPassesTheShareRule() {
    // 32 creates, 2 of the 3 managed assignments deleted: 67%, but fewer than 10 deletes.
    var verdict = check(plan(32, 2, 3), Optional.empty());
    assertThat(verdict.needsAllowDeletes()).isFalse();
    assertThat(verdict.warnings()).isEmpty();
  }

  @ParameterizedTest
  @CsvSource({
    // deletes, managed, trips
    "9, 20, false", // 45% but below the minimum count
    "10, 100, false", // at the minimum, 10% share
    "10, 40, true", // at the minimum, 25% share
    "26, 1000, true", // more than the count limit
    "25, 1000, false",
  })
  void theCountAndShareRules(int deletes, int managed, boolean trips) {
    var verdict = check(plan(0, deletes, managed), Optional.empty());
    assertThat(verdict.needsAllowDeletes()).isEqualTo(trips);
    assertThat(verdict.findings()).allMatch(f -> f instanceof DeletionGuard.TooManyDeletes);
  }

  @Test
  void deletingEveryManagedAssignmentAlwaysNeedsAllowDeletes() {
    var verdict = check(plan(0, 1, 1), Optional.empty());
    assertThat(verdict.findings()).containsExactly(new DeletionGuard.DeletesAll(1));
    assertThat(verdict.warnings()).extracting(Violation::kind).containsExactly("guard_deletes_all");
    assertThat(check(plan(0, 0, 0), Optional.empty()).needsAllowDeletes()).isFalse();
    assertThat(check(plan(0, 2, 3), Optional.empty()).needsAllowDeletes()).isFalse();
  }

  @Test
  void aPermissionSetOrFileNoLongerDeclaredAlwaysNeedsAllowDeletes() {
    Declared last = declared(Set.of("A", "B", "C"), Set.of("a.yaml", "b.yaml", "c.yaml"));
    var verdict = check(plan(1, 0, 5), Optional.of(last));
    assertThat(verdict.needsAllowDeletes()).isTrue();
    assertThat(verdict.findings())
        .containsExactly(
            new DeletionGuard.RemovedPermissionSet("C"), new DeletionGuard.RemovedFile("c.yaml"));
    assertThat(verdict.warnings())
        .extracting(v -> v.location().file(), Violation::field, Violation::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "", "permission_sets.C", "guard_removed_permission_set"),
            org.assertj.core.groups.Tuple.tuple("c.yaml", "", "guard_removed_file"));
  }

  @Test
  void deletingADeclaredApplicationOrIssuerNeedsAllowDeletesButAReplacementDoesNot() {
    ArnRef app = ArnRef.known("arn:app/1", "old-portal");
    ArnRef issuer = ArnRef.known("arn:tti/1", "legacy-idp");
    ArnRef replaced = ArnRef.known("arn:tti/2", "corp-idp");
    ArnRef successor = ArnRef.known("arn:tti/3", "corp-idp.replacement");
    Plan plan =
        plan(0, 0, 5)
            .withApplications(
                new AppPlan(
                    List.of(
                        new AppChange.DeleteIssuer(replaced, "replaced"),
                        new AppChange.UpdateIssuer(
                            successor, "corp-idp", "email", "emails.value", "renamed"),
                        new AppChange.DeleteApplication(app, "absent"),
                        new AppChange.DeleteIssuer(issuer, "absent"),
                        new AppChange.DeleteAssignment(app, PrincipalType.USER, "u-1", "gone")),
                    List.of(),
                    List.of()));

    var verdict = check(plan, Optional.empty());

    assertThat(verdict.findings())
        .containsExactly(
            new DeletionGuard.DeletesApplication("applications.old-portal"),
            new DeletionGuard.DeletesApplication("trusted_token_issuers.legacy-idp"));
    assertThat(verdict.warnings())
        .extracting(Violation::field, Violation::kind)
        .containsExactly(
            org.assertj.core.groups.Tuple.tuple(
                "applications.old-portal", "guard_deletes_application"),
            org.assertj.core.groups.Tuple.tuple(
                "trusted_token_issuers.legacy-idp", "guard_deletes_application"));
    assertThat(verdict.findings().get(1).message())
        .isEqualTo("the plan deletes trusted token issuer legacy-idp");
  }

  @Test
  void additionsSinceTheLastAppliedMatrixAndNoRecordAreNoFindings() {
    Declared smaller = declared(Set.of("A"), Set.of("a.yaml"));
    assertThat(check(plan(1, 0, 5), Optional.of(smaller)).needsAllowDeletes()).isFalse();
    assertThat(check(plan(1, 0, 5), Optional.empty()).needsAllowDeletes()).isFalse();
  }
}
