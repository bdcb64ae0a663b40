package dev.idcplane.matrix;

import dev.idcplane.matrix.MatrixFileParser.Declaration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The checks that span files: a permission set is declared once, every rule names a declared set,
 * no rule repeats another. Assembles the (possibly partial) declarations and rules.
 */
final class MatrixChecks {
  private final Problems problems;

  MatrixChecks(Problems problems) {
    this.problems = problems;
  }

  /** Declarations by name, first one kept; later ones reported. Invalid ones stay as names. */
  Map<String, Declaration> declarations(List<Declaration> all) {
    Map<String, Declaration> byName = new LinkedHashMap<>();
    for (Declaration d : all) {
      Declaration first = byName.putIfAbsent(d.name(), d);
      if (first != null) {
        problems.add(
            ViolationKind.DUPLICATE_PERMISSION_SET,
            d.at(),
            "permission_sets." + d.name(),
            "permission set " + d.name() + " is already declared at " + first.at(),
            "declare each permission set once, in one file");
      }
    }
    return byName;
  }

  /**
   * The valid rules that name a declared set and repeat no earlier rule; the others are reported.
   */
  List<AssignmentRule> rules(List<RuleParser.Parsed> parsed, Map<String, Declaration> declared) {
    List<AssignmentRule> kept = new ArrayList<>();
    for (RuleParser.Parsed p : parsed) {
      boolean known = p.permissionSet().map(ps -> checkDeclared(ps, declared)).orElse(true);
      Optional<AssignmentRule> rule = p.rule();
      if (rule.isEmpty() || !known) {
        continue;
      }
      Optional<AssignmentRule> earlier =
          kept.stream().filter(k -> k.sameWantAs(rule.get())).findFirst();
      if (earlier.isPresent()) {
        problems.add(
            ViolationKind.DUPLICATE_RULE,
            rule.get().at(),
            rule.get().field(),
            "this rule repeats the rule at " + earlier.get().at(),
            "delete one of the two");
        continue;
      }
      kept.add(rule.get());
    }
    return kept;
  }

  private boolean checkDeclared(LocatedValue ps, Map<String, Declaration> declared) {
    if (declared.containsKey(ps.value())) {
      return true;
    }
    String fix =
        Suggestions.closest(ps.value(), declared.keySet())
            .map(s -> "did you mean '" + s + "'? Otherwise declare it under permission_sets")
            .orElse(
                "declare it under permission_sets (use {external: true} for a set that exists"
                    + " already)");
    problems.add(
        ViolationKind.UNDECLARED_PERMISSION_SET,
        ps.at(),
        ps.field(),
        "permission set '" + ps.value() + "' is not declared in any matrix file",
        fix);
    return false;
  }
}
