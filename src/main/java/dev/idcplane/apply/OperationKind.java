package dev.idcplane.apply;

/** What an operation of a run does; apply runs the kinds in this order. */
public enum OperationKind {
  CREATE_PERMISSION_SET,
  UPDATE_PERMISSION_SET,
  PROVISION_PERMISSION_SET,
  CREATE_ASSIGNMENT,
  DELETE_ASSIGNMENT,
  /** A change to a trusted token issuer or application: synchronous, after the assignments. */
  APPLICATION;

  public boolean asynchronous() {
    return this == PROVISION_PERMISSION_SET
        || this == CREATE_ASSIGNMENT
        || this == DELETE_ASSIGNMENT;
  }
}
