package dev.idcplane.identitycenter.apps;

import java.util.List;
import java.util.Objects;

/**
 * One grant of an application. A {@link GrantType#JWT_BEARER} grant names the issuers whose tokens
 * it accepts, each with the audiences it accepts; an {@link GrantType#AUTHORIZATION_CODE} grant its
 * redirect URIs; the other types carry nothing.
 */
public record ApplicationGrant(
    GrantType type, List<AuthorizedIssuer> issuers, List<String> redirectUris) {

  /** An issuer a jwt-bearer grant accepts tokens of, with the audiences it accepts. */
  public record AuthorizedIssuer(String issuerArn, List<String> audiences) {
    public AuthorizedIssuer {
      Objects.requireNonNull(issuerArn, "issuerArn");
      audiences = List.copyOf(audiences);
    }
  }

  public ApplicationGrant {
    Objects.requireNonNull(type, "type");
    issuers = List.copyOf(issuers);
    redirectUris = List.copyOf(redirectUris);
  }

  public static ApplicationGrant jwtBearer(List<AuthorizedIssuer> issuers) {
    return new ApplicationGrant(GrantType.JWT_BEARER, issuers, List.of());
  }

  /** A grant without settings: refresh_token or token-exchange. */
  public static ApplicationGrant of(GrantType type) {
    return new ApplicationGrant(type, List.of(), List.of());
  }
}
