package dev.idcplane.ui;

import dev.idcplane.matrix.AssignmentRule;
import dev.idcplane.matrix.DeclaredPermissionSet;
import dev.idcplane.matrix.LocatedValue;
import dev.idcplane.matrix.Matrix;
import dev.idcplane.matrix.MatrixLoad;
import dev.idcplane.matrix.SourceLocation;
import dev.idcplane.matrix.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * The configured matrix as the matrix page shows it: its rules grouped by principal, permission set
 * or OU, each with file:line; each permission set's definition; the declared trusted token issuers
 * and applications; and every validation problem. Pure.
 */
public record MatrixView(
    String digest,
    List<String> files,
    String by,
    Map<String, List<Rule>> groups,
    List<SetRow> sets,
    List<Declared> issuers,
    List<Declared> applications,
    List<Violation.Detail> problems) {

  /** One rule. */
  public record Rule(
      String principal,
      String permissionSet,
      String ous,
      String accounts,
      String extra,
      String at) {}

  /** One permission set and its definition (external sets have none). */
  public record SetRow(String name, String at, boolean external, List<String> definition) {}

  /** A declared trusted token issuer or application. */
  public record Declared(String name, String what, boolean absent, String at) {}

  static MatrixView of(MatrixLoad load, String by) {
    Matrix m = load.matrix();
    String key = List.of("principal", "set", "ou").contains(by) ? by : "principal";
    Map<String, List<Rule>> groups = new TreeMap<>();
    for (AssignmentRule r : m.rules()) {
      Rule rule =
          new Rule(
              r.principalType().name().toLowerCase(java.util.Locale.ROOT) + " " + r.principalName(),
              r.permissionSet(),
              values(r.ous()),
              values(r.accounts()),
              extra(r),
              at(r.at()));
      List<String> keys =
          switch (key) {
            case "set" -> List.of(r.permissionSet());
            case "ou" ->
                r.ous().isEmpty()
                    ? List.of("(accounts by id or name)")
                    : r.ous().stream().map(LocatedValue::value).toList();
            default -> List.of(rule.principal());
          };
      keys.forEach(k -> groups.computeIfAbsent(k, x -> new ArrayList<>()).add(rule));
    }
    List<SetRow> sets = new ArrayList<>();
    for (DeclaredPermissionSet s : m.permissionSets().values()) {
      List<String> def = new ArrayList<>();
      s.definition()
          .ifPresent(
              d -> {
                def.add("description: " + d.description());
                def.add("session duration: " + d.sessionDuration());
                if (!d.managedPolicies().isEmpty()) {
                  def.add("managed policies: " + String.join(", ", d.managedPolicies()));
                }
                if (!d.customerManagedPolicies().isEmpty()) {
                  def.add("customer managed policies: " + d.customerManagedPolicies().size());
                }
                d.permissionsBoundary().ifPresent(b -> def.add("permissions boundary: set"));
                if (d.inlinePolicy() != null && !d.inlinePolicy().isBlank()) {
                  def.add("inline policy: " + d.inlinePolicy().length() + " characters");
                }
                if (!d.tags().isEmpty()) {
                  def.add("tags: " + new TreeMap<>(d.tags()));
                }
              });
      sets.add(new SetRow(s.name(), at(s.at()), s.definition().isEmpty(), def));
    }
    List<Declared> issuers =
        m.trustedTokenIssuers().values().stream()
            .map(i -> new Declared(i.name(), i.issuerUrl(), i.absent(), at(i.at())))
            .toList();
    List<Declared> apps =
        m.applications().values().stream()
            .map(a -> new Declared(a.name(), a.description().orElse(""), a.absent(), at(a.at())))
            .toList();
    return new MatrixView(
        m.digest(),
        m.files(),
        key,
        groups,
        sets,
        issuers,
        apps,
        load.violations().stream().map(Violation::detail).toList());
  }

  private static String values(List<LocatedValue> vs) {
    return vs.stream().map(LocatedValue::value).collect(Collectors.joining(", "));
  }

  private static String extra(AssignmentRule r) {
    List<String> parts = new ArrayList<>();
    if (!r.excludeAccounts().isEmpty()) {
      parts.add("except " + values(r.excludeAccounts()));
    }
    r.expires().ifPresent(d -> parts.add("expires " + d));
    r.owner().ifPresent(o -> parts.add("owner " + o));
    return String.join("; ", parts);
  }

  static String at(SourceLocation at) {
    return at == null ? "" : at.line() > 0 ? at.file() + ":" + at.line() : at.file();
  }
}
