package dev.idcplane.identitycenter.aws;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * JUnit 5 extension that runs {@code deploy/moto/launcher.py} (moto with our sso-admin patches) on
 * a free loopback port for one test class. It waits for the launcher's ready line and one answered
 * HTTP request, never for a fixed time. If moto cannot start the tests FAIL (never skip): the
 * contract must run everywhere CI runs. The server also dies with the JVM (shutdown hook, and the
 * launcher exits when its stdin closes). Outside JUnit extensions (a Quarkus test resource) call
 * {@link #start()} and {@link #stop()}.
 *
 * <p>{@code new MotoServer()} is moto as patched: every sso-admin operation completes inside the
 * call. {@link #awsLike} starts it with {@code --aws-like} (deploy/moto/aws_like_patches.py):
 * operations stay IN_PROGRESS for a while, and AWS's outstanding-operation cap and request rate
 * answer ThrottlingException.
 */
public final class MotoServer implements BeforeAllCallback, AfterAllCallback {
  private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
  private final List<String> modeArgs;
  private final java.util.Map<String, String> environment = new java.util.HashMap<>();
  private Process process;
  private Thread shutdownHook;
  private URI endpoint;
  private Path log;

  /** moto as patched: every operation completes inside the call. */
  public MotoServer() {
    this.modeArgs = List.of();
  }

  private MotoServer(List<String> modeArgs) {
    this.modeArgs = List.copyOf(modeArgs);
  }

  /**
   * moto in AWS-like mode.
   *
   * @param opLatency how long an assignment or provisioning operation stays IN_PROGRESS
   * @param maxOutstanding IN_PROGRESS operations at once before ThrottlingException (AWS: 15)
   * @param rate sso-admin calls per one-second window before ThrottlingException (AWS: 20)
   */
  public static MotoServer awsLike(Duration opLatency, int maxOutstanding, int rate) {
    return new MotoServer(
        List.of(
            "--aws-like",
            "--op-latency",
            Double.toString(opLatency.toMillis() / 1000.0),
            "--max-outstanding",
            Integer.toString(maxOutstanding),
            "--rate",
            Integer.toString(rate)));
  }

  /**
   * Sets an environment variable of the moto process (before {@link #start()}); e.g. {@code
   * SSL_CERT_FILE} for a test's own CA, which oidc_patches.py's key fetches then trust.
   */
  public MotoServer environment(String name, String value) {
    environment.put(name, value);
    return this;
  }

  public URI endpoint() {
    if (endpoint == null) {
      throw new IllegalStateException("moto is not running");
    }
    return endpoint;
  }

  @Override
  public void beforeAll(ExtensionContext context) throws Exception {
    start();
  }

  /** Starts moto on a free port and waits until it answers. */
  public void start() throws IOException, InterruptedException {
    Path launcher = Path.of(System.getProperty("user.dir"), "deploy", "moto", "launcher.py");
    if (!Files.isRegularFile(launcher)) {
      throw new IllegalStateException("moto launcher not found at " + launcher);
    }
    int port = freePort();
    log =
        Files.createDirectories(Path.of(System.getProperty("user.dir"), "target"))
            .resolve("moto-" + port + ".log");
    List<String> command =
        new ArrayList<>(
            List.of(
                "python3",
                launcher.toString(),
                "--port",
                Integer.toString(port),
                "--seed",
                "7",
                "--exit-on-stdin-eof"));
    command.addAll(modeArgs);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(environment);
    pb.redirectError(log.toFile());
    try {
      process = pb.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot run python3 for moto: " + e.getMessage(), e);
    }
    shutdownHook = new Thread(process::destroyForcibly, "moto-shutdown");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    BufferedReader out =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    String ready;
    try {
      ready =
          CompletableFuture.supplyAsync(() -> readLine(out))
              .get(START_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    } catch (Exception e) {
      throw fail("moto did not report ready within " + START_TIMEOUT, e);
    }
    if (ready == null || !ready.startsWith("moto ready")) {
      throw fail("moto exited or printed '" + ready + "' instead of its ready line", null);
    }
    endpoint = URI.create("http://127.0.0.1:" + port);
    HttpResponse<String> answer =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(endpoint.resolve("/moto-api/"))
                    .timeout(Duration.ofSeconds(30))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    if (answer.statusCode() != 200) {
      throw fail("moto answered " + answer.statusCode() + " on /moto-api/", null);
    }
  }

  @Override
  public void afterAll(ExtensionContext context) throws Exception {
    stop();
  }

  /** Stops moto (if running) and forgets its endpoint. */
  public void stop() throws InterruptedException {
    if (process != null) {
      process.destroy();
      if (!process.waitFor(10, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
      process = null;
    }
    if (shutdownHook != null) {
      try {
        Runtime.getRuntime().removeShutdownHook(shutdownHook);
      } catch (IllegalStateException e) {
        // the JVM is already shutting down; the hook runs anyway
      }
      shutdownHook = null;
    }
    endpoint = null;
  }

  private IllegalStateException fail(String message, Exception cause) {
    String tail;
    try {
      tail = Files.readString(log);
    } catch (IOException e) {
      tail = "(no log: " + e.getMessage() + ")";
    }
    try {
      stop();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return new IllegalStateException(
        message
            + "; is moto 5.2.1 installed (pip install -r deploy/moto/requirements.txt)? log:\n"
            + tail,
        cause);
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (IOException e) {
      return null;
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
