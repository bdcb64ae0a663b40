package dev.idcplane.audit;

/** The mutating actions the audit trail records. */
public enum AuditAction {
  /** A plan was computed and stored (including the plan a reconcile makes). */
  PLAN_STORED,
  /** An apply run was started for a plan. */
  RUN_STARTED,
  /** An apply run ended, with its status. */
  RUN_FINISHED,
  /** A reconcile request was handled (plan mode or apply mode). */
  RECONCILE,
  /**
   * A deployer's accepted apply made the matrix in its body the configured matrix of the {@code
   * pushed} source.
   */
  MATRIX_PUSHED,
  /**
   * Resolved drift history older than {@code idc.drift.retention} was deleted (by the scheduler).
   */
  DRIFT_PURGED
}
