package dev.idcplane.identitycenter.apps;

import java.util.Objects;

/**
 * A trusted token issuer of type OIDC_JWT as Identity Center holds it: the IdP whose tokens an
 * application may exchange, and how a token's claim finds the user ({@code claimAttributePath} must
 * equal the identity store attribute at {@code identityStoreAttributePath}). {@code arn} is null in
 * a request to create one. The issuer URL cannot be updated in place.
 */
public record TrustedTokenIssuer(
    String arn,
    String name,
    String issuerUrl,
    String claimAttributePath,
    String identityStoreAttributePath) {
  public TrustedTokenIssuer {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(issuerUrl, "issuerUrl");
    Objects.requireNonNull(claimAttributePath, "claimAttributePath");
    Objects.requireNonNull(identityStoreAttributePath, "identityStoreAttributePath");
  }

  /** The same issuer with the ARN Identity Center gave it. */
  public TrustedTokenIssuer withArn(String issuerArn) {
    return new TrustedTokenIssuer(
        issuerArn, name, issuerUrl, claimAttributePath, identityStoreAttributePath);
  }
}
