package dev.idcplane.identitycenter.sandbox;

import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.apps.AccessScope;
import dev.idcplane.identitycenter.apps.ApplicationAssignment;
import dev.idcplane.identitycenter.apps.ApplicationGrant;
import dev.idcplane.identitycenter.apps.ApplicationInfo;
import dev.idcplane.identitycenter.apps.Applications;
import dev.idcplane.identitycenter.apps.ExchangeResult;
import dev.idcplane.identitycenter.apps.GrantType;
import dev.idcplane.identitycenter.apps.TokenExchange;
import dev.idcplane.identitycenter.apps.TrustedTokenIssuer;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jwk.JsonWebKeySet;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jwt.JwtClaims;
import org.jose4j.jwt.NumericDate;
import org.jose4j.jwt.consumer.InvalidJwtException;
import org.jose4j.jwt.consumer.JwtConsumer;
import org.jose4j.jwt.consumer.JwtConsumerBuilder;
import org.jose4j.jwt.consumer.JwtContext;
import org.jose4j.keys.resolvers.JwksVerificationKeyResolver;
import org.jose4j.lang.JoseException;

/**
 * CreateTokenWithIAM with the jwt-bearer grant, as Identity Center answers it (OIDC API reference,
 * CreateTokenWithIAM; user guide, "Using applications with a trusted token issuer"), over the
 * sandbox's applications and directory. In order: the client id must be an application of the
 * instance ({@code invalid_client}); its IAM authentication method's actor policy must allow the
 * caller {@code sso-oauth:CreateTokenWithIAM} ({@code access_denied}); it must have a jwt-bearer
 * grant ({@code unsupported_grant_type}, ASSUMED: AWS documents no code for it); the token's {@code
 * iss} must be the URL of an issuer that grant authorizes, its signature (RS256/384/512) must
 * verify against the keys the issuer publishes (fetched through its discovery document, as AWS
 * does), it must not have expired and one of its {@code aud} must be among the audiences authorized
 * for that issuer ({@code invalid_grant}); the claim at the issuer's claim attribute path must
 * match exactly one user on the identity store attribute path ({@code invalid_grant}); and with
 * assignment required, the user or one of its groups must be assigned ({@code access_denied}). The
 * token granted carries the application's scopes and an identity context.
 */
public final class SandboxTokenExchange implements TokenExchange {
  private static final String ACTION = "sso-oauth:CreateTokenWithIAM";

  /** The user lookup the exchange needs: a user id for an attribute path and value. */
  public interface Directory {
    Optional<String> findUserIdByAttribute(String path, String value);

    Set<String> groupsOf(String userId);

    String identityStoreId();
  }

  private final Applications applications;
  private final String instanceArn;
  private final Directory directory;
  private final Function<String, Optional<String>> jwks;
  private final String callerArn;
  private final Clock clock;

  /**
   * @param jwks the JSON Web Key Set an issuer URL publishes (through its discovery document), or
   *     empty when it cannot be fetched
   */
  public SandboxTokenExchange(
      Applications applications,
      String instanceArn,
      Directory directory,
      Function<String, Optional<String>> jwks,
      String callerArn,
      Clock clock) {
    this.applications = applications;
    this.instanceArn = instanceArn;
    this.directory = directory;
    this.jwks = jwks;
    this.callerArn = callerArn;
    this.clock = clock;
  }

  @Override
  public String callerArn() {
    return callerArn;
  }

  @Override
  public ExchangeResult exchangeJwtBearer(String applicationArn, String assertion) {
    Optional<ApplicationInfo> app =
        applications.listApplications(instanceArn).stream()
            .filter(a -> a.arn().equals(applicationArn))
            .findFirst();
    if (app.isEmpty()) {
      return ExchangeResult.refused("invalid_client", "Invalid client: " + applicationArn);
    }
    if (!ActorPolicies.allows(applications.getActorPolicy(applicationArn), callerArn, ACTION)) {
      return ExchangeResult.refused(
          "access_denied",
          callerArn + " is not authorized to perform " + ACTION + " on " + applicationArn);
    }
    Optional<ApplicationGrant> grant =
        applications.listGrants(applicationArn).stream()
            .filter(g -> g.type() == GrantType.JWT_BEARER)
            .findFirst();
    if (grant.isEmpty()) {
      return ExchangeResult.refused(
          "unsupported_grant_type", "The application has no " + JWT_BEARER + " grant");
    }
    String iss;
    try {
      iss = unverifiedClaims(assertion).getIssuer();
    } catch (InvalidJwtException | org.jose4j.jwt.MalformedClaimException e) {
      return ExchangeResult.refused("invalid_grant", "The assertion is not a JWT");
    }
    List<TrustedTokenIssuer> issuers = applications.listTrustedTokenIssuers(instanceArn);
    for (ApplicationGrant.AuthorizedIssuer authorized : grant.get().issuers()) {
      Optional<TrustedTokenIssuer> tti =
          issuers.stream()
              .filter(t -> t.arn().equals(authorized.issuerArn()))
              .filter(t -> t.issuerUrl().equals(iss))
              .findFirst();
      if (tti.isPresent()) {
        return exchange(applicationArn, assertion, tti.get(), authorized.audiences());
      }
    }
    return ExchangeResult.refused(
        "invalid_grant", "The token's issuer " + iss + " is not authorized by the application");
  }

