package dev.idcplane.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.idcplane.matrix.AssignmentRule;
import dev.idcplane.matrix.DeclaredPermissionSet;
import dev.idcplane.matrix.LocatedValue;
import dev.idcplane.matrix.MatrixLoad;
import dev.idcplane.matrix.Violation;
import dev.idcplane.source.CurrentMatrix;
import dev.idcplane.source.MatrixOrigin;
import dev.idcplane.view.DefinitionView;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;

/**
 * The configured matrix as parsed, with every violation ({@code valid} when there are none), and
 * which source and version it is ({@code source}: kind, commit, digest, where it is read from, who
 * pushed it).
 */
public record MatrixView(
    String path,
    MatrixOrigin source,
    String digest,
    List<String> files,
    boolean valid,
    List<PermissionSetView> permissionSets,
    List<RuleView> rules,
    List<Violation.Detail> violations) {

  /** A declared permission set. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record PermissionSetView(
      String name, String declaredAt, boolean external, DefinitionView definition) {}

  /** One assignment rule. */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record RuleView(
      String at,
      String principalType,
      String principal,
      String permissionSet,
      List<String> ous,
      List<String> accounts,
      List<String> excludeAccounts,
      String owner,
      LocalDate expires) {}

  public static MatrixView of(CurrentMatrix current) {
    MatrixLoad load = current.load();
    var m = load.matrix();
    return new MatrixView(
        current.origin().path(),
        current.origin(),
        m.digest(),
        m.files(),
        load.violations().isEmpty(),
        m.permissionSets().values().stream().map(MatrixView::set).toList(),
        m.rules().stream().map(MatrixView::rule).toList(),
        load.violations().stream().map(Violation::detail).toList());
  }

  private static PermissionSetView set(DeclaredPermissionSet s) {
    return new PermissionSetView(
        s.name(),
        s.at().toString(),
        s.external(),
        s.definition().map(DefinitionView::of).orElse(null));
  }

  private static RuleView rule(AssignmentRule r) {
    return new RuleView(
        r.at().toString(),
        r.principalType().name().toLowerCase(Locale.ROOT),
        r.principalName(),
        r.permissionSet(),
        values(r.ous()),
        values(r.accounts()),
        values(r.excludeAccounts()),
        r.owner().orElse(null),
        r.expires().orElse(null));
  }

  private static List<String> values(List<LocatedValue> v) {
    return v.stream().map(LocatedValue::value).toList();
  }
}
