package dev.idcplane.support;

import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.build.JwtClaimsBuilder;
import io.smallrye.jwt.util.KeyUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * Mints GitHub Actions-shaped OIDC tokens (the claims GitHub documents for workflow tokens) signed
 * with the key {@link GithubIssuer} serves. Start from {@link #push} or {@link #pullRequest} and
 * change claims with {@link #with}; {@link #sign} gives the bearer token.
 */
public final class GithubTokens {
  private final Map<String, Object> claims;
  private PrivateKey key;

  private GithubTokens(Map<String, Object> claims) {
    this.claims = claims;
  }

  /** A push to {@code ref} of {@code repository}, in the deploy environment. */
  public static GithubTokens push(String repository, String ref) {
    Map<String, Object> c = base(repository, ref, "push");
    c.put("environment", GithubIssuer.ENVIRONMENT);
    c.put("sub", "repo:" + repository + ":environment:" + GithubIssuer.ENVIRONMENT);
    return new GithubTokens(c);
  }

  /** A pull-request run of {@code repository} (PR number 7). */
  public static GithubTokens pullRequest(String repository) {
    Map<String, Object> c = base(repository, "refs/pull/7/merge", "pull_request");
    c.put("sub", "repo:" + repository + ":pull_request");
    return new GithubTokens(c);
  }

  private static Map<String, Object> base(String repository, String ref, String event) {
    long now = Instant.now().getEpochSecond();
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("iss", issuer());
    c.put("aud", GithubIssuer.AUDIENCE);
    c.put("sub", "repo:" + repository + ":ref:" + ref);
    c.put("repository", repository);
    c.put("repository_owner", repository.substring(0, repository.indexOf('/')));
    c.put("ref", ref);
    c.put("event_name", event);
    c.put("actor", "octocat");
    c.put("workflow", "IDC Control Plane");
    c.put("iat", now);
    c.put("nbf", now);
    c.put("exp", now + 300);
    c.put("jti", UUID.randomUUID().toString());
    return c;
  }

  /** Sets a claim; a null value removes it. */
  public GithubTokens with(String claim, Object value) {
    if (value == null) {
      claims.remove(claim);
    } else {
      claims.put(claim, value);
    }
    return this;
  }

  /** Expired an hour ago. */
  public GithubTokens expired() {
    long past = Instant.now().getEpochSecond() - 3600;
    return with("iat", past - 300).with("nbf", past - 300).with("exp", past);
  }

  /** Signs with a fresh key the issuer does not serve, under the same key id. */
  public GithubTokens signedByAnotherKey() {
    try {
      var gen = KeyPairGenerator.getInstance("RSA");
      gen.initialize(2048);
      key = gen.generateKeyPair().getPrivate();
      return this;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** The subject this token carries. */
  public String subject() {
    return (String) claims.get("sub");
  }

  /** The signed compact token. */
  public String sign() {
    JwtClaimsBuilder builder = Jwt.claims();
    claims.forEach(builder::claim);
    return builder.jws().keyId(GithubIssuer.KID).sign(key == null ? issuerKey() : key);
  }

  /** The URL the local GitHub issuer runs at. */
  public static String issuer() {
    return required(GithubIssuer.ISSUER_PROPERTY);
  }

  private static PrivateKey issuerKey() {
    try {
      return KeyUtils.decodePrivateKey(
          Files.readString(Path.of(required(GithubIssuer.KEY_PROPERTY))));
    } catch (Exception e) {
      throw new IllegalStateException("cannot read the GitHub test signing key", e);
    }
  }

  private static String required(String property) {
    String value = System.getProperty(property);
    if (value == null) {
      throw new IllegalStateException(
          "GithubIssuer has not run: annotate the test with"
              + " @QuarkusTestResource(value = GithubIssuer.class, restrictToAnnotatedClass = true)");
    }
    return value;
  }
}
