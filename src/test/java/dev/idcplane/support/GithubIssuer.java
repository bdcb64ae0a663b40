package dev.idcplane.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.RSAPublicKey;
import java.util.Arrays;
import java.util.Base64;
import java.util.Map;

/**
 * A stand-in for {@code token.actions.githubusercontent.com}: a local HTTP server with an OIDC
 * discovery document and a JWKS holding an RSA key generated for this run, so the service verifies
 * GitHub-shaped tokens exactly as it would GitHub's, and no test contacts GitHub. Configures the
 * github tenant to trust it for {@link #AUDIENCE} and {@link #REPOSITORY}, deploying only in {@link
 * #ENVIRONMENT}. {@link GithubTokens} signs with the private half, which travels through a file
 * named in a system property (test code and the application may see different class loaders).
 */
public class GithubIssuer implements QuarkusTestResourceLifecycleManager {
  static final String KEY_PROPERTY = "idcplane-test-github-key-file";
  static final String ISSUER_PROPERTY = "idcplane-test-github-issuer";
  static final String KID = "idc-test-github";
  public static final String AUDIENCE = "idc-control-plane-test";
  public static final String REPOSITORY = "acme/idc-matrix";
  public static final String ENVIRONMENT = "identity-center";

  private HttpServer server;

  @Override
  public Map<String, String> start() {
    try {
      KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048);
      KeyPair pair = gen.generateKeyPair();
      Path file = Files.createTempDirectory("idc-test-github").resolve("private.pem");
      Files.writeString(
          file,
          "-----BEGIN PRIVATE KEY-----\n"
              + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
              + "\n-----END PRIVATE KEY-----\n");

      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      String issuer = "http://127.0.0.1:" + server.getAddress().getPort();
      RSAPublicKey key = (RSAPublicKey) pair.getPublic();
      String jwks =
          "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\""
              + KID
              + "\",\"n\":\""
              + b64(key.getModulus())
              + "\",\"e\":\""
              + b64(key.getPublicExponent())
              + "\"}]}";
      String discovery =
          "{\"issuer\":\""
              + issuer
              + "\",\"jwks_uri\":\""
              + issuer
              + "/.well-known/jwks\",\"subject_types_supported\":[\"public\"],"
              + "\"response_types_supported\":[\"id_token\"],"
              + "\"id_token_signing_alg_values_supported\":[\"RS256\"]}";
      server.createContext("/.well-known/openid-configuration", ex -> json(ex, discovery));
      server.createContext("/.well-known/jwks", ex -> json(ex, jwks));
      server.start();

      System.setProperty(KEY_PROPERTY, file.toString());
      System.setProperty(ISSUER_PROPERTY, issuer);
      return Map.of(
          "idc.auth.github.issuer", issuer,
          "idc.auth.github.audience", AUDIENCE,
          "idc.auth.github.repositories", REPOSITORY + ",acme/other-matrix",
          "idc.auth.github.deploy-environment", ENVIRONMENT);
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the local GitHub OIDC issuer", e);
    }
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
    System.clearProperty(KEY_PROPERTY);
    System.clearProperty(ISSUER_PROPERTY);
  }

  /** Unsigned big-endian base64url, as JWK wants it. */
  private static String b64(BigInteger value) {
    byte[] bytes = value.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  private static void json(HttpExchange exchange, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", "application/json");
    exchange.sendResponseHeaders(200, bytes.length);
    try (var out = exchange.getResponseBody()) {
      out.write(bytes);
    }
  }
}
