package dev.idcplane.doctor;

import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.apps.ApplicationInfo;
import dev.idcplane.identitycenter.apps.CallerMatch;
import dev.idcplane.identitycenter.apps.ExchangeResult;
import dev.idcplane.identitycenter.apps.TokenExchange;
import dev.idcplane.matrix.DeclaredApplication;
import dev.idcplane.matrix.LocatedValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * The doctor's opt-in exchange check: calls CreateTokenWithIAM as the service with a user's fresh
 * IdP token and reports who the token it got back is for. Checks, in order, each stopping the rest
 * when it fails: {@code exists} (the application is live); {@code caller} (the service's own IAM
 * principal is among the declared callers, else AWS would deny it: nothing is sent); {@code
 * exchange} (what AWS answered). The token is passed through, never kept, logged or echoed; the
 * tokens AWS returns are dropped, only the user, scopes and identity context's presence are kept.
 */
public final class ExchangeDoctor {
  private final TokenExchange exchange;
  private final Function<String, Optional<String>> userName;

  /**
   * @param userName the user name of an identity store user id, if it can be described
   */
  public ExchangeDoctor(TokenExchange exchange, Function<String, Optional<String>> userName) {
    this.exchange = exchange;
    this.userName = userName;
  }

  /** Who the exchanged token is for. */
  public record Identity(
      String userId,
      String userName,
      String identityStoreId,
      List<String> scopes,
      boolean identityContext,
      int expiresInSeconds) {}

  /** The checks, their worst result, and the identity when the exchange succeeded. */
  public record Report(
      String application,
      DoctorCheck.Result verdict,
      List<DoctorCheck> checks,
      Optional<Identity> identity) {}

  public Report examine(DeclaredApplication app, List<ApplicationInfo> live, String token) {
    List<DoctorCheck> checks = new ArrayList<>();
    Optional<ApplicationInfo> found =
        live.stream().filter(a -> a.custom() && a.name().equals(app.name())).findFirst();
    if (found.isEmpty()) {
      checks.add(DoctorCheck.missing(app));
      return report(app, checks, Optional.empty());
    }
    checks.add(DoctorCheck.pass("exists", "The application exists", found.get().arn()));
    String caller = exchange.callerArn();
    Optional<LocatedValue> listed =
        app.callers().stream().filter(c -> CallerMatch.matches(c.value(), caller)).findFirst();
    if (listed.isEmpty()) {
      checks.add(
          DoctorCheck.fail(
              "caller",
              "The service may call CreateTokenWithIAM",
              "the service calls AWS as "
                  + caller
                  + ", which is not among "
                  + app.name()
                  + "'s callers "
                  + app.callers().stream().map(LocatedValue::value).toList()
                  + "; AWS would deny the exchange, so it was not tried",
              "add " + caller + " to callers (" + app.at() + "), apply, and try again"));
      return report(app, checks, Optional.empty());
    }
    checks.add(
        DoctorCheck.pass(
            "caller",
            "The service may call CreateTokenWithIAM",
            caller + " matches " + listed.get().value() + " (" + listed.get().at() + ")"));
    ExchangeResult result;
    try {
      result = exchange.exchangeJwtBearer(found.get().arn(), token);
    } catch (IdentityCenterException e) {
      checks.add(
          DoctorCheck.fail(
              "exchange",
              "CreateTokenWithIAM issues a token",
              "AWS failed: " + e.getMessage(),
              e.kind().retryable() ? "try again" : "see AWS's message"));
      return report(app, checks, Optional.empty());
    }
    if (result instanceof ExchangeResult.Refused r) {
      checks.add(
          DoctorCheck.fail(
              "exchange",
              "CreateTokenWithIAM issues a token",
              r.error() + ": " + r.description(),
              fix(r.error())));
      return report(app, checks, Optional.empty());
    }
    ExchangeResult.Granted g = (ExchangeResult.Granted) result;
    Optional<String> name = g.userId().isEmpty() ? Optional.empty() : userName.apply(g.userId());
    Identity identity =
        new Identity(
            g.userId(),
            name.orElse(null),
            g.identityStoreId(),
            g.scopes(),
            g.identityContext(),
            g.expiresInSeconds());
    checks.add(
        DoctorCheck.pass(
            "exchange",
            "CreateTokenWithIAM issues a token",
            "a token for user "
                + name.map(n -> n + " (" + g.userId() + ")").orElse(g.userId())
                + " with scopes "
                + g.scopes()
                + (g.identityContext() ? " and an identity context" : "")));
    if (!g.identityContext()) {
      checks.add(
          DoctorCheck.warn(
              "identity_context",
              "The token carries an identity context",
              "AWS returned no sts:identity_context",
              "without it the application cannot create identity-enhanced role sessions"));
    }
    return report(app, checks, Optional.of(identity));
  }

  private static String fix(String error) {
    switch (error) {
      case "invalid_grant":
        return "check the token: its iss must be the issuer URL the grant names, one aud among the"
            + " grant's audiences, not expired, signed by a key the issuer publishes, and its claim"
            + " must match exactly one user (run the doctor with ?claim=)";
      case "access_denied":
        return "the actor policy must allow the service's role sso-oauth:CreateTokenWithIAM, and"
            + " with assignment required the user or one of its groups must be assigned";
      case "invalid_client":
        return "the application is not known to Identity Center under this ARN; apply the matrix";
      case "unsupported_grant_type":
      case "unauthorized_client":
        return "declare a jwt_bearer grant for the application and apply";
      case "expired_token":
        return "get a fresh token from the IdP";
      default:
        return "see AWS's message";
    }
  }

  private static Report report(
      DeclaredApplication app, List<DoctorCheck> checks, Optional<Identity> identity) {
    return new Report(app.name(), DoctorCheck.worst(checks), List.copyOf(checks), identity);
  }
}
