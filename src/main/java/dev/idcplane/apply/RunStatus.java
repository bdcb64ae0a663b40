package dev.idcplane.apply;

/** How a run ended, or that it is still running. */
public enum RunStatus {
  RUNNING,
  /** Every operation succeeded (or there was nothing to do). */
  SUCCEEDED,
  /** Some operations succeeded and some failed or were skipped. */
  PARTIAL,
  /** No operation succeeded and at least one failed, or the run itself failed. */
  FAILED,
  /**
   * The run lost its instance's lease and stopped writing: final for this execution, and resumed
   * later (at the next start of the service, or by the next apply or resume to the same instance)
   * from its journal, polling the operations it had submitted.
   */
  INTERRUPTED;

  static RunStatus of(java.util.List<Operation> ops) {
    long ok = ops.stream().filter(o -> o.outcome() == OperationOutcome.SUCCEEDED).count();
    if (ok == ops.size()) {
      return SUCCEEDED;
    }
    return ok == 0 ? FAILED : PARTIAL;
  }
}
