package dev.idcplane.matrix;

import java.util.Objects;

/**
 * Where something stands in the matrix: a file (relative to the matrix folder) and a 1-based line.
 */
public record SourceLocation(String file, int line) implements Comparable<SourceLocation> {
  public SourceLocation {
    Objects.requireNonNull(file, "file");
  }

  @Override
  public int compareTo(SourceLocation o) {
    int c = file.compareTo(o.file);
    return c != 0 ? c : Integer.compare(line, o.line);
  }

  @Override
  public String toString() {
    return line > 0 ? file + ":" + line : file;
  }
}
