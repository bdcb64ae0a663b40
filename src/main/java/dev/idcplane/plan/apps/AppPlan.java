package dev.idcplane.plan.apps;

import dev.idcplane.matrix.Violation;
import java.util.List;

/**
 * The changes that converge the declared trusted token issuers and applications, in execution
 * order; what is reported and left alone; and the errors that forbid executing it.
 */
public record AppPlan(List<AppChange> changes, List<AppDrift> drift, List<Violation> errors) {
  public AppPlan {
    changes = List.copyOf(changes);
    drift = List.copyOf(drift);
    errors = List.copyOf(errors);
  }

  /** Whether the plan may be executed (no errors). */
  public boolean executable() {
    return errors.isEmpty();
  }
}
