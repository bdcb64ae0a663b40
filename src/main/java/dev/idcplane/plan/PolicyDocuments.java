package dev.idcplane.plan;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Compares IAM policy documents as JSON, not text: whitespace, key order, a single value versus a
 * one-element list, and the order of actions, resources and principals do not count, as IAM
 * evaluates them the same way. (Identity policies have no Principal; resource policies such as an
 * application's actor policy do.)
 */
public final class PolicyDocuments {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Set<String> SET_VALUED =
      Set.of(
          "Action",
          "NotAction",
          "Resource",
          "NotResource",
          "Statement",
          "AWS",
          "Service",
          "Federated",
          "CanonicalUser");

  private PolicyDocuments() {}

  /** Whether two policies say the same; texts that are not JSON compare stripped. */
  public static boolean equivalent(String a, String b) {
    if (a == null || b == null) {
      return a == null && b == null;
    }
    Optional<JsonNode> na = canonical(a);
    Optional<JsonNode> nb = canonical(b);
    if (na.isEmpty() || nb.isEmpty()) {
      return a.strip().equals(b.strip());
    }
    return na.get().equals(nb.get());
  }

  /** A canonical compact rendering for display and fingerprints, or the text when not JSON. */
  static String canonicalText(String policy) {
    if (policy == null) {
      return null;
    }
    return canonical(policy).map(JsonNode::toString).orElse(policy.strip());
  }

  private static Optional<JsonNode> canonical(String text) {
    try {
      return Optional.of(normalize(null, JSON.readTree(text)));
    } catch (JsonProcessingException e) {
      return Optional.empty();
    }
  }

  private static JsonNode normalize(String field, JsonNode node) {
    if (field != null && SET_VALUED.contains(field)) {
      List<JsonNode> items = new ArrayList<>();
      if (node.isArray()) {
        node.forEach(n -> items.add(normalize(null, n)));
      } else {
        items.add(normalize(null, node));
      }
      items.sort((x, y) -> x.toString().compareTo(y.toString()));
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      items.stream().distinct().forEach(out::add);
      return out;
    }
    if (node.isObject()) {
      Map<String, JsonNode> sorted = new TreeMap<>();
      Iterator<Map.Entry<String, JsonNode>> it = node.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        sorted.put(e.getKey(), normalize(e.getKey(), e.getValue()));
      }
      ObjectNode out = JsonNodeFactory.instance.objectNode();
      sorted.forEach(out::set);
      return out;
    }
    if (node.isArray()) {
      ArrayNode out = JsonNodeFactory.instance.arrayNode();
      node.forEach(n -> out.add(normalize(null, n)));
      return out;
    }
    return node;
  }
}
