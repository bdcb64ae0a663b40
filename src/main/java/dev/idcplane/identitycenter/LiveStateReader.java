package dev.idcplane.identitycenter;

import java.time.Clock;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a {@link LiveState} through the {@link IdentityCenter} port.
 *
 * <p>AWS calls for an organization with O OUs, P permission sets of which P' are provisioned to at
 * least one account and D are declared in the matrix (declared sets that do not exist live are not
 * read), and S (permission set, account) pairs where a set is provisioned: 1 ListInstances + 1
 * DescribeOrganization + 1 GetCallerIdentity + 1 ListRoots + 2(O+1) tree calls
 * (ListAccountsForParent and ListOrganizationalUnitsForParent for the root and each OU) + 1
 * ListPermissionSets + P describes + (P + P') provisioned-account lists (all for every set,
 * not-latest only for a set provisioned somewhere) + 5D definition reads + S ListAccountAssignments
 * + one GetGroupId/GetUserId per principal the matrix names (expired USER rules included) + one
 * DescribeGroup/DescribeUser per other principal seen in a live assignment (once, even when the
 * store no longer has it). Each list call is one call per page. Pairs where a set is not
 * provisioned cannot hold an assignment, so they are never scanned: a naive scan would cost A×P
 * ListAccountAssignments. MotoPlanAcceptanceTest checks this formula against counted SDK calls.
 */
public final class LiveStateReader {
  private final IdentityCenter ic;
  private final Clock clock;

  public LiveStateReader(IdentityCenter ic, Clock clock) {
    this.ic = ic;
    this.clock = clock;
  }

  /** What to read besides the always-read parts. */
  public record Request(
      Optional<String> instanceArn,
      Set<String> declaredPermissionSets,
      Set<String> groupNames,
      Set<String> userNames,
      boolean everyDefinition) {
    public Request {
      instanceArn = instanceArn == null ? Optional.empty() : instanceArn;
      declaredPermissionSets = Set.copyOf(declaredPermissionSets);
      groupNames = Set.copyOf(groupNames);
      userNames = Set.copyOf(userNames);
    }

    /** Definitions of the declared permission sets only. */
    public Request(
        Optional<String> instanceArn,
        Set<String> declaredPermissionSets,
        Set<String> groupNames,
        Set<String> userNames) {
      this(instanceArn, declaredPermissionSets, groupNames, userNames, false);
    }

    /** Everything, with every permission set's definition (an import). */
    public static Request everything(Optional<String> instanceArn) {
      return new Request(instanceArn, Set.of(), Set.of(), Set.of(), true);
    }
  }

  /** The snapshot plus the matrix principals resolved by name (absent names are not in the map). */
  public record Result(
      LiveState state, Map<String, Principal> groupsByName, Map<String, Principal> usersByName) {}

