package dev.idcplane.identitycenter.apps;

/**
 * The port to {@code sso-oauth:CreateTokenWithIAM} with the jwt-bearer grant: an application
 * exchanges a user's token from a trusted token issuer for an Identity Center token carrying the
 * user's identity context. The service uses it only for the application doctor's opt-in exchange
 * check; the user's token passes through and is never kept.
 */
public interface TokenExchange {
  /** The jwt-bearer grant type, as CreateTokenWithIAM names it. */
  String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";

  /**
   * The IAM principal the service calls AWS as, in the form an actor policy names it: a role ARN
   * ({@code arn:aws:iam::<account>:role/<name>}) for an assumed-role session, else the ARN itself.
   */
  String callerArn();

  /**
   * Exchanges {@code assertion} (a JWT from a trusted token issuer) as the application {@code
   * applicationArn}, calling as {@link #callerArn()}. Refusals by AWS (an invalid grant, access
   * denied, an unknown client) are results; throttling, service faults and timeouts throw {@link
   * dev.idcplane.identitycenter.IdentityCenterException}.
   */
  ExchangeResult exchangeJwtBearer(String applicationArn, String assertion);
}
