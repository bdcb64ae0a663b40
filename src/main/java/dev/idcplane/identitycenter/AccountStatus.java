package dev.idcplane.identitycenter;

/** AWS Organizations account status. Only {@link #ACTIVE} accounts are targeted by the matrix. */
public enum AccountStatus {
  ACTIVE,
  SUSPENDED,
  PENDING_CLOSURE
}
