package dev.idcplane.identitycenter.sandbox;

import dev.idcplane.identitycenter.CustomerManagedPolicyRef;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PermissionsBoundary;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/** One {@code permission_sets:} entry of a seed, read and checked. */
record PermissionSetSeed(
    String name,
    String arn,
    PermissionSetDefinition definition,
    List<SeedNode> provisionedTo,
    List<SeedNode> outOfSync) {

  private static final Set<String> KEYS = keys();

  /** The definition's keys, and the name, the ARN and where the set is provisioned. */
  private static Set<String> keys() {
    Set<String> keys = new HashSet<>(PermissionSetDefinition.YAML_KEYS);
    keys.addAll(List.of("name", "arn", "provisioned_to", "out_of_sync"));
    return Set.copyOf(keys);
  }

  static PermissionSetSeed read(SeedNode node) {
    SeedNode.Fields f = node.fields(KEYS);
    Set<CustomerManagedPolicyRef> cmps = new TreeSet<>();
    for (SeedNode c : f.list("customer_managed_policies")) {
      cmps.add(policyRef(c));
    }
    Optional<PermissionsBoundary> boundary =
        f.opt("permissions_boundary").map(PermissionSetSeed::boundary);
    String inline = f.optText("inline_policy");
    if (inline != null) {
      checkJsonObject(f.req("inline_policy"), inline);
    }
    Map<String, String> tags = new LinkedHashMap<>();
    f.opt("tags")
        .ifPresent(
            t -> {
              SeedNode.Fields tf = t.fields(new AnyKey());
              tf.values().forEach((k, v) -> tags.put(k, v.text()));
            });
    PermissionSetDefinition def =
        new PermissionSetDefinition(
            f.optText("description"),
            f.optText("session_duration"),
            Set.copyOf(f.texts("managed_policies")),
            cmps,
            boundary,
            inline,
            tags,
            f.optText("relay_state"));
    return new PermissionSetSeed(
        f.text("name"), f.optText("arn"), def, f.list("provisioned_to"), f.list("out_of_sync"));
  }

  private static CustomerManagedPolicyRef policyRef(SeedNode node) {
    SeedNode.Fields f = node.fields(Set.of("name", "path"));
    return new CustomerManagedPolicyRef(f.text("name"), f.optText("path"));
  }

  private static PermissionsBoundary boundary(SeedNode node) {
    SeedNode.Fields f = node.fields(Set.of("customer_managed", "managed_policy_arn"));
    if (f.has("customer_managed") == f.has("managed_policy_arn")) {
      throw node.error(
          "a permissions boundary has exactly one of customer_managed: or managed_policy_arn:");
    }
    return f.has("customer_managed")
        ? PermissionsBoundary.customerManaged(policyRef(f.req("customer_managed")))
        : PermissionsBoundary.managed(f.text("managed_policy_arn"));
  }

  /** JSON is YAML, so snakeyaml can tell a well-formed object from a broken one. */
  private static void checkJsonObject(SeedNode node, String json) {
    Object parsed;
    try {
      parsed = new Yaml(new SafeConstructor(new LoaderOptions())).load(json);
    } catch (YAMLException e) {
      throw node.error(
          "inline_policy is not valid JSON: " + e.getMessage().lines().findFirst().orElse(""));
    }
    if (!(parsed instanceof Map) || !json.strip().startsWith("{")) {
      throw node.error(
          "inline_policy must be a JSON object like {\"Version\":\"2012-10-17\",\"Statement\":[...]}");
    }
  }

  /** A key set that admits every key (tags are free-form). */
  private static final class AnyKey extends java.util.AbstractSet<String> {
    @Override
    public boolean contains(Object o) {
      return true;
    }

    @Override
    public java.util.Iterator<String> iterator() {
      return java.util.Collections.emptyIterator();
    }

    @Override
    public int size() {
      return 0;
    }
  }
}
