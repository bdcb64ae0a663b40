package dev.idcplane.identitycenter.sandbox;

/** The three asynchronous sso-admin operations, by the API operation that submits them. */
enum OperationKind {
  CREATE_ASSIGNMENT("CreateAccountAssignment", "AccountAssignmentCreationRequest"),
  DELETE_ASSIGNMENT("DeleteAccountAssignment", "AccountAssignmentDeletionRequest"),
  PROVISION("ProvisionPermissionSet", "PermissionSetProvisioningRequest");

  final String operation;
  final String requestNoun;

  OperationKind(String operation, String requestNoun) {
    this.operation = operation;
    this.requestNoun = requestNoun;
  }
}
