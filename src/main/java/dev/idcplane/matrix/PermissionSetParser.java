package dev.idcplane.matrix;

import dev.idcplane.identitycenter.CustomerManagedPolicyRef;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PermissionsBoundary;
import dev.idcplane.matrix.NodeReader.Entry;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** Reads one entry under {@code permission_sets}. */
final class PermissionSetParser {
  static final String EXTERNAL = "external";
  static final Set<String> DEFINITION_KEYS = new LinkedHashSet<>(PermissionSetDefinition.YAML_KEYS);
  static final Set<String> KEYS = union(Set.of(EXTERNAL), DEFINITION_KEYS);
  static final Set<String> CMP_KEYS = new LinkedHashSet<>(List.of("name", "path"));
  static final Set<String> BOUNDARY_KEYS =
      new LinkedHashSet<>(List.of("customer_managed", "managed_policy_arn"));

  private final NodeReader r;

  PermissionSetParser(NodeReader r) {
    this.r = r;
  }

  /** The declaration, or empty when it has problems (all of them reported). */
  Optional<DeclaredPermissionSet> parse(String name, Node keyNode, Node value, String field) {
    int before = r.problemCount();
    SourceLocation at = r.at(keyNode);
    DefinitionChecks.permissionSetName(r, name, keyNode, field);
    Map<String, Entry> e =
        NodeReader.isNull(value) ? Map.of() : r.mapping(value, field, KEYS).orElse(null);
    if (e == null) {
      return Optional.empty();
    }
    boolean external =
        e.containsKey(EXTERNAL)
            && r.bool(e.get(EXTERNAL).value(), field + "." + EXTERNAL).orElse(false);
    if (external) {
      e.values().stream()
          .filter(x -> DEFINITION_KEYS.contains(x.key()))
          .forEach(
              x ->
                  r.report(
                      ViolationKind.EXTERNAL_WITH_DEFINITION,
                      x.keyNode(),
                      field + "." + x.key(),
                      name + " is external: its definition is not managed here",
                      "remove '" + x.key() + "' or remove 'external: true'"));
      return r.problemCount() == before
          ? Optional.of(DeclaredPermissionSet.external(name, at))
          : Optional.empty();
    }
    PermissionSetDefinition definition =
        new PermissionSetDefinition(
            checkedText(e, "description", field, DefinitionChecks::description),
            checkedText(e, "session_duration", field, DefinitionChecks::sessionDuration),
            managedPolicies(e, field),
            customerManagedPolicies(e, field),
            boundary(e, field),
            checkedText(e, "inline_policy", field, DefinitionChecks::inlinePolicy),
            tags(e, field),
            checkedText(e, "relay_state", field, DefinitionChecks::relayState));
    int attached =
        definition.managedPolicies().size() + definition.customerManagedPolicies().size();
    if (attached > DefinitionChecks.MAX_MANAGED_POLICIES) {
      Node where =
          e.containsKey("managed_policies")
              ? node(e, "managed_policies")
              : node(e, "customer_managed_policies");
      r.report(
          ViolationKind.TOO_MANY_MANAGED_POLICIES,
          where,
          field
              + (e.containsKey("managed_policies")
                  ? ".managed_policies"
                  : ".customer_managed_policies"),
          name
              + " attaches "
              + attached
              + " managed and customer-managed policies; the IAM role limit is "
              + DefinitionChecks.MAX_MANAGED_POLICIES,
          "merge policies or move statements into the inline policy");
    }
    return r.problemCount() == before
        ? Optional.of(DeclaredPermissionSet.managed(name, at, definition))
        : Optional.empty();
  }

  private static Node node(Map<String, Entry> e, String key) {
    return e.get(key).value();
  }

  /** One of DefinitionChecks' checks: reports what is wrong and answers whether it is fine. */
  @FunctionalInterface
  interface Check {
    boolean test(NodeReader r, String value, Node node, String field);
  }

  /** The key's text when present and it passes the check, else null. */
  private String checkedText(Map<String, Entry> e, String key, String field, Check check) {
    if (!e.containsKey(key)) {
      return null;
    }
    Node n = node(e, key);
    String f = field + "." + key;
    return r.scalar(n, f).filter(v -> check.test(r, v, n, f)).orElse(null);
  }

