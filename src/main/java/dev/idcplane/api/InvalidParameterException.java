package dev.idcplane.api;

import dev.idcplane.error.ControlPlaneException;

/**
 * A query parameter the service cannot use, such as an instant outside the years the database
 * stores. The message names the parameter and what it accepts, so a client can fix the request.
 */
public class InvalidParameterException extends ControlPlaneException {
  public InvalidParameterException(String message) {
    super(message);
  }

  @Override
  public int httpStatus() {
    return 400;
  }

  @Override
  public String code() {
    return "invalid_parameter";
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
