package dev.idcplane.matrix;

import dev.idcplane.matrix.NodeReader.Entry;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one matrix file (one or more YAML documents) into declarations and rules, reporting every
 * problem. Parsing uses snakeyaml's node API so every value keeps its line.
 */
final class MatrixFileParser {
  static final Set<String> TOP_KEYS =
      new LinkedHashSet<>(
          List.of("permission_sets", "assignments", "trusted_token_issuers", "applications"));

  /**
   * A permission set declared in a file; {@code parsed} is empty when the declaration has problems.
   */
  record Declaration(String name, SourceLocation at, Optional<DeclaredPermissionSet> parsed) {}

  /** What one file holds. */
  record Contents(
      List<Declaration> declarations,
      List<RuleParser.Parsed> rules,
      List<TrustedTokenIssuerParser.Declaration> issuers,
      List<ApplicationParser.Declaration> applications) {
    boolean isEmpty() {
      return declarations.isEmpty()
          && rules.isEmpty()
          && issuers.isEmpty()
          && applications.isEmpty();
    }
  }

  private final String file;
  private final NodeReader r;
  private final Problems problems;

  MatrixFileParser(String file, Problems problems) {
    this.file = file;
    this.problems = problems;
    this.r = new NodeReader(file, problems);
  }

  Contents parse(String content) {
    List<Declaration> declarations = new ArrayList<>();
    List<RuleParser.Parsed> rules = new ArrayList<>();
    List<TrustedTokenIssuerParser.Declaration> issuers = new ArrayList<>();
    List<ApplicationParser.Declaration> applications = new ArrayList<>();
    try {
      // compose keeps duplicate keys in node form; NodeReader.mapping reports them with lines
      for (Node doc : new Yaml().composeAll(new StringReader(content))) {
        document(doc, declarations, rules, issuers, applications);
      }
    } catch (MarkedYAMLException e) {
      Mark mark = e.getProblemMark() != null ? e.getProblemMark() : e.getContextMark();
      int line = mark == null ? 0 : mark.getLine() + 1;
      problems.add(
          ViolationKind.YAML_SYNTAX,
          new SourceLocation(file, line),
          "",
          "YAML syntax error: "
              + e.getProblem()
              + (e.getContext() == null ? "" : " " + e.getContext()),
          "fix the YAML at this line (indentation, quotes, a missing ':' or '-')");
    } catch (YAMLException e) {
      problems.add(
          ViolationKind.YAML_SYNTAX,
          new SourceLocation(file, 0),
          "",
          "YAML error: " + e.getMessage(),
          "fix the YAML");
    }
    return new Contents(declarations, rules, issuers, applications);
  }

  private void document(
      Node doc,
      List<Declaration> declarations,
      List<RuleParser.Parsed> rules,
      List<TrustedTokenIssuerParser.Declaration> issuers,
      List<ApplicationParser.Declaration> applications) {
    if (NodeReader.isNull(doc)) {
      return;
    }
    if (!(doc instanceof org.yaml.snakeyaml.nodes.MappingNode)) {
      r.report(
          ViolationKind.NOT_A_MAPPING,
          doc,
          "",
          "the document is " + NodeReader.describe(doc) + ", not a mapping",
          "start the file with permission_sets: and/or assignments:");
      return;
    }
    Map<String, Entry> top = r.mapping(doc, "", TOP_KEYS).orElseThrow();
    if (top.containsKey("permission_sets")
        && !NodeReader.isNull(top.get("permission_sets").value())) {
      PermissionSetParser sets = new PermissionSetParser(r);
      r.mapping(top.get("permission_sets").value(), "permission_sets", null)
          .orElse(Map.of())
          .values()
          .forEach(
              e ->
                  declarations.add(
                      new Declaration(
                          e.key(),
                          r.at(e.keyNode()),
                          sets.parse(
                              e.key(), e.keyNode(), e.value(), "permission_sets." + e.key()))));
    }
    if (top.containsKey("assignments")) {
      RuleParser parser = new RuleParser(r);
      List<Node> items =
          r.sequence(top.get("assignments").value(), "assignments").orElse(List.of());
      for (int i = 0; i < items.size(); i++) {
        rules.add(parser.parse(items.get(i), "assignments[" + i + "]"));
      }
    }
    TrustedTokenIssuerParser issuerParser = new TrustedTokenIssuerParser(r);
    entries(top, "trusted_token_issuers")
        .forEach(
            e ->
                issuers.add(
                    issuerParser.parse(
                        e.key(), e.keyNode(), e.value(), "trusted_token_issuers." + e.key())));
    ApplicationParser applicationParser = new ApplicationParser(r);
    entries(top, "applications")
        .forEach(
            e ->
                applications.add(
                    applicationParser.parse(
                        e.key(), e.keyNode(), e.value(), "applications." + e.key())));
  }

  /** The entries of a top-level section that is a mapping (what is wrong is reported). */
  private java.util.Collection<Entry> entries(Map<String, Entry> top, String section) {
    if (!top.containsKey(section) || NodeReader.isNull(top.get(section).value())) {
      return List.of();
    }
    return r.mapping(top.get(section).value(), section, null).orElse(Map.of()).values();
  }
}
