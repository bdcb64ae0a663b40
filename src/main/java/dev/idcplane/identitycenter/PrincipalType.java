package dev.idcplane.identitycenter;

/** The kind of identity-store principal an account assignment targets. */
public enum PrincipalType {
  GROUP,
  USER
}
