package dev.idcplane.security;

import dev.idcplane.error.ControlPlaneException;

/**
 * An apply asked for by a caller who may only plan: {@code ci} plans any matrix (pull-request
 * previews), only {@code deployer} (or {@code admin}) applies. Raised before anything is planned,
 * applied or audited.
 */
public class DeployerRequiredException extends ControlPlaneException {
  public DeployerRequiredException(String what) {
    super(
        what
            + " needs the "
            + Roles.DEPLOYER
            + " role; this token may only plan (mode=plan). "
            + "Apply from a job whose token has "
            + Roles.DEPLOYER
            + " (e.g. a push to main), or apply the stored plan as a deployer.");
  }

  @Override
  public int httpStatus() {
    return 403;
  }

  @Override
  public String code() {
    return "deployer_required";
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
