package dev.idcplane.access;

/** Whether the matrix intends a live assignment, and if not, what the planner makes of it. */
public enum AccessStatus {
  /** A matrix rule wants it. */
  WANTED,
  /**
   * Not in the matrix, in a set the matrix manages: a plan deletes it (or keeps it, see detail).
   */
  UNEXPECTED,
  /** In a permission set the matrix does not declare: reported, never deleted. */
  UNMANAGED,
  /** In a protected permission set (e.g. Control Tower's): never changed. */
  PROTECTED,
  /** Owned by Terraform (its state holds it): left to Terraform, never changed. */
  TERRAFORM_MANAGED
}
