package dev.idcplane.apply;

/**
 * Whether this run still holds its Identity Center instance. The apply engine calls {@link
 * #check()} immediately before every write to Identity Center (each submission, each synchronous
 * permission set write, each retry of one) and before each poll round. The check must be cheap: no
 * I/O. Implementations are thread-safe.
 */
@FunctionalInterface
public interface Fence {
  /** A fence that never fails: for tests and tools that hold no instance lease. */
  Fence NONE = () -> {};

  /** Returns when the run may write; throws when it no longer holds its instance. */
  void check() throws LeaseLostException;
}
