package dev.idcplane.identitycenter.apps;

import java.util.List;
import java.util.Objects;

/** What CreateTokenWithIAM answered: a token for one user, or an OAuth error. */
public sealed interface ExchangeResult {

  /**
   * A token was issued. The tokens themselves are not kept: only who they are for ({@code userId}
   * in {@code identityStoreId}, the ID token's {@code sub} and {@code aws:identity_store_id}), the
   * scopes granted, whether an identity context ({@code sts:identity_context}) came with it, and
   * its lifetime.
   */
  record Granted(
      String userId,
      String identityStoreId,
      List<String> scopes,
      boolean identityContext,
      int expiresInSeconds)
      implements ExchangeResult {
    public Granted {
      Objects.requireNonNull(userId, "userId");
      scopes = List.copyOf(Objects.requireNonNullElse(scopes, List.of()));
    }
  }

  /**
   * The exchange was refused: {@code error} is the OAuth error code AWS answers with ({@code
   * invalid_grant}, {@code access_denied}, {@code invalid_client}, {@code unauthorized_client},
   * {@code unsupported_grant_type}, {@code invalid_scope}, {@code invalid_request}, {@code
   * expired_token}) and {@code description} its text.
   */
  record Refused(String error, String description) implements ExchangeResult {
    public Refused {
      Objects.requireNonNull(error, "error");
      description = Objects.requireNonNullElse(description, "");
    }
  }

  static ExchangeResult granted(
      String userId, String identityStoreId, List<String> scopes, boolean context, int expiresIn) {
    return new Granted(userId, identityStoreId, scopes, context, expiresIn);
  }

  static ExchangeResult refused(String error, String description) {
    return new Refused(error, description);
  }
}
