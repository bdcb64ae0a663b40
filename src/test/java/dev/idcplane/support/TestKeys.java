package dev.idcplane.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Map;

/**
 * Generates an RSA key pair for the test run: the service trusts the public half
 * (quarkus.oidc.public-key) and {@link TestTokens} signs with the private half, so every API test
 * sends a real signed token and no key is committed. The private key travels through a file named
 * in a system property because test code and the application may see different class loaders.
 */
public class TestKeys implements QuarkusTestResourceLifecycleManager {
  static final String PROPERTY = "idcplane-test-signing-key-file";
  static final String ISSUER = "idc-control-plane-test";

  @Override
  public Map<String, String> start() {
    try {
      String existing = System.getProperty(PROPERTY);
      Path file;
      String publicKey;
      if (existing != null) {
        file = Path.of(existing);
        publicKey = Files.readString(file.resolveSibling("public.b64"));
      } else {
        KeyPairGenerator gen = KeyPairGenerator.getInstance("RSA");
        gen.initialize(2048);
        KeyPair pair = gen.generateKeyPair();
        Path dir = Files.createTempDirectory("idc-test-keys");
        file = dir.resolve("private.pem");
        String pem =
            "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder().encodeToString(pair.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        Files.writeString(file, pem);
        publicKey = Base64.getEncoder().encodeToString(pair.getPublic().getEncoded());
        Files.writeString(dir.resolve("public.b64"), publicKey);
        System.setProperty(PROPERTY, file.toString());
      }
      return Map.of("quarkus.oidc.public-key", publicKey, "quarkus.oidc.token.issuer", ISSUER);
    } catch (Exception e) {
      throw new IllegalStateException("cannot create the test signing key", e);
    }
  }

  @Override
  public void stop() {}
}
