package dev.idcplane.api;

import dev.idcplane.error.ControlPlaneException;

/** The configured matrix declares no application of that name: 404. */
public class ApplicationNotDeclaredException extends ControlPlaneException {
  public ApplicationNotDeclaredException(String name) {
    super(
        "the configured matrix declares no application "
            + name
            + "; the doctor examines declared applications only");
  }

  @Override
  public int httpStatus() {
    return 404;
  }

  @Override
  public String code() {
    return "application_not_declared";
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
