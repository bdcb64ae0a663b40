package dev.idcplane.api.dto;

import dev.idcplane.matrix.Violation;

/** One matrix violation: where, which field, what is wrong and what to do. */
public record ViolationView(
    String file, int line, String field, String kind, String message, String fix) {
  public static ViolationView of(Violation v) {
    return new ViolationView(
        v.location().file(), v.location().line(), v.field(), v.kind(), v.message(), v.fix());
  }
}
