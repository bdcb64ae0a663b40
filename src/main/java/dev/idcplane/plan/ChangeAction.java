package dev.idcplane.plan;

/** The action of a {@link Change}; switch on it exhaustively (Java 17 has no pattern switch). */
public enum ChangeAction {
  CREATE_PERMISSION_SET,
  UPDATE_PERMISSION_SET,
  PROVISION_PERMISSION_SET,
  CREATE_ASSIGNMENT,
  DELETE_ASSIGNMENT
}
