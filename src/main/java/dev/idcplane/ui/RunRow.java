package dev.idcplane.ui;

import dev.idcplane.persistence.RunEntity;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** One run in a list: who started it when, how it ended and its operations by outcome. */
public record RunRow(
    UUID id,
    UUID planId,
    String status,
    Instant startedAt,
    Instant finishedAt,
    String startedBy,
    String matrixCommit,
    int operations,
    long succeeded,
    long failed,
    long skipped) {

  static RunRow of(RunEntity r, Map<String, Long> outcomes) {
    return new RunRow(
        r.id,
        r.planId,
        r.status,
        r.startedAt,
        r.finishedAt,
        r.startedByName == null ? r.startedBy : r.startedByName,
        r.matrixCommit,
        r.operationCount,
        outcomes.getOrDefault("SUCCEEDED", 0L),
        outcomes.getOrDefault("FAILED", 0L),
        outcomes.getOrDefault("SKIPPED", 0L));
  }

  public String commitOrDash() {
    return matrixCommit == null ? "—" : matrixCommit;
  }
}
