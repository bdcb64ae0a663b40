package dev.idcplane.run;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import java.time.Instant;
import java.util.UUID;

/**
 * One Server-Sent Event of a run: an operation's new state ({@code type} {@code operation}), or the
 * run's end ({@code type} {@code run}), the last event of a run that stays ended. A run that ended
 * {@code INTERRUPTED} and was resumed has that end in its journal, then the resumed events. The SSE
 * {@code event} field repeats {@code type}.
 */
public sealed interface RunEvent permits RunEvent.OperationChanged, RunEvent.RunEnded {
  /** {@code operation} or {@code run}. */
  @JsonProperty("type")
  String type();

  UUID runId();

  Instant at();

  /** An operation moved to a new state; its fields stand beside {@code type} and {@code runId}. */
  @JsonPropertyOrder({"type", "runId"})
  record OperationChanged(UUID runId, @JsonUnwrapped OperationState operation, Instant at)
      implements RunEvent {
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
