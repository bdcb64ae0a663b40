package dev.idcplane.matrix;

import dev.idcplane.error.ControlPlaneException;
import java.util.List;

/** The matrix has violations; nothing was planned or changed. Carries every violation. */
public class MatrixInvalidException extends ControlPlaneException {
  private final List<Violation> violations;

  public MatrixInvalidException(List<Violation> violations) {
    super(
        violations.size()
            + " problem"
            + (violations.size() == 1 ? "" : "s")
            + " in the matrix; nothing was planned or changed. First: "
            + violations.get(0));
    this.violations = List.copyOf(violations);
  }

  public List<Violation> violations() {
    return violations;
  }

  /** Every violation, flat: file, line, field, kind, message and fix. */
  @Override
  public List<Violation.Detail> details() {
    return violations.stream().map(Violation::detail).toList();
  }

  @Override
  public int httpStatus() {
    return 422;
  }

  @Override
  public String code() {
    return "matrix_invalid";
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
