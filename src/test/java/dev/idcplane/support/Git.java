package dev.idcplane.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs git in a test's own repository; any failure fails the test with git's output. */
public final class Git {
  private Git() {}

  /** A new repository in {@code dir} with a local identity, so commits work on any machine. */
  public static void init(Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    run(dir, "init", "-q");
    run(dir, "config", "user.name", "IDC Test");
    run(dir, "config", "user.email", "idc-test@example.com");
    run(dir, "config", "commit.gpgsign", "false");
  }

  /** Commits everything in the work tree; returns the new HEAD. */
  public static String commitAll(Path dir, String message) {
    run(dir, "add", "-A");
    run(dir, "commit", "-q", "-m", message);
    return run(dir, "rev-parse", "HEAD");
  }

  /** {@code git args} in {@code dir}; its output, stripped. */
  public static String run(Path dir, String... args) {
    List<String> command = new ArrayList<>(List.of("git"));
    command.addAll(List.of(args));
    try {
      Process p =
          new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
      String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(30, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new AssertionError("git " + String.join(" ", args) + " did not finish");
      }
      if (p.exitValue() != 0) {
        throw new AssertionError(
            "git " + String.join(" ", args) + " exited " + p.exitValue() + ": " + out);
      }
      return out.strip();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