  private Set<String> managedPolicies(Map<String, Entry> e, String field) {
    String f = field + ".managed_policies";
    if (!e.containsKey("managed_policies")) {
      return Set.of();
    }
    Set<String> arns = new LinkedHashSet<>();
    List<Node> items = r.sequence(node(e, "managed_policies"), f).orElse(List.of());
    for (int i = 0; i < items.size(); i++) {
      Node item = items.get(i);
      String itemField = f + "[" + i + "]";
      r.requiredScalar(item, itemField)
          .filter(arn -> DefinitionChecks.managedPolicyArn(r, arn, item, itemField))
          .ifPresent(arns::add);
    }
    return arns;
  }

  private Set<CustomerManagedPolicyRef> customerManagedPolicies(
      Map<String, Entry> e, String field) {
    String f = field + ".customer_managed_policies";
    if (!e.containsKey("customer_managed_policies")) {
      return Set.of();
    }
    Set<CustomerManagedPolicyRef> refs = new LinkedHashSet<>();
    List<Node> items = r.sequence(node(e, "customer_managed_policies"), f).orElse(List.of());
    for (int i = 0; i < items.size(); i++) {
      cmpRef(items.get(i), f + "[" + i + "]").ifPresent(refs::add);
    }
    return refs;
  }

  private Optional<CustomerManagedPolicyRef> cmpRef(Node node, String field) {
    Map<String, Entry> e = r.mapping(node, field, CMP_KEYS).orElse(null);
    if (e == null) {
      return Optional.empty();
    }
    if (!e.containsKey("name")) {
      r.report(
          ViolationKind.MISSING_FIELD,
          node,
          field + ".name",
          "a customer-managed policy needs a name",
          "add name: <policy name>");
      return Optional.empty();
    }
    Optional<String> name =
        r.requiredScalar(node(e, "name"), field + ".name")
            .filter(n -> DefinitionChecks.cmpName(r, n, node(e, "name"), field + ".name"));
    Optional<String> path =
        e.containsKey("path")
            ? r.requiredScalar(node(e, "path"), field + ".path")
                .filter(p -> DefinitionChecks.cmpPath(r, p, node(e, "path"), field + ".path"))
            : Optional.of("/");
    return name.isPresent() && path.isPresent()
        ? Optional.of(new CustomerManagedPolicyRef(name.get(), path.get()))
        : Optional.empty();
  }

  private Optional<PermissionsBoundary> boundary(Map<String, Entry> e, String field) {
    String f = field + ".permissions_boundary";
    if (!e.containsKey("permissions_boundary")) {
      return Optional.empty();
    }
    Node node = node(e, "permissions_boundary");
    Map<String, Entry> b = r.mapping(node, f, BOUNDARY_KEYS).orElse(null);
    if (b == null) {
      return Optional.empty();
    }
    if (b.size() != 1) {
      r.report(
          ViolationKind.INVALID_PERMISSIONS_BOUNDARY,
          node,
          f,
          "a permissions boundary has "
              + (b.isEmpty() ? "neither" : "both")
              + " customer_managed and managed_policy_arn",
          "give exactly one of customer_managed: {name, path} or managed_policy_arn: arn:...");
      return Optional.empty();
    }
    if (b.containsKey("customer_managed")) {
      return cmpRef(node(b, "customer_managed"), f + ".customer_managed")
          .map(PermissionsBoundary::customerManaged);
    }
    String af = f + ".managed_policy_arn";
    return r.requiredScalar(node(b, "managed_policy_arn"), af)
        .filter(a -> DefinitionChecks.managedPolicyArn(r, a, node(b, "managed_policy_arn"), af))
        .map(PermissionsBoundary::managed);
  }

  private Map<String, String> tags(Map<String, Entry> e, String field) {
    String f = field + ".tags";
    if (!e.containsKey("tags") || NodeReader.isNull(node(e, "tags"))) {
      return Map.of();
    }
    Map<String, Entry> t = r.mapping(node(e, "tags"), f, null).orElse(Map.of());
    if (t.size() > DefinitionChecks.MAX_TAGS) {
      r.report(
          ViolationKind.TOO_MANY_TAGS,
          node(e, "tags"),
          f,
          t.size() + " tags; AWS allows " + DefinitionChecks.MAX_TAGS,
          "remove tags");
    }
    Map<String, String> tags = new LinkedHashMap<>();
    for (Entry tag : t.values()) {
      String tf = f + "." + tag.key();
      r.scalar(tag.value(), tf)
          .or(() -> NodeReader.isNull(tag.value()) ? Optional.of("") : Optional.empty())
          .filter(v -> DefinitionChecks.tag(r, tag.key(), v, tag.keyNode(), tf))
          .ifPresent(v -> tags.put(tag.key(), v));
    }
    return tags;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new LinkedHashSet<>(a);
    u.addAll(b);
    return u;
  }
}
