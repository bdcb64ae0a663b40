package dev.idcplane.matrix;

import java.util.List;
import java.util.Objects;

/**
 * What loading a matrix produced: the matrix (partial when there are violations) and every
 * violation found, sorted by file and line.
 */
public record MatrixLoad(Matrix matrix, List<Violation> violations) {
  public MatrixLoad {
    Objects.requireNonNull(matrix, "matrix");
    violations = violations.stream().sorted().toList();
  }

  public boolean valid() {
    return violations.isEmpty();
  }
}