  private ExchangeResult exchange(
      String applicationArn, String assertion, TrustedTokenIssuer tti, List<String> audiences) {
    Optional<String> keys = jwks.apply(tti.issuerUrl());
    if (keys.isEmpty()) {
      return ExchangeResult.refused(
          "invalid_grant", "The keys of issuer " + tti.issuerUrl() + " could not be fetched");
    }
    JwtClaims claims;
    try {
      JwtConsumer consumer =
          new JwtConsumerBuilder()
              .setVerificationKeyResolver(
                  new JwksVerificationKeyResolver(new JsonWebKeySet(keys.get()).getJsonWebKeys()))
              .setJwsAlgorithmConstraints(
                  AlgorithmConstraints.ConstraintType.PERMIT,
                  AlgorithmIdentifiers.RSA_USING_SHA256,
                  AlgorithmIdentifiers.RSA_USING_SHA384,
                  AlgorithmIdentifiers.RSA_USING_SHA512)
              .setExpectedIssuer(tti.issuerUrl())
              .setRequireExpirationTime()
              .setEvaluationTime(NumericDate.fromMilliseconds(clock.millis()))
              .setAllowedClockSkewInSeconds(0)
              .setExpectedAudience(true, audiences.toArray(String[]::new))
              .build();
      claims = consumer.processToClaims(assertion);
    } catch (JoseException e) {
      return ExchangeResult.refused(
          "invalid_grant", "The keys of issuer " + tti.issuerUrl() + " are not a JWKS");
    } catch (InvalidJwtException e) {
      return ExchangeResult.refused("invalid_grant", reason(e));
    }
    Object claim = claims.getClaimValue(tti.claimAttributePath());
    if (!(claim instanceof String value) || value.isBlank()) {
      return ExchangeResult.refused(
          "invalid_grant", "The token has no claim " + tti.claimAttributePath());
    }
    Optional<String> user;
    try {
      user = directory.findUserIdByAttribute(tti.identityStoreAttributePath(), value);
    } catch (IdentityCenterException e) {
      return ExchangeResult.refused("invalid_grant", "The user could not be identified");
    }
    if (user.isEmpty()) {
      return ExchangeResult.refused("invalid_grant", "No user matches the token's identity");
    }
    if (applications.assignmentRequired(applicationArn)
        && !assigned(applications.listAssignments(applicationArn), user.get())) {
      return ExchangeResult.refused("access_denied", "The user is not assigned to the application");
    }
    List<String> scopes =
        applications.listAccessScopes(applicationArn).stream().map(AccessScope::scope).toList();
    return ExchangeResult.granted(user.get(), directory.identityStoreId(), scopes, true, 3600);
  }

  private boolean assigned(List<ApplicationAssignment> assignments, String userId) {
    Set<String> groups = directory.groupsOf(userId);
    return assignments.stream()
        .anyMatch(
            a ->
                a.principalType() == PrincipalType.USER
                    ? a.principalId().equals(userId)
                    : groups.contains(a.principalId()));
  }

  private static JwtClaims unverifiedClaims(String assertion) throws InvalidJwtException {
    JwtContext context =
        new JwtConsumerBuilder()
            .setSkipAllValidators()
            .setDisableRequireSignature()
            .setSkipSignatureVerification()
            .build()
            .process(assertion);
    return context.getJwtClaims();
  }

  private static String reason(InvalidJwtException e) {
    if (e.hasExpired()) {
      return "The token has expired";
    }
    if (e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.AUDIENCE_INVALID)
        || e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.AUDIENCE_MISSING)) {
      return "The token's audience is not authorized for its issuer";
    }
    if (e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.SIGNATURE_INVALID)
        || e.hasErrorCode(org.jose4j.jwt.consumer.ErrorCodes.SIGNATURE_MISSING)) {
      return "The token's signature does not verify with the issuer's keys";
    }
    return "The token is not valid";
  }
}
