package dev.idcplane.identitycenter;

/**
 * Paces the requests an {@link IdentityCenter} adapter sends <em>beyond the first</em> of one port
 * call: each later page of a list call, and each transport-level retry. Whoever calls the port
 * paces the first request of every call (reads through a pacing decorator, apply through its call
 * gate), so every request AWS sees takes exactly one token and none takes two.
 *
 * <p>Implementations are thread-safe and may block.
 */
@FunctionalInterface
public interface RequestPacer {
  /** Paces nothing: for tests and tools that make few calls. */
  RequestPacer NONE = service -> {};

  /** Waits until one more request to {@code service} may go out. */
  void acquire(ApiService service) throws InterruptedException;

  /**
   * {@link #acquire} for adapters, whose methods cannot throw {@link InterruptedException}: an
   * interrupt is kept on the thread and surfaces as a TIMEOUT failure of {@code operation}.
   */
  default void acquireFor(ApiService service, String operation) {
    try {
      acquire(service);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IdentityCenterException(
          IdentityCenterException.Kind.TIMEOUT,
          operation,
          "interrupted while waiting for a request token; the call was not sent");
    }
  }
}
