package dev.idcplane.persistence;

import dev.idcplane.apply.Operation;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of a run's journal log ({@code run_event}): an operation's state after one transition,
 * or an end of the run. {@code position} is the entry's place in its run's log: from 1, gap-free,
 * in commit order, never reused.
 */
public sealed interface RunLogEntry permits RunLogEntry.OperationEntry, RunLogEntry.EndEntry {
  long position();

  /** When the transition or the end was recorded. */
  Instant at();

  /** An operation moved to {@code operation}'s state. */
  record OperationEntry(long position, Instant at, Operation operation) implements RunLogEntry {
    public OperationEntry {
      Objects.requireNonNull(operation, "operation");
    }
  }

  /**
   * The run ended with {@code status} ({@code INTERRUPTED} too, which a later run may resume: its
   * log then goes on after this entry).
   */
  record EndEntry(long position, Instant at, String status, String error) implements RunLogEntry {
    public EndEntry {
      Objects.requireNonNull(status, "status");
    }
  }
}
