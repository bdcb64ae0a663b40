package dev.idcplane.api.dto;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A stored plan as the API returns it. */
public record PlanView(
    UUID id,
    Instant createdAt,
    String createdBy,
    String matrixOrigin,
    SourceView source,
    String fingerprint,
    SummaryView summary,
    List<ChangeView> changes,
    List<DriftView> drift,
    List<ViolationView> warnings) {

  /** What the plan was computed from. */
  public record SourceView(
      String matrixDigest, String matrixCommit, String instanceArn, Instant snapshotAt) {}

  /** Counts of changes by action and of drift by kind. */
  public record SummaryView(
      int totalChanges,
      Map<String, Integer> changes,
      Map<String, Integer> drift,
      int managedAssignments) {}
}
