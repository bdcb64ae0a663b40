package dev.idcplane.source;

import dev.idcplane.config.IdcConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * The git commit the configured matrix comes from, for plans whose caller gave none: {@code
 * idc.matrix.commit} when set; otherwise, when the matrix folder is inside a git work tree, {@code
 * git rev-parse HEAD} run there, with the suffix {@value #DIRTY} when a matrix file of the folder
 * differs from HEAD. Only what the loader reads counts ({@code *.yaml}/{@code *.yml} directly in
 * the folder), and an ignored matrix file counts as uncommitted, so a matrix under an ignored
 * folder (such as {@code target/}) never passes for the repository's HEAD. No git, no repository,
 * no commit yet, or git not answering within the timeout: no commit, logged once at debug.
 *
 * <p>Asks git on every call, so the next plan sees a new commit; thread-safe.
 */
@ApplicationScoped
public class MatrixCommitReader {
  static final String DIRTY = "-dirty";
  static final Duration TIMEOUT = Duration.ofSeconds(5);
  private static final Logger LOG = Logger.getLogger(MatrixCommitReader.class);
  private static final Pattern SHA = Pattern.compile("[0-9a-f]{40}|[0-9a-f]{64}");
  private static final List<String> MATRIX_FILES =
      List.of(":(glob,icase)*.yaml", ":(glob,icase)*.yml");

  private final Optional<String> configured;
  private final Path folder;
  private final String git;
  private final Duration timeout;
  private final AtomicBoolean logged = new AtomicBoolean();

  @Inject
  public MatrixCommitReader(IdcConfig config) {
    this(config.matrix().commit(), Path.of(config.matrix().path()), "git", TIMEOUT);
  }

  MatrixCommitReader(Optional<String> configured, Path folder, String git, Duration timeout) {
    this.configured = configured.map(String::strip).filter(c -> !c.isEmpty());
    this.folder = folder.toAbsolutePath();
    this.git = git;
    this.timeout = timeout;
  }

  /** The commit of the configured matrix as it is now, if known. */
  public Optional<String> read() {
    if (configured.isPresent()) {
      return configured;
    }
    Result head = run(List.of("rev-parse", "--verify", "--quiet", "HEAD"));
    if (!head.ok() || !SHA.matcher(head.output()).matches()) {
      return none(head.ok() ? "HEAD is not a commit" : head.output());
    }
    List<String> status = new ArrayList<>(List.of("status", "--porcelain", "--ignored", "--"));
    status.addAll(MATRIX_FILES);
    Result changed = run(status);
    if (!changed.ok()) {
      return none(changed.output());
    }
    return Optional.of(changed.output().isEmpty() ? head.output() : head.output() + DIRTY);
  }

  private Optional<String> none(String why) {
    if (logged.compareAndSet(false, true)) {
      LOG.debugf(
          "matrix folder %s has no git commit (%s): plans record none unless given one"
              + " (idc.matrix.commit, ?commit=)",
          folder, why);
    }
    return Optional.empty();
  }

  /** Output (stripped) when ok; else why not. */
  private record Result(boolean ok, String output) {}

  private Result run(List<String> args) {
    List<String> command = new ArrayList<>(args.size() + 1);
    command.add(git);
    command.addAll(args);
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(folder.toFile())
              .redirectError(ProcessBuilder.Redirect.DISCARD)
              .start();
    } catch (IOException e) {
      return new Result(false, "cannot run " + git + ": " + e.getMessage());
    }
    // Read while git runs, so a long output never blocks it on a full pipe.
    CompletableFuture<String> output =
        CompletableFuture.supplyAsync(() -> readAll(process.getInputStream()));
    try {
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly();
        return new Result(false, git + " did not answer within " + timeout);
      }
      String text = output.get(timeout.toMillis(), TimeUnit.MILLISECONDS).strip();
      return process.exitValue() == 0
          ? new Result(true, text)
          : new Result(
              false,
              git
                  + " "
                  + args.get(0)
                  + " exited "
                  + process.exitValue()
                  + ": not a git work tree?");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
      return new Result(false, "interrupted");
    } catch (ExecutionException | TimeoutException e) {
      process.destroyForcibly();
      return new Result(false, "cannot read " + git + "'s output: " + e.getMessage());
    }
  }

  private static String readAll(InputStream in) {
    try (in) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
