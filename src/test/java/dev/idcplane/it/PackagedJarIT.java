package dev.idcplane.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.support.TestDatabase;
import io.smallrye.jwt.build.Jwt;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * What ships: the packaged jar ({@code target/quarkus-app/quarkus-run.jar}, built by {@code
 * package}) started with the prod profile and configured through the environment, as the README
 * tells an operator. It serves health, answers 401 without a token and 200 with a token pinned to
 * it, and refuses to start with the dev key or without an audience. Run by failsafe in {@code
 * ./mvnw verify}.
 */
class PackagedJarIT {
  static final Path JAR = Path.of("target", "quarkus-app", "quarkus-run.jar");
  static final String ISSUER = "https://idp.example.test/";
  static final String AUDIENCE = "idc-control-plane";
  static KeyPair keys;
  final HttpClient http = HttpClient.newHttpClient();

  @BeforeAll
  static void keys() throws Exception {
    assertThat(JAR).as("the packaged jar (./mvnw verify packages it first)").exists();
    KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
    gen.initialize(2048);
    keys = gen.generateKeyPair();
  }

  Map<String, String> prodEnvironment(int port) {
    Map<String, String> env = new HashMap<>();
    env.put("IDC_BACKEND", "sandbox"); // no AWS here; the prod profile otherwise defaults to aws
    env.put("IDC_DB_URL", TestDatabase.url());
    env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
    env.put(
        "QUARKUS_OIDC_PUBLIC_KEY",
        Base64.getEncoder().encodeToString(keys.getPublic().getEncoded()));
    env.put("IDC_AUTH_ISSUER", ISSUER);
    env.put("IDC_AUTH_AUDIENCE", AUDIENCE);
    return env;
  }

  static Process start(Map<String, String> env, Path log) throws IOException {
    ProcessBuilder pb =
        new ProcessBuilder(
            Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "-jar",
            JAR.toString());
    pb.environment().keySet().removeIf(k -> k.startsWith("IDC_") || k.startsWith("QUARKUS_"));
    pb.environment().putAll(env);
    pb.redirectErrorStream(true).redirectOutput(log.toFile());
    return pb.start();
  }

  static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  HttpResponse<String> get(int port, String path, String token) throws Exception {
    var request =
        HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
            .timeout(Duration.ofSeconds(10));
    if (token != null) {
      request.header("Authorization", "Bearer " + token);
    }
    return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void startsInProdServesHealthAndPinsTokens() throws Exception {
    int port = freePort();
    Path log = Files.createTempFile("packaged-jar", ".log");
    Process app = start(prodEnvironment(port), log);
    try {
      HttpResponse<String> health = null;
      Instant deadline = Instant.now().plusSeconds(90);
      while (Instant.now().isBefore(deadline) && app.isAlive()) {
        try {
          health = get(port, "/q/health", null);
          if (health.statusCode() == 200) {
            break;
          }
        } catch (IOException notYet) {
          // not listening yet
        }
        Thread.sleep(500);
      }
      assertThat(health).as(Files.readString(log)).isNotNull();
      assertThat(health.statusCode()).as(health.body()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\": \"UP\"");
      assertThat(Files.readString(log)).contains("Profile prod activated");

      HttpResponse<String> anonymous = get(port, "/api/v1/plans", null);
      assertThat(anonymous.statusCode()).isEqualTo(401);
      assertThat(anonymous.body()).contains("\"code\":\"unauthorized\"");

      long now = System.currentTimeMillis() / 1000;
      String pinned =
          Jwt.issuer(ISSUER)
              .audience(AUDIENCE)
              .subject("op-1")
              .groups(Set.of("viewer"))
              .issuedAt(now)
              .expiresAt(now + 300)
              .sign(keys.getPrivate());
      assertThat(get(port, "/api/v1/plans", pinned).statusCode()).isEqualTo(200);
      String otherAudience =
          Jwt.issuer(ISSUER)
              .audience("another-service")
              .subject("op-1")
              .groups(Set.of("viewer"))
              .issuedAt(now)
              .expiresAt(now + 300)
              .sign(keys.getPrivate());
      assertThat(get(port, "/api/v1/plans", otherAudience).statusCode()).isEqualTo(401);
      HttpResponse<String> devToken = get(port, "/dev/token?role=admin", null);
      assertThat(devToken.statusCode()).as("no dev tokens in prod").isIn(401, 404);
      assertThat(devToken.body()).doesNotStartWith("eyJ");
    } finally {
      app.destroy();
      if (!app.waitFor(20, TimeUnit.SECONDS)) {
        app.destroyForcibly();
      }
    }
  }

  @Test
  void refusesTheDevKeyAndAMissingAudience() throws Exception {
    Map<String, String> devKey = prodEnvironment(freePort());
    devKey.put(
        "QUARKUS_OIDC_PUBLIC_KEY", Files.readString(Path.of("deploy/dev/dev-public-key.pem")));
    Map<String, String> noAudience = prodEnvironment(freePort());
    noAudience.remove("IDC_AUTH_AUDIENCE");
    for (var c :
        List.of(
            Map.entry("committed dev key", devKey), Map.entry("IDC_AUTH_AUDIENCE", noAudience))) {
      Path log = Files.createTempFile("packaged-jar-refusal", ".log");
      Process app = start(c.getValue(), log);
      boolean ended = app.waitFor(90, TimeUnit.SECONDS);
      if (!ended) {
        app.destroyForcibly();
      }
      String output = Files.readString(log);
      assertThat(ended).as("prod must refuse to start: " + output).isTrue();
      assertThat(app.exitValue()).isNotZero();
      assertThat(output).contains("refusing to start").contains(c.getKey());
    }
  }
}
