package dev.idcplane.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.time.Duration;
import java.util.Set;

/** Mints real RS256 tokens signed with the key {@link TestKeys} made the service trust. */
public final class TestTokens {
  private TestTokens() {}

  /** The audience the test profile pins tokens to ({@code idc.auth.audience}). */
  public static final String AUDIENCE = "idc-control-plane";

  /** A bearer token for {@code subject} holding {@code roles} in its groups claim. */
  public static String token(String subject, String... roles) {
    return Jwt.issuer(TestKeys.ISSUER)
        .audience(AUDIENCE)
        .subject(subject)
        .groups(Set.of(roles))
        .expiresIn(Duration.ofMinutes(10))
        .sign(key());
  }

  /** A token signed with a key the service does not trust. */
  public static String foreignToken(String... roles) {
    try {
      var gen = java.security.KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048);
      return Jwt.issuer(TestKeys.ISSUER)
          .audience(AUDIENCE)
          .subject("mallory")
          .groups(Set.of(roles))
          .expiresIn(Duration.ofMinutes(10))
          .sign(gen.generateKeyPair().getPrivate());
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** An expired token signed with the trusted key. */
  public static String expiredToken(String... roles) {
    long past = System.currentTimeMillis() / 1000 - 3600;
    return Jwt.issuer(TestKeys.ISSUER)
        .audience(AUDIENCE)
        .subject("late")
        .groups(Set.of(roles))
        .issuedAt(past - 600)
        .expiresAt(past)
        .sign(key());
  }

  /**
   * A token signed with the trusted key whose claims the caller sets in full (for tokens with the
   * wrong audience or issuer, or with no subject).
   */
  public static String signed(java.util.Map<String, Object> claims) {
    var builder = Jwt.claims(claims);
    if (!claims.containsKey("exp")) {
      builder.expiresIn(Duration.ofMinutes(10));
    }
    return builder.sign(key());
  }

  private static PrivateKey key() {
    String file = System.getProperty(TestKeys.PROPERTY);
    if (file == null) {
      throw new IllegalStateException(
          "TestKeys has not run: annotate the test with" + " @QuarkusTestResource(TestKeys.class)");
    }
    try {
      return KeyUtils.decodePrivateKey(Files.readString(Path.of(file)));
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the test signing key", e);
    }
  }
}
