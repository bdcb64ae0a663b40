package dev.idcplane.run;

import dev.idcplane.error.ControlPlaneException;
import java.util.UUID;

/** No stored plan has the id a caller asked to apply: 404 {@code not_found}, as for any route. */
public class PlanNotFoundException extends ControlPlaneException {
  public PlanNotFoundException(UUID planId) {
    super("no plan " + planId);
  }

  @Override
  public int httpStatus() {
    return 404;
  }

  @Override
  public String code() {
    return "not_found";
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
