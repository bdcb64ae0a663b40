package dev.idcplane.identitycenter.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.support.HttpsIssuers;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jose4j.jwk.PublicJsonWebKey;
import org.jose4j.jwk.RsaJwkGenerator;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * CreateTokenWithIAM (jwt-bearer) as both backends answer it, with tokens signed by a local HTTPS
 * issuer's real key: an application set up through the {@link Applications} port, whose actor
 * policy names the backend's own {@link TokenExchange#callerArn()}, exchanges a good token for the
 * user's identity; each fault is refused with the OAuth error AWS answers.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class TokenExchangeContractTest {
  /** A backend: its applications, its exchange, the instance and one user of its store. */
  public record Backend(
      Applications apps, TokenExchange exchange, String instanceArn, String userId, String user) {}

  /** The backend, trusting the issuer whose settings {@link HttpsIssuers#start()} returned. */
  protected abstract Backend backend(Map<String, String> issuer) throws Exception;

  private final HttpsIssuers issuers = new HttpsIssuers();
  private Map<String, String> issuer;
  private Backend b;
  private PublicJsonWebKey key;
  private String app;

  @BeforeAll
  void setUp() throws Exception {
    issuer = issuers.start();
    key =
        PublicJsonWebKey.Factory.newPublicJwk(
            Files.readString(Path.of(issuer.get("idcplane-test-issuer-key"))));
    b = backend(issuer);
    String tti =
        b.apps()
            .createTrustedTokenIssuer(
                b.instanceArn(),
                new TrustedTokenIssuer(null, "corp-idp", url(), "email", "userName"));
    app = b.apps().createApplication(b.instanceArn(), "portal", null, "ENABLED");
    b.apps()
        .putGrant(
            app,
            ApplicationGrant.jwtBearer(
                List.of(new ApplicationGrant.AuthorizedIssuer(tti, List.of("portal")))));
    b.apps().putActorPolicy(app, actor(b.exchange().callerArn(), "sso-oauth:CreateTokenWithIAM"));
    b.apps().putAccessScope(app, new AccessScope("sts:identity_context", List.of()));
    b.apps().createAssignment(app, new ApplicationAssignment(PrincipalType.USER, b.userId()));
  }

  @AfterAll
  void tearDown() {
    issuers.stop();
  }

  String url() {
    return issuer.get("idcplane-test-issuer-base") + "/good";
  }

  static String actor(String principal, String action) {
    return "{\"Version\":\"2012-10-17\",\"Statement\":[{\"Effect\":\"Allow\",\"Principal\":{\"AWS\":\""
        + principal
        + "\"},\"Action\":\""
        + action
        + "\",\"Resource\":\"*\"}]}";
  }

  String token(PublicJsonWebKey signer, String audience, String email, long expiresIn)
      throws Exception {
    JwtClaims claims = new JwtClaims();
    long now = System.currentTimeMillis() / 1000;
    claims.setIssuer(url());
    claims.setAudience(audience);
    claims.setSubject("idp-user-1");
    claims.setClaim("email", email);
    claims.setIssuedAt(NumericDate.fromSeconds(now - 600));
    claims.setExpirationTime(NumericDate.fromSeconds(now + expiresIn));
    JsonWebSignature jws = new JsonWebSignature();
    jws.setPayload(claims.toJson());
    jws.setKey(signer.getPrivateKey());
    jws.setKeyIdHeaderValue(signer.getKeyId());
    jws.setAlgorithmHeaderValue(AlgorithmIdentifiers.RSA_USING_SHA256);
    return jws.getCompactSerialization();
  }

  ExchangeResult exchange(String token) {
    return b.exchange().exchangeJwtBearer(app, token);
  }

  static void refused(ExchangeResult r, String error, String mentions) {
    assertThat(r).isInstanceOf(ExchangeResult.Refused.class);
    ExchangeResult.Refused refused = (ExchangeResult.Refused) r;
    assertThat(refused.error()).isEqualTo(error);
    assertThat(refused.description()).containsIgnoringCase(mentions);
  }

  @Test
  void aGoodTokenIsExchangedForTheUsersIdentity() throws Exception {
    ExchangeResult r = exchange(token(key, "portal", b.user(), 300));

    assertThat(r).isInstanceOf(ExchangeResult.Granted.class);
    ExchangeResult.Granted g = (ExchangeResult.Granted) r;
    assertThat(g.userId()).isEqualTo(b.userId());
    assertThat(g.scopes()).containsExactly("sts:identity_context");
    assertThat(g.identityContext()).isTrue();
    assertThat(g.expiresInSeconds()).isPositive();
  }

  @Test
  void badTokensAreInvalidGrants() throws Exception {
    refused(exchange(token(key, "portal", b.user(), -60)), "invalid_grant", "expired");
    refused(exchange(token(key, "other", b.user(), 300)), "invalid_grant", "audience");
    PublicJsonWebKey foreign = RsaJwkGenerator.generateJwk(2048);
    foreign.setKeyId(key.getKeyId());
    refused(exchange(token(foreign, "portal", b.user(), 300)), "invalid_grant", "signature");
    refused(exchange(token(key, "portal", "mallory@example.com", 300)), "invalid_grant", "no user");
    refused(exchange("not-a-jwt"), "invalid_grant", "not a JWT");
  }

  @Test
  void anUnknownClientIsInvalid() throws Exception {
    String other = app.substring(0, app.lastIndexOf('/') + 1) + "apl-0000000000000000";
    refused(
        b.exchange().exchangeJwtBearer(other, token(key, "portal", b.user(), 300)),
        "invalid_client",
        "client");
  }

  @Test
  void aCallerTheActorPolicyDoesNotNameOrAnUnassignedUserIsDenied() throws Exception {
    String good = token(key, "portal", b.user(), 300);
    b.apps().putActorPolicy(app, actor("arn:aws:iam::999999999999:role/x", "sso-oauth:*"));
    try {
      refused(exchange(good), "access_denied", "not authorized");
    } finally {
      b.apps().putActorPolicy(app, actor(b.exchange().callerArn(), "sso-oauth:CreateTokenWithIAM"));
    }
    ApplicationAssignment assignment = new ApplicationAssignment(PrincipalType.USER, b.userId());
    b.apps().deleteAssignment(app, assignment);
    try {
      refused(exchange(good), "access_denied", "assigned");
    } finally {
      b.apps().createAssignment(app, assignment);
    }
  }
}