  public Result read(Request request) {
    Instance instance = chooseInstance(request.instanceArn());
    String arn = instance.instanceArn();
    String store = instance.identityStoreId();
    Organization org = ic.describeOrganization();
    String caller = ic.callerAccountId();
    OrgTree tree = OrgTree.read(ic);

    Map<String, LivePermissionSet> sets = new LinkedHashMap<>();
    Set<AccountAssignment> assignments = new HashSet<>();
    for (String psArn : ic.listPermissionSets(arn)) {
      PermissionSetInfo info = ic.describePermissionSet(arn, psArn);
      Optional<PermissionSetDefinition> definition =
          request.everyDefinition() || request.declaredPermissionSets().contains(info.name())
              ? Optional.of(DefinitionReader.readDirect(ic, arn, info))
              : Optional.empty();
      List<String> provisioned =
          ic.listAccountsForProvisionedPermissionSet(arn, psArn, ProvisioningStatus.ANY);
      List<String> outOfSync =
          provisioned.isEmpty()
              ? List.of()
              : ic.listAccountsForProvisionedPermissionSet(
                  arn, psArn, ProvisioningStatus.LATEST_PERMISSION_SET_NOT_PROVISIONED);
      for (String account : provisioned) {
        assignments.addAll(ic.listAccountAssignments(arn, account, psArn));
      }
      sets.put(
          info.name(),
          new LivePermissionSet(info, definition, Set.copyOf(provisioned), Set.copyOf(outOfSync)));
    }

    Map<String, Principal> principals = new HashMap<>();
    Map<String, Principal> groups = new HashMap<>();
    for (String name : request.groupNames()) {
      ic.findGroupId(store, name)
          .ifPresent(
              id -> {
                Principal p = new Principal(PrincipalType.GROUP, id, name);
                groups.put(name, p);
                principals.put(id, p);
              });
    }
    Map<String, Principal> users = new HashMap<>();
    for (String name : request.userNames()) {
      ic.findUserId(store, name)
          .ifPresent(
              id -> {
                Principal p = new Principal(PrincipalType.USER, id, name);
                users.put(name, p);
                principals.put(id, p);
              });
    }
    Set<String> unknown = new HashSet<>();
    for (AccountAssignment a : assignments) {
      if (!principals.containsKey(a.principalId()) && !unknown.contains(a.principalId())) {
        ic.describePrincipal(store, a.principalType(), a.principalId())
            .ifPresentOrElse(p -> principals.put(p.id(), p), () -> unknown.add(a.principalId()));
      }
    }
    LiveState state =
        new LiveState(instance, org, tree, sets, assignments, principals, clock.instant(), caller);
    return new Result(state, groups, users);
  }

  /**
   * The configured instance, else the one ACTIVE instance. Instances being created or deleted (or
   * whose creation failed) are never chosen on their own; with none or several to choose from the
   * error names each instance and what to set.
   */
  public Instance chooseInstance(Optional<String> configured) {
    List<Instance> instances = ic.listInstances();
    String where = "in Region " + ic.region() + " (idc.aws.region)";
    if (instances.isEmpty()) {
      throw new IdentityCenterException(
          IdentityCenterException.Kind.NOT_FOUND,
          "ListInstances",
          "no Identity Center instance "
              + where
              + "; set idc.aws.region to the instance's home"
              + " Region (IAM Identity Center console, Settings), and check the credentials belong"
              + " to the management account or the delegated administrator account");
    }
    if (configured.isPresent()) {
      Instance chosen =
          instances.stream()
              .filter(i -> i.instanceArn().equals(configured.get()))
              .findFirst()
              .orElseThrow(
                  () ->
                      new IdentityCenterException(
                          IdentityCenterException.Kind.NOT_FOUND,
                          "ListInstances",
                          "no Identity Center instance "
                              + configured.get()
                              + " "
                              + where
                              + "; set idc.instance-arn to one of "
                              + described(instances)
                              + ", or idc.aws.region to the configured instance's home Region"));
      requireActive(chosen);
      return chosen;
    }
    List<Instance> active = instances.stream().filter(Instance::active).toList();
    if (active.size() != 1) {
      throw new IdentityCenterException(
          IdentityCenterException.Kind.VALIDATION,
          "ListInstances",
          instances.size()
              + " Identity Center instances "
              + where
              + ", "
              + active.size()
              + " of them ACTIVE: "
              + described(instances)
              + (active.isEmpty()
                  ? "; wait until one is ACTIVE, or set idc.instance-arn to choose one"
                  : "; set idc.instance-arn to the ARN of the ACTIVE one to manage"));
    }
    return active.get(0);
  }

  private static void requireActive(Instance instance) {
    if (!instance.active()) {
      throw new IdentityCenterException(
          IdentityCenterException.Kind.VALIDATION,
          "ListInstances",
          "Identity Center instance "
              + instance.describe()
              + " is not ACTIVE; wait until it is,"
              + " or set idc.instance-arn to an ACTIVE instance");
    }
  }

  private static String described(List<Instance> instances) {
    return String.join("; ", instances.stream().map(Instance::describe).toList());
  }
}
