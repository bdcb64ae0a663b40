package dev.idcplane.plan;

import dev.idcplane.matrix.SourceLocation;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A USER rule of the matrix: an exception with an owner and an expiry date. Expired ones are left
 * out of the desired state and reported.
 */
public record UserException(
    SourceLocation at, String userName, String permissionSetName, String owner, LocalDate expires) {
  public UserException {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(userName, "userName");
    Objects.requireNonNull(permissionSetName, "permissionSetName");
    Objects.requireNonNull(expires, "expires");
  }
}
