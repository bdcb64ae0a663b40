package dev.idcplane.plan;

/** What kind of difference between the matrix and the live instance a finding reports. */
public enum DriftKind {
  /** In the matrix, not live. */
  MISSING,
  /** Live in a managed permission set, not in the matrix. */
  UNEXPECTED,
  /** Live in a permission set the matrix does not declare. */
  UNMANAGED,
  /** Live in a protected (e.g. Control Tower) permission set and not wanted by the matrix. */
  PROTECTED,
  /** A managed permission set's live definition differs from the matrix. */
  DEFINITION,
  /** Accounts hold an outdated copy of a permission set (LATEST_PERMISSION_SET_NOT_PROVISIONED). */
  OUT_OF_SYNC,
  /**
   * Live in an account that is not ACTIVE (suspended, closed, pending activation or closure), where
   * Identity Center can neither create nor delete assignments: reported, never changed.
   */
  INACTIVE_ACCOUNT,
  /** A USER exception whose expiry date has passed. */
  EXPIRED_USER_RULE,
  /** A USER exception still active whose expiry date is within the warning window. */
  EXPIRING_USER_RULE
}
