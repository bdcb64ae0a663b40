package dev.idcplane.plan;

import java.util.Objects;

/** One field of a permission set that differs: its matrix name and display forms before/after. */
public record FieldChange(String field, String before, String after) {
  public FieldChange {
    Objects.requireNonNull(field, "field");
  }
}
