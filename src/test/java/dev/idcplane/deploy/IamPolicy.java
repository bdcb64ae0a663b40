package dev.idcplane.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/** One IAM JSON policy document under {@code deploy/iam/}, read as its statements' actions. */
record IamPolicy(Path file, String version, List<Statement> statements) {
  static final Path DIR = Path.of("deploy/iam");

  record Statement(String sid, String effect, List<String> actions, JsonNode resource) {}

  static IamPolicy read(String name) {
    Path file = DIR.resolve(name + ".json");
    try {
      JsonNode root = new ObjectMapper().readTree(file.toFile());
      List<Statement> statements = new ArrayList<>();
      for (JsonNode s : root.path("Statement")) {
        statements.add(
            new Statement(
                s.path("Sid").asText(null),
                s.path("Effect").asText(null),
                strings(s.get("Action")),
                s.get("Resource")));
      }
      return new IamPolicy(file, root.path("Version").asText(null), statements);
    } catch (IOException e) {
      throw new UncheckedIOException(file + " is not valid JSON", e);
    }
  }

  /** Every action any statement allows. */
  Set<String> actions() {
    Set<String> all = new TreeSet<>();
    statements.forEach(s -> all.addAll(s.actions()));
    return all;
  }

  private static List<String> strings(JsonNode node) {
    if (node == null) {
      return List.of();
    }
    if (node.isTextual()) {
      return List.of(node.asText());
    }
    List<String> values = new ArrayList<>();
    node.forEach(n -> values.add(n.asText()));
    return values;
  }
}
