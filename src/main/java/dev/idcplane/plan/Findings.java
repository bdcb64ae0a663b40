package dev.idcplane.plan;

import dev.idcplane.matrix.LocatedValue;
import dev.idcplane.matrix.SourceLocation;
import dev.idcplane.matrix.Violation;
import java.util.ArrayList;
import java.util.List;

/** Errors and warnings collected while resolving; resolution goes on after each one. */
final class Findings {
  private final List<Violation> errors = new ArrayList<>();
  private final List<Violation> warnings = new ArrayList<>();

  void error(ResolutionKind kind, SourceLocation at, String field, String message, String fix) {
    errors.add(kind.at(at, field, message, fix));
  }

  void error(ResolutionKind kind, LocatedValue item, String message, String fix) {
    error(kind, item.at(), item.field(), message, fix);
  }

  void warning(ResolutionKind kind, SourceLocation at, String field, String message, String fix) {
    warnings.add(kind.at(at, field, message, fix));
  }

  int errorCount() {
    return errors.size();
  }

  List<Violation> errors() {
    return errors.stream().sorted().toList();
  }

  List<Violation> warnings() {
    return warnings.stream().sorted().toList();
  }
}
