package dev.idcplane.identitycenter.sandbox;

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

/**
 * A YAML node of a seed file with its position, read without type coercion (so {@code 012345678901}
 * stays an account id) and with errors that name file:line.
 */
record SeedNode(String file, Node node, String field) {

  int line() {
    return node.getStartMark().getLine() + 1;
  }

  SandboxSeedException error(String message) {
    return new SandboxSeedException(file, line(), (field.isEmpty() ? "" : field + ": ") + message);
  }

  boolean isScalar() {
    return node instanceof ScalarNode;
  }

  String text() {
    if (!(node instanceof ScalarNode s)) {
      throw error("expected a single value, found a " + kind());
    }
    return s.getValue();
  }

  List<SeedNode> list() {
    if (!(node instanceof SequenceNode seq)) {
      throw error("expected a list (- item lines or [a, b]), found a " + kind());
    }
    List<SeedNode> out = new ArrayList<>();
    for (int i = 0; i < seq.getValue().size(); i++) {
      out.add(new SeedNode(file, seq.getValue().get(i), field + "[" + i + "]"));
    }
    return out;
  }

  /** The node as a mapping whose keys must all be in {@code allowed}. */
  Fields fields(Set<String> allowed) {
    if (!(node instanceof MappingNode map)) {
      throw error("expected a mapping (key: value lines), found a " + kind());
    }
    Map<String, SeedNode> out = new LinkedHashMap<>();
    for (NodeTuple t : map.getValue()) {
      SeedNode key = new SeedNode(file, t.getKeyNode(), field);
      String k = key.text();
      if (!allowed.contains(k)) {
        throw key.error(
            "unknown key '" + k + "'; allowed here: " + new java.util.TreeSet<>(allowed));
      }
      if (out.containsKey(k)) {
        throw key.error("key '" + k + "' appears twice");
      }
      out.put(k, new SeedNode(file, t.getValueNode(), field.isEmpty() ? k : field + "." + k));
    }
    return new Fields(this, out);
  }

  private String kind() {
    return node instanceof MappingNode
        ? "mapping"
        : node instanceof SequenceNode ? "list" : "value";
  }

  /** The keys of one mapping. */
  record Fields(SeedNode owner, Map<String, SeedNode> values) {
    Optional<SeedNode> opt(String key) {
      return Optional.ofNullable(values.get(key));
    }

    SeedNode req(String key) {
      SeedNode n = values.get(key);
      if (n == null) {
        throw owner.error("missing required key '" + key + "'");
      }
      return n;
    }

    String text(String key) {
      return req(key).text();
    }

    String optText(String key) {
      return opt(key).map(SeedNode::text).orElse(null);
    }

    List<SeedNode> list(String key) {
      return opt(key).map(SeedNode::list).orElse(List.of());
    }

    List<String> texts(String key) {
      return list(key).stream().map(SeedNode::text).toList();
    }

    boolean has(String key) {
      return values.containsKey(key);
    }
  }
}
