package dev.idcplane.matrix;

import java.util.ArrayList;
import java.util.List;

/** Collects violations while a matrix is read; validation goes on after each one. */
final class Problems {
  private final List<Violation> found = new ArrayList<>();

  void add(ViolationKind kind, SourceLocation at, String field, String message, String fix) {
    found.add(kind.at(at, field, message, fix));
  }

  int count() {
    return found.size();
  }

  List<Violation> all() {
    return List.copyOf(found);
  }
}
