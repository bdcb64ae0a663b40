package dev.idcplane.api;

import dev.idcplane.error.ControlPlaneException;
import java.util.List;

/**
 * A query parameter the service cannot use, such as an instant outside the years the database
 * stores. The message names the parameter and what it accepts, so a client can fix the request.
 */
public class InvalidParameterException extends ControlPlaneException {
  private final List<Parameter> details;

  public InvalidParameterException(String message) {
    super(message);
    this.details = List.of();
  }

  /** Also names the parameter and the value refused in the body's {@code details}. */
  public InvalidParameterException(String parameter, String value, String message) {
    super(message);
    this.details = List.of(new Parameter(parameter, value));
  }

  /** The parameter (query parameter or header) a request got wrong, and the value it sent. */
  public record Parameter(String parameter, String value) {}

  @Override
  public List<?> details() {
    return details;
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
