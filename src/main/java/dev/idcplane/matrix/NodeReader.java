package dev.idcplane.matrix;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;
import org.yaml.snakeyaml.nodes.Tag;

/**
 * Typed reads of one file's YAML nodes. Every read reports what is wrong into {@link Problems} and
 * answers empty instead of throwing, so a caller can go on and find the next problem.
 */
final class NodeReader {
  /** A key of a mapping with its key node (for the key's line) and its value node. */
  record Entry(String key, Node keyNode, Node value) {}

  private final String file;
  private final Problems problems;

  NodeReader(String file, Problems problems) {
    this.file = file;
    this.problems = problems;
  }

  SourceLocation at(Node node) {
    return new SourceLocation(file, node.getStartMark().getLine() + 1);
  }

  void report(ViolationKind kind, Node node, String field, String message, String fix) {
    problems.add(kind, at(node), field, message, fix);
  }

  void report(ViolationKind kind, LocatedValue item, String message, String fix) {
    problems.add(kind, item.at(), item.field(), message, fix);
  }

  int problemCount() {
    return problems.count();
  }

  static boolean isNull(Node node) {
    return node instanceof ScalarNode s && Tag.NULL.equals(s.getTag());
  }

  /**
   * The entries of a mapping in file order. Duplicate keys are reported and the first kept; unknown
   * keys (when {@code knownKeys} is not null) are reported and left out.
   */
  Optional<Map<String, Entry>> mapping(Node node, String field, Set<String> knownKeys) {
    if (!(node instanceof MappingNode m)) {
      wrongType(node, field, "a mapping (key: value)");
      return Optional.empty();
    }
    Map<String, Entry> entries = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      Node k = t.getKeyNode();
      if (!(k instanceof ScalarNode ks) || isNull(k)) {
        wrongType(k, field, "a plain key");
        continue;
      }
      String key = ks.getValue();
      String keyField = field.isEmpty() ? key : field + "." + key;
      if (entries.containsKey(key)) {
        report(
            ViolationKind.DUPLICATE_KEY,
            k,
            keyField,
            "'" + key + "' appears twice; first at line " + at(entries.get(key).keyNode()).line(),
            "keep one '" + key + "'");
        continue;
      }
      if (knownKeys != null && !knownKeys.contains(key)) {
        unknownKey(k, keyField, key, knownKeys);
        continue;
      }
      entries.put(key, new Entry(key, k, t.getValueNode()));
    }
    return Optional.of(entries);
  }

  private void unknownKey(Node k, String field, String key, Set<String> knownKeys) {
    String fix =
        Suggestions.closest(key, knownKeys)
            .map(s -> "did you mean '" + s + "'?")
            .orElse("known keys are " + String.join(", ", knownKeys));
    report(ViolationKind.UNKNOWN_KEY, k, field, "unknown key '" + key + "'", fix);
  }

  /** A scalar's text; empty for YAML null (absent value) or a non-scalar (reported). */
  Optional<String> scalar(Node node, String field) {
    if (isNull(node)) {
      return Optional.empty();
    }
    if (!(node instanceof ScalarNode s)) {
      wrongType(node, field, "a single value");
      return Optional.empty();
    }
    return Optional.of(s.getValue());
  }

  /** A scalar that must not be blank; YAML null and blank text are reported as blank. */
  Optional<String> requiredScalar(Node node, String field) {
    if (isNull(node) || node instanceof ScalarNode s && s.getValue().isBlank()) {
      report(ViolationKind.BLANK_VALUE, node, field, field + " is empty", "give it a value");
      return Optional.empty();
    }
    return scalar(node, field).map(String::strip);
  }

  /** A YAML boolean: true/yes/on or false/no/off. */
  Optional<Boolean> bool(Node node, String field) {
    Optional<String> text = scalar(node, field).map(v -> v.strip().toLowerCase());
    if (text.isEmpty()) {
      return Optional.empty();
    }
    return switch (text.get()) {
      case "true", "yes", "on" -> Optional.of(true);
      case "false", "no", "off" -> Optional.of(false);
      default -> {
        wrongType(node, field, "true or false");
        yield Optional.empty();
      }
    };
  }

  /** The items of a sequence; YAML null is the empty list. */
  Optional<List<Node>> sequence(Node node, String field) {
    if (isNull(node)) {
      return Optional.of(List.of());
    }
    if (!(node instanceof SequenceNode s)) {
      wrongType(node, field, "a list, e.g. [a, b]");
      return Optional.empty();
    }
    return Optional.of(s.getValue());
  }

  /** A list of non-blank scalars, each with its location; bad items are reported and dropped. */
  Optional<List<LocatedValue>> scalarList(Node node, String field) {
    Optional<List<Node>> items = sequence(node, field);
    if (items.isEmpty()) {
      return Optional.empty();
    }
    List<LocatedValue> values = new ArrayList<>();
    for (int i = 0; i < items.get().size(); i++) {
      Node item = items.get().get(i);
      String itemField = field + "[" + i + "]";
      requiredScalar(item, itemField)
          .ifPresent(v -> values.add(new LocatedValue(v, at(item), itemField)));
    }
    return Optional.of(values);
  }

  void wrongType(Node node, String field, String expected) {
    report(
        ViolationKind.WRONG_TYPE,
        node,
        field,
        (field.isEmpty() ? "the document" : field) + " is " + describe(node),
        "write " + expected);
  }

  static String describe(Node node) {
    if (node instanceof MappingNode) {
      return "a mapping";
    }
    if (node instanceof SequenceNode) {
      return "a list";
    }
    return isNull(node) ? "empty" : "a single value";
  }
}
