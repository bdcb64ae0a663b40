package dev.idcplane.identitycenter;

import java.util.Objects;

/**
 * One live account assignment: a principal holds a permission set in an account. This is the
 * natural key of an assignment; two assignments are equal when all four parts are.
 */
public record AccountAssignment(
    String accountId, String permissionSetArn, PrincipalType principalType, String principalId) {
  public AccountAssignment {
    Objects.requireNonNull(accountId, "accountId");
    Objects.requireNonNull(permissionSetArn, "permissionSetArn");
    Objects.requireNonNull(principalType, "principalType");
    Objects.requireNonNull(principalId, "principalId");
  }
}
