package dev.idcplane.apply;

import java.util.List;

/** A finished run: its status, every operation in its final state, and what it cost in calls. */
public record RunResult(RunStatus status, List<Operation> operations, RunCounters counters) {
  public RunResult {
    operations = List.copyOf(operations);
  }
}
