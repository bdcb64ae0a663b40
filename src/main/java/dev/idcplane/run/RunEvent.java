package dev.idcplane.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.idcplane.apply.Operation;
import java.time.Instant;
import java.util.UUID;

/**
 * One Server-Sent Event of a run: an operation's new state ({@code type} {@code operation}), or the
 * run's end ({@code type} {@code run}), always the last.
 */
public sealed interface RunEvent permits RunEvent.OperationChanged, RunEvent.RunEnded {
  /** {@code operation} or {@code run}. */
  @JsonProperty("type")
  String type();

  UUID runId();

  Instant at();

  /** An operation moved to a new state. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"type", "runId", "seq"})
  record OperationChanged(
      UUID runId,
      int seq,
      String kind,
      String changeKey,
      String outcome,
      String requestId,
      int attempts,
      String error,
      Instant at)
      implements RunEvent {
    static OperationChanged of(UUID runId, Operation op, Instant at) {
      return new OperationChanged(
          runId,
          op.seq(),
          op.kind().name(),
          op.change().key(),
          op.outcome().name(),
          op.requestId(),
          op.attempts(),
          op.error(),
          at);
    }

    @Override
    public String type() {
      return "operation";
    }
  }

  /** The run ended with {@code runStatus} (and the run's error, if it failed as a whole). */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"type", "runId", "runStatus"})
  record RunEnded(UUID runId, String runStatus, String error, Instant at) implements RunEvent {
    @Override
    public String type() {
      return "run";
    }
  }
}
