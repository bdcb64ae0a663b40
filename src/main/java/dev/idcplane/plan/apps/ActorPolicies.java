package dev.idcplane.plan.apps;

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
 * The actor policy of an application's IAM authentication method: who may call {@code
 * sso-oauth:CreateTokenWithIAM}. Policies are compared as JSON trees: key order, whitespace, a
 * single string versus a one-element list, and the order of principals, actions and resources never
 * produce a difference.
 */
public final class ActorPolicies {
  public static final String ACTION = "sso-oauth:CreateTokenWithIAM";
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

  private ActorPolicies() {}

  /**
   * The policy for {@code callers}: one Allow statement, {@code Principal.AWS} the callers sorted,
   * {@code Action} {@value #ACTION}, {@code Resource} {@code *}.
   */
  public static String forCallers(List<String> callers) {
    ObjectNode doc = JsonNodeFactory.instance.objectNode();
    doc.put("Version", "2012-10-17");
    ObjectNode statement = doc.putArray("Statement").addObject();
    statement.put("Effect", "Allow");
    ArrayNode aws = statement.putObject("Principal").putArray("AWS");
    callers.stream().sorted().distinct().forEach(aws::add);
    statement.put("Action", ACTION);
    statement.put("Resource", "*");
    return doc.toString();
  }

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
