package dev.idcplane.matrix;

import dev.idcplane.error.ControlPlaneException;

/**
 * A request that should carry a matrix carries none (an empty body, no files, only empty files):
 * answered 400, never taken as a request to plan the configured matrix.
 */
public class EmptyMatrixException extends ControlPlaneException {
  /** What to send instead; every message ends with it. */
  public static final String WHAT_TO_SEND =
      "send {\"files\": {\"name.yaml\": \"<YAML with permission_sets and/or assignments>\"}} as"
          + " application/json, or one such YAML document as application/yaml; to plan the"
          + " configured matrix, send no body (?commit= records the commit)";

  public EmptyMatrixException(String what) {
    super(what + ": there is no matrix to plan. " + WHAT_TO_SEND);
  }

  @Override
  public int httpStatus() {
    return 400;
  }

  @Override
  public String code() {
    return "empty_matrix";
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
