package dev.idcplane.adopt;

import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.CustomerManagedPolicyRef;
import dev.idcplane.identitycenter.LivePermissionSet;
import dev.idcplane.identitycenter.LiveState;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PermissionsBoundary;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.apps.LiveApplications;
import dev.idcplane.matrix.AssignmentRule;
import dev.idcplane.plan.PlanPolicy;
import dev.idcplane.plan.TerraformOwnership;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiFunction;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes the matrix that declares exactly what is live ({@code POST /api/v1/import}): every
 * permission set with its whole definition (protected ones, such as Control Tower's {@code AWS*}
 * sets, as {@code external: true}), and every account assignment as one rule per (principal,
 * permission set) whose targets {@link AssignmentRollup} rolls up into OUs where it can. USER
 * assignments become exceptions with {@code owner: TODO} and {@code expires: TODO}, which the
 * matrix refuses until a person fills them in. Pure: planning the result against the same live
 * state (TODOs filled in) changes nothing.
 */
public final class MatrixImporter {
  private final PlanPolicy policy;

  public MatrixImporter(PlanPolicy policy) {
    this.policy = policy;
  }

  public ImportedMatrix importFrom(LiveState live) {
    return importFrom(live, new LiveApplications(List.of(), List.of()), (type, id) -> id);
  }

  /**
   * With the instance's issuers and applications too ({@code applications.yaml}); {@code nameOf}
   * names an application assignment's principal by id.
   */
  public ImportedMatrix importFrom(
      LiveState live,
      LiveApplications applications,
      BiFunction<PrincipalType, String, String> nameOf) {
    return importFrom(live, applications, nameOf, TerraformOwnership.none());
  }

  /**
   * Leaving to Terraform what {@code terraform} owns: an owned permission set is declared {@code
   * external: true}, since the matrix may not define it. Owned assignments are imported like the
   * rest: the matrix wanting what Terraform keeps is agreement, and planned with the same states
   * the import changes nothing and reports no Terraform-owned assignment as disagreeing.
   */
  public ImportedMatrix importFrom(
      LiveState live,
      LiveApplications applications,
      BiFunction<PrincipalType, String, String> nameOf,
      TerraformOwnership terraform) {
    String instance = live.instance().instanceArn();
    Map<String, Object> sets = new TreeMap<>();
    for (LivePermissionSet set : live.permissionSetsByName().values()) {
      boolean owned = terraform.permissionSet(instance, set.name(), set.arn()).isPresent();
      sets.put(set.name(), owned ? Map.of("external", true) : permissionSet(set));
    }
    List<Map<String, Object>> rules = new ArrayList<>();
    List<String> todo = new ArrayList<>();
    AssignmentRollup rollup = new AssignmentRollup(live.orgTree());
    Map<Pair, Set<String>> accounts = new TreeMap<>();
    for (AccountAssignment a : live.assignments()) {
      live.permissionSetByArn(a.permissionSetArn())
          .ifPresent(
              set ->
                  accounts
                      .computeIfAbsent(
                          new Pair(
                              a.principalType(), live.principalName(a.principalId()), set.name()),
                          k -> new TreeSet<>())
                      .add(a.accountId()));
    }
    accounts.forEach(
        (pair, ids) -> {
          rules.add(rule(pair, rollup.rollUp(ids), live));
          if (pair.type() == PrincipalType.USER) {
            todo.add(
                "assignments.yaml: user "
                    + pair.principal()
                    + " on "
                    + pair.permissionSet()
                    + ": fill in owner and expires (an exception needs both)");
          }
        });
    List<ImportedMatrix.File> files = new ArrayList<>();
    files.add(
        new ImportedMatrix.File(
            "permission-sets.yaml",
            header("Permission sets read from " + live.instance().instanceArn(), live)
                + yaml(Map.of("permission_sets", sets))));
    files.add(
        new ImportedMatrix.File(
            "assignments.yaml",
            header("Account assignments read from " + live.instance().instanceArn(), live)
                + (rules.isEmpty() ? "assignments: []\n" : yaml(Map.of("assignments", rules)))));
    new ApplicationImporter(nameOf)
        .document(applications, todo)
        .ifPresent(
            doc ->
                files.add(
                    new ImportedMatrix.File(
                        "applications.yaml",
                        header(
                                "Trusted token issuers and applications read from "
                                    + live.instance().instanceArn(),
                                live)
                            + yaml(doc))));
    return new ImportedMatrix(files, todo);
  }

