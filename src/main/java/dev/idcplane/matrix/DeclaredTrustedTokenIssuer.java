package dev.idcplane.matrix;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A trusted token issuer declared under {@code trusted_token_issuers}: an OIDC identity provider
 * whose tokens IAM Identity Center accepts, the token's {@code claimAttributePath} being matched
 * against the user's {@code identityStoreAttributePath}. Declared issuers are managed (created,
 * updated and, with {@code absent: true}, deleted).
 *
 * @param name its name in IAM Identity Center
 * @param issuerUrl the issuer's {@code https://} URL (OpenID discovery); a change replaces the
 *     issuer, AWS does not update it in place. Empty when {@code absent}
 * @param claimAttributePath the token claim that identifies the user, e.g. {@code email}; empty
 *     when {@code absent}
 * @param identityStoreAttributePath the identity store attribute it must equal, e.g. {@code
 *     emails.value}; empty when {@code absent}
 * @param absent {@code absent: true}: the issuer is to be deleted
 * @param at file and line of the declaration (its name)
 */
public record DeclaredTrustedTokenIssuer(
    String name,
    String issuerUrl,
    String claimAttributePath,
    String identityStoreAttributePath,
    boolean absent,
    SourceLocation at) {

  /** sso-admin API model, TrustedTokenIssuerArn. */
  static final Pattern ARN =
      Pattern.compile(
          "arn:aws(-[a-z]{1,5}){0,3}:sso::\\d{12}:trustedTokenIssuer/(sso)?ins-[a-zA-Z0-9-.]{16}"
              + "/tti-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}");

  public DeclaredTrustedTokenIssuer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(issuerUrl, "issuerUrl");
    Objects.requireNonNull(claimAttributePath, "claimAttributePath");
    Objects.requireNonNull(identityStoreAttributePath, "identityStoreAttributePath");
    Objects.requireNonNull(at, "at");
    if (!absent
        && (issuerUrl.isBlank()
            || claimAttributePath.isBlank()
            || identityStoreAttributePath.isBlank())) {
      throw new IllegalArgumentException(
          at + ": a trusted token issuer has an issuer URL and both attribute paths");
    }
  }

  public static DeclaredTrustedTokenIssuer managed(
      String name,
      String issuerUrl,
      String claimAttributePath,
      String identityStoreAttributePath,
      SourceLocation at) {
    return new DeclaredTrustedTokenIssuer(
        name, issuerUrl, claimAttributePath, identityStoreAttributePath, false, at);
  }

  /** {@code name: {absent: true}}: delete the issuer of this name. */
  public static DeclaredTrustedTokenIssuer absent(String name, SourceLocation at) {
    return new DeclaredTrustedTokenIssuer(name, "", "", "", true, at);
  }

  /** Whether a grant's issuer reference is a trusted token issuer ARN rather than a name. */
  public static boolean isArn(String reference) {
    return ARN.matcher(reference).matches();
  }
}
