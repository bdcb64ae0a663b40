package dev.idcplane.apply;

/**
 * The run no longer holds its instance's lease (it could not be renewed in time, or another holder
 * has taken it over): it must stop writing. Operations already submitted keep their request ids in
 * the journal, so resuming the run polls them instead of submitting them again.
 */
public final class LeaseLostException extends RuntimeException {
  public LeaseLostException(String message) {
    super(message);
  }
}
