package dev.idcplane.apply;

/** Where one operation of a run stands. */
public enum OperationOutcome {
  /** Not started. */
  PENDING,
  /** Submitted (or being submitted); a request id is recorded once AWS answered. */
  IN_FLIGHT,
  SUCCEEDED,
  FAILED,
  /** Not attempted because something it depends on failed (e.g. its permission set). */
  SKIPPED;

  public boolean terminal() {
    return this == SUCCEEDED || this == FAILED || this == SKIPPED;
  }
}
