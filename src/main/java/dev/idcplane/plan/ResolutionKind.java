package dev.idcplane.plan;

import dev.idcplane.matrix.SourceLocation;
import dev.idcplane.matrix.Violation;
import java.util.Locale;

/**
 * Every kind of problem resolving a matrix against the organization and identity store can report.
 * {@link #id()} is the stable {@link Violation#kind()} string; never rename one.
 */
public enum ResolutionKind {
  /** Error: an OU path or id that the organization does not have. */
  UNKNOWN_OU,
  /** Error: an account id or name that the organization does not have. */
  UNKNOWN_ACCOUNT,
  /** Error: an account name shared by several accounts. */
  AMBIGUOUS_ACCOUNT_NAME,
  /** Error: a group the identity store does not have. */
  UNKNOWN_GROUP,
  /** Error: a user the identity store does not have. */
  UNKNOWN_USER,
  /** Error: a protected permission set (policy) declared with a definition. */
  PROTECTED_PERMISSION_SET,
  /** Error: a rule names a permission set the matrix does not declare. */
  UNDECLARED_PERMISSION_SET,
  /** Warning: an account named under {@code accounts} is not ACTIVE and is not targeted. */
  INACTIVE_ACCOUNT,
  /** Warning: a rule reaches no active account. */
  NO_TARGET_ACCOUNTS;

  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  Violation at(SourceLocation location, String field, String message, String fix) {
    return new Violation(location, field, id(), message, fix);
  }
}