  /** A (principal, permission set) pair, ordered groups first, then by names. */
  private record Pair(PrincipalType type, String principal, String permissionSet)
      implements Comparable<Pair> {
    @Override
    public int compareTo(Pair o) {
      return Comparator.comparing(Pair::type)
          .thenComparing(Pair::principal)
          .thenComparing(Pair::permissionSet)
          .compare(this, o);
    }
  }

  private Map<String, Object> rule(Pair pair, AssignmentRollup.Targets t, LiveState live) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put(pair.type() == PrincipalType.GROUP ? "group" : "user", pair.principal());
    rule.put("permission_set", pair.permissionSet());
    if (!t.unitIds().isEmpty()) {
      rule.put(
          "ous",
          t.unitIds().stream()
              .map(
                  id ->
                      id.equals(live.orgTree().root().id())
                          ? AssignmentRule.ROOT_OU
                          : live.orgTree().pathOf(id))
              .toList());
    }
    if (!t.accountIds().isEmpty()) {
      rule.put("accounts", t.accountIds());
    }
    if (pair.type() == PrincipalType.USER) {
      rule.put("owner", AssignmentRule.TODO);
      rule.put("expires", AssignmentRule.TODO);
    }
    return rule;
  }

  private Map<String, Object> permissionSet(LivePermissionSet set) {
    Map<String, Object> out = new LinkedHashMap<>();
    if (policy.isProtected(set.name()) || set.definition().isEmpty()) {
      out.put("external", true);
      return out;
    }
    PermissionSetDefinition d = set.definition().get();
    if (d.description() != null) {
      out.put("description", d.description());
    }
    out.put("session_duration", d.sessionDuration());
    if (!d.managedPolicies().isEmpty()) {
      out.put("managed_policies", new ArrayList<>(new TreeSet<>(d.managedPolicies())));
    }
    if (!d.customerManagedPolicies().isEmpty()) {
      out.put(
          "customer_managed_policies",
          d.customerManagedPolicies().stream()
              .sorted(
                  Comparator.comparing(CustomerManagedPolicyRef::path)
                      .thenComparing(CustomerManagedPolicyRef::name))
              .map(MatrixImporter::reference)
              .toList());
    }
    d.permissionsBoundary().ifPresent(b -> out.put("permissions_boundary", boundary(b)));
    if (d.inlinePolicy() != null) {
      out.put("inline_policy", d.inlinePolicy());
    }
    if (!d.tags().isEmpty()) {
      out.put("tags", new TreeMap<>(d.tags()));
    }
    if (d.relayState() != null) {
      out.put("relay_state", d.relayState());
    }
    return out;
  }

  private static Map<String, Object> reference(CustomerManagedPolicyRef r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", r.name());
    m.put("path", r.path());
    return m;
  }

  private static Map<String, Object> boundary(PermissionsBoundary b) {
    return b.customerManaged() != null
        ? Map.of("customer_managed", reference(b.customerManaged()))
        : Map.of("managed_policy_arn", b.managedPolicyArn());
  }

  private static String header(String what, LiveState live) {
    return "# "
        + what
        + " at "
        + live.readAt()
        + " by POST /api/v1/import.\n"
        + "# Review before committing: this declares exactly what is live, including access\n"
        + "# nobody would grant today. USER exceptions need an owner and an expiry (TODO).\n\n";
  }

  private static String yaml(Object document) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    options.setIndent(2);
    options.setIndicatorIndent(2);
    options.setIndentWithIndicator(true);
    options.setWidth(100);
    options.setSplitLines(false);
    return new Yaml(options).dump(document);
  }
}
