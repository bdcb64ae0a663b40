package dev.idcplane.plan.apps;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idcplane.plan.PolicyDocuments;
import java.util.List;

/**
 * The actor policy of an application's IAM authentication method: who may call {@code
 * sso-oauth:CreateTokenWithIAM}. Policies are compared as JSON trees: key order, whitespace, a
 * single string versus a one-element list, and the order of principals, actions and resources never
 * produce a difference.
 */
public final class ActorPolicies {
  public static final String ACTION = "sso-oauth:CreateTokenWithIAM";

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

  /** Whether two policies say the same ({@link PolicyDocuments}). */
  public static boolean equivalent(String a, String b) {
    return PolicyDocuments.equivalent(a, b);
  }
}
