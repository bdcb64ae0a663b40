package dev.idcplane.matrix;

import java.util.Objects;

/**
 * One entry of a list in the matrix (an OU, an account) with where it was written, so that a
 * problem found later (e.g. an unknown account during resolution) points at the entry itself.
 *
 * @param value the entry as written, e.g. {@code Workloads/NonProd} or {@code 111122223333}
 * @param at file and line of the entry
 * @param field dotted path of the entry, e.g. {@code assignments[2].ous[0]}
 */
public record LocatedValue(String value, SourceLocation at, String field) {
  public LocatedValue {
    Objects.requireNonNull(value, "value");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(field, "field");
  }

  @Override
  public String toString() {
    return value;
  }
}
