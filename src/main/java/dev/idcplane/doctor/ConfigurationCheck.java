package dev.idcplane.doctor;

import dev.idcplane.plan.apps.AppChange;
import dev.idcplane.plan.apps.AppPlan;
import java.util.List;

/**
 * The doctor's {@code configuration} check: does the live configuration equal the declaration, i.e.
 * would a plan of the matrix ({@code plan}) change nothing under the given change-key prefixes.
 * Errors of the plan about the declaration fail it first.
 */
final class ConfigurationCheck {
  static final String ID = "configuration";
  static final String TITLE = "The live configuration equals the declaration";

  private ConfigurationCheck() {}

  static DoctorCheck of(AppPlan plan, List<String> prefixes, List<String> errors) {
    if (!errors.isEmpty()) {
      return DoctorCheck.fail(
          ID, TITLE, String.join("; ", errors), "fix the declaration (see the plan's errors)");
    }
    List<String> differences =
        plan.changes().stream()
            .filter(c -> prefixes.stream().anyMatch(c.key()::startsWith))
            .map(AppChange::reason)
            .toList();
    return differences.isEmpty()
        ? DoctorCheck.pass(ID, TITLE, "no difference")
        : DoctorCheck.fail(
            ID,
            TITLE,
            differences.size() + " difference(s): " + String.join("; ", differences),
            "plan and apply the matrix: the plan reverts these differences");
  }
}
