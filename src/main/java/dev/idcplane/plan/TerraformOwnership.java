package dev.idcplane.plan;

import dev.idcplane.identitycenter.LivePermissionSet;
import dev.idcplane.identitycenter.LiveState;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.matrix.Violation;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * What Terraform owns in Identity Center: the permission sets and account assignments that the
 * configured Terraform state files hold ({@code aws_ssoadmin_*} resources). The planner never
 * changes them: it neither updates nor provisions an owned set, nor creates or deletes an owned
 * assignment, and reports each disagreement instead ({@link DriftKind#TERRAFORM_MANAGED}, {@link
 * DriftKind#TERRAFORM_DRIFT}). Immutable; {@link #none()} when no state is configured.
 *
 * @param states where the ownership was read from (paths or {@code s3://} URLs), for messages
 * @param permissionSets owned permission sets, by their ARN
 * @param assignments owned account assignments
 */
public record TerraformOwnership(
    List<String> states,
    Map<String, OwnedPermissionSet> permissionSets,
    Map<AssignmentRef, Owner> assignments) {
  public TerraformOwnership {
    states = List.copyOf(states);
    permissionSets = Map.copyOf(permissionSets);
    assignments = Map.copyOf(assignments);
  }

  /** Where a Terraform resource is: its address in its state file. */
  public record Owner(String address, String state) {
    public Owner {
      Objects.requireNonNull(address, "address");
      Objects.requireNonNull(state, "state");
    }

    @Override
    public String toString() {
      return address + " (state " + state + ")";
    }
  }

  /**
   * An owned permission set: its ARN, instance and name as the state holds them, and every resource
   * of the state that manages part of it (the set itself, its policy attachments, inline policy,
   * boundary), the {@code aws_ssoadmin_permission_set} first when the state has it.
   */
  public record OwnedPermissionSet(
      String arn, String instanceArn, String name, List<Owner> owners) {
    public OwnedPermissionSet {
      Objects.requireNonNull(arn, "arn");
      owners = List.copyOf(owners);
      if (owners.isEmpty()) {
        throw new IllegalArgumentException("an owned permission set needs an owner: " + arn);
      }
    }

    /** The resource to name in messages. */
    public Owner owner() {
      return owners.get(0);
    }
  }

  /**
   * An account assignment as Terraform identifies it ({@code aws_ssoadmin_account_assignment}:
   * instance, permission set ARN, principal, target account).
   */
  public record AssignmentRef(
      String instanceArn,
      String permissionSetArn,
      String accountId,
      PrincipalType principalType,
      String principalId)
      implements Comparable<AssignmentRef> {
    public AssignmentRef {
      Objects.requireNonNull(instanceArn, "instanceArn");
      Objects.requireNonNull(permissionSetArn, "permissionSetArn");
      Objects.requireNonNull(accountId, "accountId");
      Objects.requireNonNull(principalType, "principalType");
      Objects.requireNonNull(principalId, "principalId");
    }

    @Override
    public int compareTo(AssignmentRef o) {
      return toString().compareTo(o.toString());
    }
  }

  public static TerraformOwnership none() {
    return new TerraformOwnership(List.of(), Map.of(), Map.of());
  }

  public boolean isEmpty() {
    return permissionSets.isEmpty() && assignments.isEmpty();
  }

  /**
   * The owned set a live or declared set is: by its ARN, else (a set not live, or recreated outside
   * Terraform) by its name in the same instance.
   */
  public Optional<OwnedPermissionSet> permissionSet(String instanceArn, String name, String arn) {
    if (arn != null && permissionSets.containsKey(arn)) {
      return Optional.of(permissionSets.get(arn));
    }
    return permissionSets.values().stream()
        .filter(p -> name.equals(p.name()) && instanceArn.equals(p.instanceArn()))
        .findFirst();
  }

  /** The owner of a live assignment, when Terraform owns it. */
  public Optional<Owner> assignment(AssignmentRef ref) {
    return Optional.ofNullable(assignments.get(ref));
  }

  /** The owned assignments of one instance, in a stable order. */
  public Map<AssignmentRef, Owner> assignmentsOf(String instanceArn) {
    Map<AssignmentRef, Owner> out = new TreeMap<>();
    assignments.forEach(
        (ref, owner) -> {
          if (ref.instanceArn().equals(instanceArn)) {
            out.put(ref, owner);
          }
        });
    return out;
  }

  /**
   * Declarations that would change what Terraform owns: a permission set declared with a definition
   * that Terraform manages. The matrix may name such a set only as {@code external: true}, so that
   * it manages the set's other assignments and never its definition.
   */
  public List<Violation> conflicts(DesiredState desired, LiveState live) {
    List<Violation> out = new ArrayList<>();
    String instance = live.instance().instanceArn();
    for (DesiredPermissionSet s : new TreeMap<>(desired.permissionSets()).values()) {
      if (s.external()) {
        continue;
      }
      String arn =
          Optional.ofNullable(live.permissionSetsByName().get(s.name()))
              .map(LivePermissionSet::arn)
              .orElse(null);
      permissionSet(instance, s.name(), arn)
          .ifPresent(
              owned ->
                  out.add(
                      new Violation(
                          s.declaredAt(),
                          "permission_sets." + s.name(),
                          "terraform_managed",
                          "permission set "
                              + s.name()
                              + " is managed by Terraform at "
                              + owned.owner()
                              + "; the matrix may not change its definition",
                          "declare it `external: true` to manage only its other assignments"
                              + " here, or move it out of Terraform first (terraform state rm "
                              + owned.owner().address()
                              + ")")));
    }
    return out;
  }
}
