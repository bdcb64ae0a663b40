package dev.idcplane.ui;

import dev.idcplane.persistence.ConsoleSessionStore;
import io.quarkus.oidc.AuthorizationCodeTokens;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TokenStateManager;
import io.quarkus.security.AuthenticationFailedException;
import io.smallrye.mutiny.Uni;
import io.vertx.ext.web.RoutingContext;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Alternative;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;

/**
 * The console's server-side session: the code flow's tokens are kept in PostgreSQL ({@link
 * ConsoleSessionStore}) and the session cookie carries only a random 256-bit id, so a session ends
 * for good when its row is deleted, by sign-out or by an operator, and every replica sees it. A
 * session lasts as long as Quarkus makes its cookie last (the ID token's age, plus the session age
 * extension); expired rows are refused and purged when a new session starts. The tokens are stored
 * as Quarkus hands them over: encrypted with the tenant's secret (encryption-required). The
 * console's tenant is the only one with a session (the API's is bearer-only), so this replaces
 * Quarkus's encrypted-cookie default. The database work runs on a worker thread ({@link
 * OidcRequestContext#runBlocking}).
 */
@Alternative
@Priority(1)
@ApplicationScoped
public class ConsoleTokenStateManager implements TokenStateManager {
  private static final SecureRandom RANDOM = new SecureRandom();

  /**
   * Where Quarkus leaves the new session's age in seconds, as its own token state managers read it.
   */
  private static final String SESSION_MAX_AGE = "session-max-age";

  /** A session's lifetime if Quarkus did not say (it always does at 3.33). */
  private static final Duration DEFAULT_LIFETIME = Duration.ofHours(8);

  private final ConsoleSessionStore store;
  private final Clock clock;

  public ConsoleTokenStateManager(ConsoleSessionStore store, Clock clock) {
    this.store = store;
    this.clock = clock;
  }

  @Override
  public Uni<String> createTokenState(
      RoutingContext context,
      OidcTenantConfig config,
      AuthorizationCodeTokens tokens,
      OidcRequestContext<String> blocking) {
    // Quarkus has computed the session's age (the ID token's, plus the age extension when it can
    // refresh) and encrypted the tokens (token-state-manager.encryption-required) before this.
    Object age = context.get(SESSION_MAX_AGE);
    Duration lifetime =
        age instanceof Number n ? Duration.ofSeconds(n.longValue()) : DEFAULT_LIFETIME;
    return blocking.runBlocking(
        () -> {
          Instant now = clock.instant();
          String id = newId();
          store.purge(now);
          store.save(
              id,
              new ConsoleSessionStore.Tokens(
                  tokens.getIdToken(),
                  tokens.getAccessToken(),
                  tokens.getRefreshToken(),
                  tokens.getAccessTokenExpiresIn(),
                  tokens.getAccessTokenScope()),
              now,
              now.plus(lifetime));
          return id;
        });
  }

  @Override
  public Uni<AuthorizationCodeTokens> getTokens(
      RoutingContext context,
      OidcTenantConfig config,
      String tokenState,
      OidcRequestContext<AuthorizationCodeTokens> blocking) {
    return blocking.runBlocking(
        () -> {
          ConsoleSessionStore.Tokens t =
              store.find(tokenState, clock.instant()).orElseThrow(ConsoleTokenStateManager::ended);
          return new AuthorizationCodeTokens(
              t.idToken(),
              t.accessToken(),
              t.refreshToken(),
              t.accessTokenExpiresIn(),
              t.accessTokenScope());
        });
  }

  @Override
  public Uni<Void> deleteTokens(
      RoutingContext context,
      OidcTenantConfig config,
      String tokenState,
      OidcRequestContext<Void> blocking) {
    return blocking.runBlocking(
        () -> {
          store.delete(tokenState);
          return null;
        });
  }

  /**
   * A session that has ended (signed out, revoked, expired, or never existed): Quarkus removes the
   * cookie and answers with the sign-in redirect.
   */
  private static AuthenticationFailedException ended() {
    return new AuthenticationFailedException("the console session has ended");
  }

  private static String newId() {
    byte[] id = new byte[32];
    RANDOM.nextBytes(id);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(id);
  }
}
