package dev.idcplane.matrix;

import java.util.Objects;

/**
 * One problem found in the matrix: where it is, which field, what is wrong and what to do about it.
 * Validation collects every violation rather than stopping at the first.
 *
 * @param location file and line
 * @param field dotted path of the offending field, e.g. {@code assignments[2].ous[0]}
 * @param kind stable machine-readable kind, e.g. {@code unknown_key}
 * @param message what is wrong
 * @param fix what to do
 */
public record Violation(
    SourceLocation location, String field, String kind, String message, String fix)
    implements Comparable<Violation> {
  public Violation {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
    field = field == null ? "" : field;
    fix = fix == null ? "" : fix;
  }

  @Override
  public int compareTo(Violation o) {
    int c = location.compareTo(o.location);
    return c != 0 ? c : field.compareTo(o.field);
  }

  /**
   * The violation flat, as error bodies and plans show it: where, which field, what, what to do.
   */
  public record Detail(
      String file, int line, String field, String kind, String message, String fix) {}

  public Detail detail() {
    return new Detail(location.file(), location.line(), field, kind, message, fix);
  }

  @Override
  public String toString() {
    String where = (location + (field.isEmpty() ? "" : " " + field)).strip();
    return (where.isEmpty() ? "" : where + ": ")
        + message
        + (fix.isEmpty() ? "" : " (" + fix + ")");
  }
}
