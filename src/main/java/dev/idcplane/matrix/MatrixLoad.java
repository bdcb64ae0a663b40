package dev.idcplane.matrix;

import java.util.List;
import java.util.Objects;

/**
 * What loading a matrix produced: the matrix (partial when there are violations), every violation
 * found, sorted by file and line, and the files that hold nothing (no permission_sets, no
 * assignments, no problem: blank, only comments or empty documents), in name order.
 */
public record MatrixLoad(Matrix matrix, List<Violation> violations, List<String> emptyFiles) {
  public MatrixLoad {
    Objects.requireNonNull(matrix, "matrix");
    violations = violations.stream().sorted().toList();
    emptyFiles = emptyFiles.stream().sorted().toList();
  }

  public MatrixLoad(Matrix matrix, List<Violation> violations) {
    this(matrix, violations, List.of());
  }

  /** Whether the matrix files, all of them, hold nothing (and at least one file was read). */
  public boolean allEmpty() {
    return !matrix.files().isEmpty() && emptyFiles.size() == matrix.files().size();
  }

  /** One warning per empty file, naming it. */
  public List<Violation> emptyFileWarnings() {
    return emptyFiles.stream()
        .map(
            f ->
                new Violation(
                    new SourceLocation(f, 0),
                    "",
                    "empty_file",
                    "empty: no permission_sets or assignments",
                    "add permission_sets and/or assignments, or delete the file"))
        .toList();
  }

  public boolean valid() {
    return violations.isEmpty();
  }
}
