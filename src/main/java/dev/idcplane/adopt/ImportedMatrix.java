package dev.idcplane.adopt;

import java.util.List;
import java.util.Objects;

/**
 * The matrix files an import wrote ({@code name} as in the matrix folder, {@code content} YAML),
 * and what a person must do before it can be applied ({@code todo}: USER exceptions without an
 * owner or expiry).
 */
public record ImportedMatrix(List<File> files, List<String> todo) {
  public ImportedMatrix {
    files = List.copyOf(files);
    todo = List.copyOf(todo);
  }

  /** One matrix file. */
  public record File(String name, String content) {
    public File {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(content, "content");
    }
  }
}
