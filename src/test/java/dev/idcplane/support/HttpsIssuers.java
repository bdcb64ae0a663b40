package dev.idcplane.support;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.jose4j.jwk.JsonWebKey;
import org.jose4j.jwk.RsaJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;

/**
 * Local OpenID issuers over real HTTPS for the application doctor: a certificate for 127.0.0.1 made
 * by the JDK's keytool for this run, a trust store holding it (configured as {@code
 * idc.doctor.trust-store}), and two issuers: {@code /good} (discovery names itself, JWKS holds an
 * RSA key whose private half is written to the file {@code idcplane-test-issuer-key} names, so
 * tests sign real tokens) and {@code /wrong} (discovery names another issuer). The configured
 * matrix is the shipped one plus {@code applications.yaml}, which declares both issuers and three
 * applications ({@code portal} lets the sandbox's own caller exchange tokens).
 */
public class HttpsIssuers implements QuarkusTestResourceLifecycleManager {
  public static final String PASSWORD = "changeit";
  private HttpsServer server;

  @Override
  public Map<String, String> start() {
    try {
      Path dir = Files.createTempDirectory("idc-test-https-issuer");
      Path keystore = dir.resolve("server.p12");
      Process keytool =
          new ProcessBuilder(
                  Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                  "-genkeypair",
                  "-alias",
                  "issuer",
                  "-keyalg",
                  "RSA",
                  "-keysize",
                  "2048",
                  "-dname",
                  "CN=127.0.0.1",
                  "-ext",
                  "SAN=ip:127.0.0.1",
                  "-validity",
                  "2",
                  "-storetype",
                  "PKCS12",
                  "-keystore",
                  keystore.toString(),
                  "-storepass",
                  PASSWORD,
                  "-keypass",
                  PASSWORD)
              .redirectErrorStream(true)
              .start();
      if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
        throw new IllegalStateException(
            "keytool failed: " + new String(keytool.getInputStream().readAllBytes()));
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keystore)) {
        ks.load(in, PASSWORD.toCharArray());
      }
      KeyStore trust = KeyStore.getInstance("PKCS12");
      trust.load(null, null);
      trust.setCertificateEntry("issuer", ks.getCertificate("issuer"));
      Path pem = dir.resolve("issuer-ca.pem");
      Files.writeString(
          pem,
          "-----BEGIN CERTIFICATE-----\n"
              + java.util.Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII))
                  .encodeToString(ks.getCertificate("issuer").getEncoded())
              + "\n-----END CERTIFICATE-----\n");
      Path truststore = dir.resolve("trust.p12");
      try (OutputStream out = Files.newOutputStream(truststore)) {
        trust.store(out, PASSWORD.toCharArray());
      }
      KeyManagerFactory kmf =
          KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, PASSWORD.toCharArray());
      SSLContext tls = SSLContext.getInstance("TLS");
      tls.init(kmf.getKeyManagers(), null, null);

      server = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
      server.setHttpsConfigurator(new HttpsConfigurator(tls));
      String base = "https://127.0.0.1:" + server.getAddress().getPort();
      serve("/good", base + "/good", base + "/good/jwks");
      serve("/wrong", "https://elsewhere.example", base + "/wrong/jwks");
      RsaJsonWebKey signing = RsaJwkGenerator.generateJwk(2048);
      signing.setKeyId("k1");
      Path signingKey = dir.resolve("signing-key.json");
      Files.writeString(signingKey, signing.toJson(JsonWebKey.OutputControlLevel.INCLUDE_PRIVATE));
      String publicKeys =
          "{\"keys\":[" + signing.toJson(JsonWebKey.OutputControlLevel.PUBLIC_ONLY) + "]}";
      server.createContext("/good/jwks", ex -> json(ex, publicKeys));
      server.start();

      Path matrix = dir.resolve("matrix");
      Files.createDirectories(matrix);
      for (String f : List.of("assignments.yaml", "permission-sets.yaml")) {
        Files.copy(Path.of("assignments", f), matrix.resolve(f));
      }
      Files.writeString(
          matrix.resolve("applications.yaml"),
          String.join(
              "\n",
              "trusted_token_issuers:",
              "  corp-idp:",
              "    issuer_url: " + base + "/good",
              "    claim_attribute_path: email",
              "    identity_store_attribute_path: userName",
              "  stale-idp:",
              "    issuer_url: " + base + "/wrong",
              "    claim_attribute_path: email",
              "    identity_store_attribute_path: userName",
              "applications:",
              "  release-bot:",
              "    callers: [arn:aws:iam::111122223333:role/release-bot]",
              "    jwt_bearer:",
              "      - issuer: corp-idp",
              "        audiences: [release-bot]",
              "    assignments: {groups: [aws-platform-admins]}",
              "  broken-bot:",
              "    callers: [arn:aws:iam::111122223333:role/broken-bot]",
              "    jwt_bearer:",
              "      - issuer: stale-idp",
              "        audiences: [broken-bot]",
              "  portal:",
              "    callers: [arn:aws:iam::111111111111:role/idc-control-plane]",
              "    jwt_bearer:",
              "      - issuer: corp-idp",
              "        audiences: [portal]",
              "    scopes: [sts:identity_context]",
              "    assignments: {groups: [aws-platform-admins]}",
              ""));
      Map<String, String> config = new HashMap<>();
      config.put("idc.matrix.path", matrix.toString());
      config.put("idc.doctor.trust-store", truststore.toString());
      config.put("idc.doctor.trust-store-password", PASSWORD);
      config.put("idcplane-test-issuer-base", base);
      config.put("idcplane-test-issuer-key", signingKey.toString());
      config.put("idcplane-test-issuer-ca-pem", pem.toString());
      return config;
    } catch (Exception e) {
      throw new IllegalStateException("cannot start the local HTTPS issuers", e);
    }
  }

  private void serve(String path, String issuer, String jwksUri) {
    server.createContext(
        path + "/.well-known/openid-configuration",
        ex -> json(ex, "{\"issuer\":\"" + issuer + "\",\"jwks_uri\":\"" + jwksUri + "\"}"));
  }

  @Override
  public void stop() {
    if (server != null) {
      server.stop(0);
    }
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
