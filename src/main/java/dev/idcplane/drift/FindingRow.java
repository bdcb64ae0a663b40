package dev.idcplane.drift;

import java.time.Instant;
import java.util.UUID;

/** One stored occurrence of a drift finding, as listed and exported. */
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
    UUID previousOccurrenceId) {
  @com.fasterxml.jackson.annotation.JsonProperty("status")
  public String status() {
    return resolvedAt == null ? "OPEN" : "RESOLVED";
  }
}
