package dev.idcplane.view;

import dev.idcplane.matrix.Violation;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A stored plan as the API returns it. */
public record PlanView(
    UUID id,
    Instant createdAt,
    String createdBy,
    @com.fasterxml.jackson.annotation.JsonInclude(
            com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
        String createdByName,
    String matrixOrigin,
    SourceView source,
    String fingerprint,
    SummaryView summary,
    List<ChangeView> changes,
    List<DriftView> drift,
    List<Violation.Detail> warnings,
    DelegationView delegation) {

  /**
   * Present (not null) when the plan was read by a delegated administrator: the account it ran as,
   * the management account and the permission sets provisioned to it, which the plan leaves alone,
   * and how many findings it left for the management account to fix.
   */
  public record DelegationView(
      String callerAccountId,
      String managementAccountId,
      List<String> readOnlyPermissionSets,
      int withheld) {}

  /** What the plan was computed from. */
  public record SourceView(
      String matrixDigest, String matrixCommit, String instanceArn, Instant snapshotAt) {}

  /** Counts of changes by action and of drift by kind. */
  public record SummaryView(
      int totalChanges,
      Map<String, Integer> changes,
      Map<String, Integer> drift,
      int managedAssignments,
      boolean delegatedAdministrator,
      int withheldByDelegation) {}
}
