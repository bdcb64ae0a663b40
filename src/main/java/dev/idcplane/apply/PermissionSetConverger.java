package dev.idcplane.apply;

import dev.idcplane.identitycenter.CustomerManagedPolicyRef;
import dev.idcplane.identitycenter.DefinitionReader;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.IdentityCenterException.Kind;
import dev.idcplane.identitycenter.NewPermissionSet;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PermissionSetInfo;
import dev.idcplane.identitycenter.PermissionSetUpdate;
import dev.idcplane.plan.DefinitionDiffer;
import dev.idcplane.plan.FieldChange;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Brings one permission set to its desired definition: creates it when absent, then reads what is
 * live and writes only the fields that differ (compared as the planner compares them). Reading
 * first makes every step idempotent, so a retried or resumed operation never writes a field twice
 * or fails on a half-done create.
 */
final class PermissionSetConverger {
  /** The fields UpdatePermissionSet writes, all at once. */
  private static final Set<String> UPDATED_FIELDS =
      Set.of("description", "session_duration", "relay_state");

  private final IdentityCenter ic;
  private final String instanceArn;
  private final CallGate gate;
  private final Fence fence;

  PermissionSetConverger(IdentityCenter ic, String instanceArn, CallGate gate, Fence fence) {
    this.ic = ic;
    this.instanceArn = instanceArn;
    this.gate = gate;
    this.fence = fence;
  }

  /** Returns the set's ARN once its live definition equals {@code want}. */
  String converge(String name, Optional<String> knownArn, PermissionSetDefinition want)
      throws InterruptedException {
    String arn = knownArn.isPresent() ? knownArn.get() : findOrCreate(name, want);
    PermissionSetDefinition live = read(name, arn);
    boolean updated = false;
    for (FieldChange f : DefinitionDiffer.diff(live, want)) {
      if (UPDATED_FIELDS.contains(f.field())) {
        if (!updated) {
          update(name, arn, want);
          updated = true;
        }
      } else {
        write(name, arn, f.field(), live, want);
      }
    }
    return arn;
  }

  /** The ARN of the set with this name, if it exists. */
  Optional<String> find(String name) throws InterruptedException {
    return Optional.ofNullable(findAll(Set.of(name)).get(name));
  }

  /** The ARNs of those of {@code names} that exist, from one listing of the instance's sets. */
  Map<String, String> findAll(Set<String> names) throws InterruptedException {
    Map<String, String> found = new HashMap<>();
    for (String arn :
        gate.retrying("ListPermissionSets", () -> ic.listPermissionSets(instanceArn))) {
      if (found.size() == names.size()) {
        break;
      }
      PermissionSetInfo info =
          gate.retrying("DescribePermissionSet", () -> ic.describePermissionSet(instanceArn, arn));
      if (names.contains(info.name())) {
        found.put(info.name(), arn);
      }
    }
    return found;
  }

  private String findOrCreate(String name, PermissionSetDefinition want)
      throws InterruptedException {
    Optional<String> existing = find(name);
    if (existing.isPresent()) {
      return existing.get();
    }
    Supplier<PermissionSetInfo> create =
        () -> {
          fence.check();
          return ic.createPermissionSet(instanceArn, NewPermissionSet.of(name, want));
        };
    try {
      // CONFLICT here is AWS's "PermissionSet with name … already exists": retrying cannot cure it.
      return gate.retrying("CreatePermissionSet " + name, create, Kind.CONFLICT).arn();
    } catch (IdentityCenterException e) {
      if (!e.retryable()) {
        throw e;
      }
      // Someone created it first (CONFLICT), or a create that timed out landed: adopt the set;
      // converge() then writes the fields that differ.
      Optional<String> landed = find(name);
      if (landed.isPresent()) {
        return landed.get();
      }
      if (e.kind() == Kind.CONFLICT) {
        // Not a duplicate after all (a conflicting operation in process): retry as usual.
        return gate.retrying("CreatePermissionSet " + name, create).arn();
      }
      throw e;
    }
  }

