package dev.idcplane.apply;

/**
 * Where a run records each operation transition before it acts on it, so a run interrupted at any
 * point can be resumed without losing an operation or applying one twice. Implementations must be
 * thread-safe and durable once {@link #record} returns.
 */
public interface OperationJournal {
  void record(Operation operation);

  /** An in-memory journal: for tests and benchmarks. */
  static OperationJournal discarding() {
    return op -> {};
  }
}
