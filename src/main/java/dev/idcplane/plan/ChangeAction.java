package dev.idcplane.plan;

/** The action of a {@link Change}; switch on it exhaustively (Java 17 has no pattern switch). */
public enum ChangeAction {
  CREATE_PERMISSION_SET,
  UPDATE_PERMISSION_SET,
  PROVISION_PERMISSION_SET,
  CREATE_ASSIGNMENT,
  DELETE_ASSIGNMENT,
  /** A change to a trusted token issuer or customer-managed application ({@code plan.apps}). */
  APPLICATION
}
