package dev.idcplane.api.dto;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.idcplane.run.OperationState;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A run: who started it from which plan and matrix, where it stands, and (on request) its
 * operations.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RunView(
    UUID id,
    UUID planId,
    String instanceArn,
    String status,
    String startedBy,
    String startedByName,
    Instant startedAt,
    Instant finishedAt,
    String matrixDigest,
    String matrixCommit,
    int operationCount,
    Map<String, Long> outcomes,
    Double operationsPerSecond,
    Long etaSeconds,
    Long awsCalls,
    Long retries,
    Integer maxInFlight,
    String error,
    List<OperationState> operations) {}
