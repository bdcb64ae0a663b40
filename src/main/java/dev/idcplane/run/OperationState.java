package dev.idcplane.run;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import dev.idcplane.apply.Operation;
import java.time.Instant;

/**
 * Where one operation of a run stands, as runs and their events show it: the operation's number,
 * kind, change key, outcome, AWS request id, attempts, times and error (absent when null). A view
 * of the {@link Operation}, so it cannot say anything the run did not record.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({
  "seq",
  "kind",
  "changeKey",
  "outcome",
  "requestId",
  "attempts",
  "startedAt",
  "submittedAt",
  "finishedAt",
  "error"
})
public record OperationState(@JsonIgnore Operation operation) {

  public static OperationState of(Operation op) {
    return new OperationState(op);
  }

  @JsonProperty
  public int seq() {
    return operation.seq();
  }

  @JsonProperty
  public String kind() {
    return operation.kind().name();
  }

  @JsonProperty
  public String changeKey() {
    return operation.change().key();
  }

  @JsonProperty
  public String outcome() {
    return operation.outcome().name();
  }

  @JsonProperty
  public String requestId() {
    return operation.requestId();
  }

  @JsonProperty
  public int attempts() {
    return operation.attempts();
  }

  @JsonProperty
  public Instant startedAt() {
    return operation.startedAt();
  }

  @JsonProperty
  public Instant submittedAt() {
    return operation.submittedAt();
  }

  @JsonProperty
  public Instant finishedAt() {
    return operation.finishedAt();
  }

  @JsonProperty
  public String error() {
    return operation.error();
  }
}
