package dev.idcplane.source;

import dev.idcplane.error.ControlPlaneException;

/**
 * The {@code git} matrix source could not give the matrix: which of the causes an operator fixes
 * differently, each with its own code; the message names the config key to check.
 */
public class MatrixGitException extends ControlPlaneException {

  /** Why the matrix could not be read from git. */
  public enum Reason {
    /** The repository did not answer (network, DNS, no repository at that URI). */
    UNREACHABLE("matrix_git_unreachable", 502, true),
    /** The repository refused the credentials. */
    AUTH("matrix_git_auth", 502, false),
    /** The repository has no such branch. */
    BRANCH("matrix_git_branch", 502, false),
    /** The branch has no such folder. */
    FOLDER("matrix_git_folder", 502, false),
    /** The local work directory cannot be written. */
    WORK_DIR("matrix_git_work_dir", 500, false);

    final String code;
    final int status;
    final boolean retryable;

    Reason(String code, int status, boolean retryable) {
      this.code = code;
      this.status = status;
      this.retryable = retryable;
    }
  }

  private final Reason reason;

  public MatrixGitException(Reason reason, String message, Throwable cause) {
    super(message, cause);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }

  @Override
  public int httpStatus() {
    return reason.status;
  }

  @Override
  public String code() {
    return reason.code;
  }

  @Override
  public boolean retryable() {
    return reason.retryable;
  }
}
