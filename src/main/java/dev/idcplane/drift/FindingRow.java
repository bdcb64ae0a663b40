package dev.idcplane.drift;

import dev.idcplane.plan.FieldChange;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One stored occurrence of a drift finding, as listed and exported. {@code fields}: for a
 * definition finding, the differing fields as last seen (live before, matrix after); else empty.
 */
public record FindingRow(
    UUID id,
    String instanceArn,
    String key,
    String kind,
    String permissionSet,
    String accountId,
    String accountName,
    String accountPath,
    String principalType,
    String principalId,
    String principalName,
    String detail,
    Instant firstSeen,
    Instant lastSeen,
    int seenByPlans,
    UUID firstPlanId,
    UUID lastPlanId,
    String lastMatrixDigest,
    String lastMatrixCommit,
    Instant resolvedAt,
    String resolution,
    String resolvedBy,
    UUID resolvedRunId,
    UUID resolvedPlanId,
    String resolvedMatrixDigest,
    String resolvedMatrixCommit,
    UUID previousOccurrenceId,
    List<FieldChange> fields) {
  public FindingRow {
    fields = fields == null ? List.of() : List.copyOf(fields);
  }

  @com.fasterxml.jackson.annotation.JsonProperty("status")
  public String status() {
    return resolvedAt == null ? "OPEN" : "RESOLVED";
  }
}