  private PermissionSetDefinition read(String name, String arn) throws InterruptedException {
    PermissionSetInfo info =
        gate.retrying(
            "DescribePermissionSet " + name, () -> ic.describePermissionSet(instanceArn, arn));
    return DefinitionReader.read(ic, instanceArn, info, gate);
  }

  /**
   * One UpdatePermissionSet for all three fields it carries. The relay state goes on every update,
   * even when only the description changed: AWS clears a relay state the request leaves out
   * (terraform-provider-aws#17411). When the matrix has none, leaving it out is what removes it.
   */
  private void update(String name, String arn, PermissionSetDefinition want)
      throws InterruptedException {
    fenced(
        "UpdatePermissionSet " + name,
        () -> ic.updatePermissionSet(instanceArn, arn, PermissionSetUpdate.of(want)));
  }

  private void write(
      String name,
      String arn,
      String field,
      PermissionSetDefinition live,
      PermissionSetDefinition want)
      throws InterruptedException {
    switch (field) {
      case "managed_policies" -> {
        for (String p : minus(want.managedPolicies(), live.managedPolicies())) {
          fenced("AttachManagedPolicy " + name, () -> ic.attachManagedPolicy(instanceArn, arn, p));
        }
        for (String p : minus(live.managedPolicies(), want.managedPolicies())) {
          fenced("DetachManagedPolicy " + name, () -> ic.detachManagedPolicy(instanceArn, arn, p));
        }
      }
      case "customer_managed_policies" -> {
        for (CustomerManagedPolicyRef r :
            minus(want.customerManagedPolicies(), live.customerManagedPolicies())) {
          fenced(
              "AttachCustomerManagedPolicyReference " + name,
              () -> ic.attachCustomerManagedPolicyReference(instanceArn, arn, r));
        }
        for (CustomerManagedPolicyRef r :
            minus(live.customerManagedPolicies(), want.customerManagedPolicies())) {
          fenced(
              "DetachCustomerManagedPolicyReference " + name,
              () -> ic.detachCustomerManagedPolicyReference(instanceArn, arn, r));
        }
      }
      case "permissions_boundary" -> {
        if (want.permissionsBoundary().isPresent()) {
          fenced(
              "PutPermissionsBoundary " + name,
              () -> ic.putPermissionsBoundary(instanceArn, arn, want.permissionsBoundary().get()));
        } else {
          fenced(
              "DeletePermissionsBoundary " + name,
              () -> ic.deletePermissionsBoundary(instanceArn, arn));
        }
      }
      case "inline_policy" -> {
        if (want.inlinePolicy() != null) {
          fenced(
              "PutInlinePolicy " + name,
              () -> ic.putInlinePolicy(instanceArn, arn, want.inlinePolicy()));
        } else {
          fenced("DeleteInlinePolicy " + name, () -> ic.deleteInlinePolicy(instanceArn, arn));
        }
      }
      case "tags" -> writeTags(name, arn, live.tags(), want.tags());
      default -> throw new IllegalStateException("no writer for permission set field " + field);
    }
  }

  private void writeTags(
      String name, String arn, Map<String, String> live, Map<String, String> want)
      throws InterruptedException {
    Map<String, String> put = new HashMap<>();
    want.forEach(
        (k, v) -> {
          if (!v.equals(live.get(k))) {
            put.put(k, v);
          }
        });
    Set<String> remove = minus(live.keySet(), want.keySet());
    if (!put.isEmpty()) {
      fenced("TagResource " + name, () -> ic.tagPermissionSet(instanceArn, arn, put));
    }
    if (!remove.isEmpty()) {
      fenced("UntagResource " + name, () -> ic.untagPermissionSet(instanceArn, arn, remove));
    }
  }

  /** A write, checked against the fence right before each attempt (after the rate limit). */
  private void fenced(String what, Runnable write) throws InterruptedException {
    gate.run(
        what,
        () -> {
          fence.check();
          write.run();
        });
  }

  private static <T> Set<T> minus(Set<T> a, Set<T> b) {
    Set<T> out = new HashSet<>(a);
    out.removeAll(b);
    return out;
  }
}
