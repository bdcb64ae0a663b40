package dev.idcplane.identitycenter.sandbox;

/**
 * A sandbox seed that cannot be loaded: the message reads {@code file:line: what is wrong (fix)}.
 */
public final class SandboxSeedException extends RuntimeException {
  private final String file;
  private final int line;

  SandboxSeedException(String file, int line, String message) {
    super(file + ":" + line + ": " + message);
    this.file = file;
    this.line = line;
  }

  public String file() {
    return file;
  }

  /** 1-based line of the offending node. */
  public int line() {
    return line;
  }
}
