package dev.idcplane.apply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps every transition and the latest state of each operation, like the database journal; can
 * interrupt the run after a number of records to simulate the process stopping mid-run.
 */
final class RecordingJournal implements OperationJournal {
  final List<Operation> history = java.util.Collections.synchronizedList(new ArrayList<>());
  final Map<Integer, Operation> latest = new ConcurrentHashMap<>();
  private final int interruptAfter;

  RecordingJournal(int interruptAfter) {
    this.interruptAfter = interruptAfter;
  }

  RecordingJournal() {
    this(Integer.MAX_VALUE);
  }

  @Override
  public void record(Operation op) {
    history.add(op);
    latest.put(op.seq(), op);
    if (history.size() == interruptAfter) {
      Thread.currentThread().interrupt();
    }
  }

  /** The latest recorded state of each of {@code ops}, in order, as a restart would load it. */
  List<Operation> resumeState(List<Operation> ops) {
    return ops.stream().map(o -> latest.getOrDefault(o.seq(), o)).toList();
  }

  long terminalRecords(int seq) {
    return history.stream().filter(o -> o.seq() == seq && o.outcome().terminal()).count();
  }
}
