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
  EXPIRING_USER_RULE,
  /**
   * A declared trusted token issuer differs from the matrix: missing, a claim mapping or its URL
   * changed (outside the matrix or in it). The plan's change fixes it.
   */
  TRUSTED_TOKEN_ISSUER,
  /**
   * A declared customer-managed application differs from the matrix: missing, or its settings,
   * grants, actor policy, scopes, assignment setting or assignments changed. The plan's change
   * fixes it.
   */
  APPLICATION,
  /** A live trusted token issuer the matrix does not declare: reported, never changed. */
  UNMANAGED_TRUSTED_TOKEN_ISSUER,
  /**
   * A live application the matrix does not declare, or one of another provider (AWS-managed):
   * reported, never changed.
   */
  UNMANAGED_APPLICATION,
  /**
   * A live resource Terraform owns (its state holds it, see {@code idc.terraform.state}) that the
   * matrix disagrees with: left to Terraform, never changed.
   */
  TERRAFORM_MANAGED,
  /**
   * A resource Terraform owns whose live state differs from Terraform's state (e.g. an assignment
   * the state holds that is not live): Terraform's to fix, never changed here.
   */
  TERRAFORM_DRIFT
}
