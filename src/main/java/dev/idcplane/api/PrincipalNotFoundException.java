package dev.idcplane.api;

import dev.idcplane.error.ControlPlaneException;

/**
 * An access report for a principal that neither the live state nor the matrix knows: a 404 like an
 * unknown account, rather than an empty report that reads as "has no access".
 */
public class PrincipalNotFoundException extends ControlPlaneException {
  public PrincipalNotFoundException(String principal) {
    super(
        "no group or user with id or name "
            + principal
            + " in Identity Center's assignments or the matrix");
  }

  @Override
  public int httpStatus() {
    return 404;
  }

  @Override
  public String code() {
    return "principal_not_found";
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
