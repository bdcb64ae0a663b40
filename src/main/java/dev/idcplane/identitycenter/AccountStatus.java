package dev.idcplane.identitycenter;

/**
 * The state of an AWS Organizations account ({@code Account.State}; see "Monitor the state of your
 * AWS accounts" in the Organizations User Guide). Only {@link #ACTIVE} accounts are targeted by the
 * matrix: Identity Center cannot assign or provision in the others.
 */
public enum AccountStatus {
  /** Sign-up was started but never completed; the account is unusable. */
  PENDING_ACTIVATION,
  ACTIVE,
  /** AWS has restricted access to the account. */
  SUSPENDED,
  /** A close request is being processed. */
  PENDING_CLOSURE,
  /** Closed, within its 90-day reinstatement window. */
  CLOSED
}
