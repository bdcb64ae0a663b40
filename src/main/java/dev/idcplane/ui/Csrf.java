package dev.idcplane.ui;

import io.quarkus.security.ForbiddenException;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * CSRF tokens bound to the login session: an HMAC of the subject and the ID token's issue time, so
 * a token from another session (or another person) is refused, and a new login gets a new one.
 * Every state-changing form of the console carries it and its resource checks it before doing
 * anything; the session cookie is also SameSite=Lax. The key is derived from the console's client
 * secret, so every replica accepts the tokens of the others; without a secret, from a random key
 * made at start (tokens then die with the process). Thread-safe.
 */
@ApplicationScoped
public class Csrf {
  /** The form field the token travels in. */
  public static final String FIELD = "csrf";

  private final byte[] key;

  public Csrf(
      @ConfigProperty(name = "quarkus.oidc.ui.credentials.secret") Optional<String> secret) {
    this.key =
        secret
            .filter(s -> !s.isBlank())
            .map(s -> hmac(s.getBytes(StandardCharsets.UTF_8), "idc-console-csrf"))
            .orElseGet(Csrf::randomKey);
  }

  /** The token of the current session. */
  public String token(SecurityIdentity identity) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(hmac(key, session(identity)));
  }

  /** Refuses (403) a request whose token is missing or is not the current session's. */
  public void check(SecurityIdentity identity, String given) {
    byte[] expected = token(identity).getBytes(StandardCharsets.US_ASCII);
    byte[] actual = given == null ? new byte[0] : given.getBytes(StandardCharsets.US_ASCII);
    if (!MessageDigest.isEqual(expected, actual)) {
      throw new ForbiddenException("the form's CSRF token is missing or is not this session's");
    }
  }

  private static String session(SecurityIdentity identity) {
    if (identity.getPrincipal() instanceof JsonWebToken jwt) {
      return jwt.getSubject() + "|" + jwt.getIssuedAtTime() + "|" + jwt.getIssuer();
    }
    return identity.getPrincipal().getName();
  }

  private static byte[] hmac(byte[] key, String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  private static byte[] randomKey() {
    byte[] k = new byte[32];
    new SecureRandom().nextBytes(k);
    return k;
  }
}
