package dev.idcplane.plan;

import java.time.Instant;
import java.util.Objects;

/**
 * What a plan was computed from, so apply can refuse a stale plan: the matrix digest (and git
 * commit when known), the instance, and when the live state was read.
 */
public record PlanSource(
    String matrixDigest, String matrixCommit, String instanceArn, Instant snapshotAt) {
  public PlanSource {
    Objects.requireNonNull(matrixDigest, "matrixDigest");
    Objects.requireNonNull(instanceArn, "instanceArn");
    Objects.requireNonNull(snapshotAt, "snapshotAt");
  }
}
