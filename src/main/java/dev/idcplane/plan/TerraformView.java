package dev.idcplane.plan;

import dev.idcplane.identitycenter.LivePermissionSet;
import dev.idcplane.identitycenter.LiveState;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * {@link TerraformOwnership} as the planner (and the export) asks it, by name: permission set names
 * are mapped to ARNs through the live state (a set not live, through the name the state gives it).
 */
public final class TerraformView {
  private final TerraformOwnership ownership;
  private final String instanceArn;
  private final Map<String, String> arnByName = new HashMap<>();
  private final Map<String, String> nameByArn = new HashMap<>();

  public TerraformView(TerraformOwnership ownership, LiveState live) {
    this.ownership = ownership;
    this.instanceArn = live.instance().instanceArn();
    for (TerraformOwnership.OwnedPermissionSet s : ownership.permissionSets().values()) {
      if (instanceArn.equals(s.instanceArn()) && s.name() != null) {
        arnByName.put(s.name(), s.arn());
        nameByArn.put(s.arn(), s.name());
      }
    }
    for (LivePermissionSet s : live.permissionSetsByName().values()) {
      arnByName.put(s.name(), s.arn());
      nameByArn.put(s.arn(), s.name());
    }
  }

  boolean ownsSet(String name, String liveArn) {
    return ownership.permissionSet(instanceArn, name, liveArn).isPresent();
  }

  /** Terraform's resource for the assignment, when it owns it. */
  public Optional<TerraformOwnership.Owner> assignment(AssignmentKey key) {
    String arn = arnByName.get(key.permissionSetName());
    if (arn == null || ownership.assignments().isEmpty()) {
      return Optional.empty();
    }
    return ownership.assignment(
        new TerraformOwnership.AssignmentRef(
            instanceArn, arn, key.accountId(), key.principalType(), key.principalId()));
  }

  /** Owned assignments of this instance that are neither live nor wanted by the matrix. */
  List<AssignmentKey> ownedNotLive(Set<AssignmentKey> live, Set<AssignmentKey> wanted) {
    List<AssignmentKey> out = new ArrayList<>();
    for (TerraformOwnership.AssignmentRef ref : ownership.assignmentsOf(instanceArn).keySet()) {
      AssignmentKey key =
          new AssignmentKey(
              ref.accountId(),
              nameByArn.getOrDefault(ref.permissionSetArn(), ref.permissionSetArn()),
              ref.principalType(),
              ref.principalId());
      if (!live.contains(key) && !wanted.contains(key)) {
        out.add(key);
      }
    }
    return out;
  }

  /** The finding for an owned assignment the state holds and the instance does not. */
  DriftFinding notLive(
      AssignmentKey key, String accountName, String principalName, TerraformOwnership.Owner owner) {
    return DriftFinding.ofAssignment(
        DriftKind.TERRAFORM_DRIFT,
        key,
        accountName,
        principalName,
        "in Terraform state at "
            + owner
            + " but not live: not created here; terraform apply restores it",
        false);
  }
}
