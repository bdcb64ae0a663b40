package dev.idcplane.identitycenter.sandbox;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.identitycenter.apps.CallerMatch;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Evaluates an IAM authentication method's actor policy for one caller and action, as IAM evaluates
 * a resource policy (IAM user guide, "Policy evaluation logic"): an explicit Deny wins, else some
 * Allow must match. A principal matches by its ARN, by its account's root ARN or bare account id
 * (the whole account), or by {@code *}; an action by itself, its service's {@code prefix:*}, or
 * {@code *}. Conditions are not evaluated (the service writes none).
 */
final class ActorPolicies {
  private static final ObjectMapper JSON = new ObjectMapper();

  private ActorPolicies() {}

  static boolean allows(Optional<String> policy, String caller, String action) {
    if (policy.isEmpty()) {
      return false;
    }
    JsonNode doc = json(policy.get());
    boolean allowed = false;
    for (JsonNode statement : list(doc.path("Statement"))) {
      if (!principalMatches(statement.path("Principal"), caller)
          || !actionMatches(statement.path("Action"), action)) {
        continue;
      }
      String effect = statement.path("Effect").asText("");
      if ("Deny".equals(effect)) {
        return false;
      }
      allowed |= "Allow".equals(effect);
    }
    return allowed;
  }

  private static boolean principalMatches(JsonNode principal, String caller) {
    if (principal.isTextual()) {
      return "*".equals(principal.asText());
    }
    for (JsonNode p : list(principal.path("AWS"))) {
      if (CallerMatch.matches(p.asText(), caller)) {
        return true;
      }
    }
    return false;
  }

  private static boolean actionMatches(JsonNode actions, String action) {
    String service = action.substring(0, action.indexOf(':'));
    for (JsonNode a : list(actions)) {
      String v = a.asText();
      if (v.equals("*") || v.equalsIgnoreCase(action) || v.equalsIgnoreCase(service + ":*")) {
        return true;
      }
    }
    return false;
  }

  private static JsonNode json(String document) {
    try {
      return JSON.readTree(document);
    } catch (java.io.IOException e) {
      return JSON.nullNode();
    }
  }

  private static List<JsonNode> list(JsonNode node) {
    List<JsonNode> out = new ArrayList<>();
    if (node.isArray()) {
      node.forEach(out::add);
    } else if (!node.isMissingNode() && !node.isNull()) {
      out.add(node);
    }
    return out;
  }
}
