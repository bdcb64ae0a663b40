package dev.idcplane.security;

import io.quarkus.security.identity.SecurityIdentity;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Who made a request: the token's {@code sub}, which records use, and a display name beside it
 * (never instead of it) from the first of {@code preferred_username}, {@code upn}, {@code email},
 * {@code name} or GitHub's {@code actor}. Tokens without {@code sub} never get here: the OIDC layer
 * answers them 401 ({@code quarkus.oidc.token.subject-required}).
 */
public record Caller(String subject, String displayName) {
  static final List<String> DISPLAY_CLAIMS =
      List.of("preferred_username", "upn", "email", "name", "actor");

  /** A caller inside the service (the scheduler), with no token. */
  public static Caller system(String subject) {
    return new Caller(subject, null);
  }

  /** The caller of the current request. */
  public static Caller of(SecurityIdentity identity) {
    if (identity.getPrincipal() instanceof JsonWebToken jwt) {
      String subject = jwt.getSubject();
      if (subject == null || subject.isBlank()) {
        throw new IllegalStateException("an authenticated token without sub reached the API");
      }
      String display =
          DISPLAY_CLAIMS.stream()
              .map(c -> Optional.ofNullable(jwt.getClaim(c)).map(Object::toString).orElse(null))
              .filter(v -> v != null && !v.isBlank() && !v.equals(subject))
              .findFirst()
              .orElse(null);
      return new Caller(subject, display);
    }
    return new Caller(identity.getPrincipal().getName(), null);
  }
}
