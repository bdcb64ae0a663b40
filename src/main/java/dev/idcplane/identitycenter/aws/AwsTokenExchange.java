package dev.idcplane.identitycenter.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.apps.ExchangeResult;
import dev.idcplane.identitycenter.apps.TokenExchange;
import java.io.IOException;
import java.util.Base64;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.ssooidc.SsoOidcClient;
import software.amazon.awssdk.services.ssooidc.model.AccessDeniedException;
import software.amazon.awssdk.services.ssooidc.model.CreateTokenWithIamResponse;
import software.amazon.awssdk.services.ssooidc.model.ExpiredTokenException;
import software.amazon.awssdk.services.ssooidc.model.InvalidClientException;
import software.amazon.awssdk.services.ssooidc.model.InvalidGrantException;
import software.amazon.awssdk.services.ssooidc.model.InvalidRequestException;
import software.amazon.awssdk.services.ssooidc.model.InvalidScopeException;
import software.amazon.awssdk.services.ssooidc.model.UnauthorizedClientException;
import software.amazon.awssdk.services.ssooidc.model.UnsupportedGrantTypeException;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * {@link TokenExchange} over SSO OIDC's CreateTokenWithIAM (signed as {@code sso-oauth}) and STS
 * GetCallerIdentity. AWS's OAuth refusals are all HTTP 400 (401 for {@code
 * UnauthorizedClientException}) with an {@code error} member; those are results, everything else is
 * translated as any other AWS fault.
 */
public final class AwsTokenExchange implements TokenExchange {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern ASSUMED_ROLE =
      Pattern.compile("arn:(aws[a-z-]*):sts::(\\d{12}):assumed-role/([^/]+)/.+");

  /** The SSO OIDC error shapes that are refusals, by their OAuth error code. */
  private static final Map<String, String> REFUSALS =
      Map.of(
          "InvalidGrantException", "invalid_grant",
          "AccessDeniedException", "access_denied",
          "InvalidClientException", "invalid_client",
          "UnauthorizedClientException", "unauthorized_client",
          "UnsupportedGrantTypeException", "unsupported_grant_type",
          "InvalidScopeException", "invalid_scope",
          "InvalidRequestException", "invalid_request",
          "ExpiredTokenException", "expired_token",
          "InvalidRequestRegionException", "invalid_request");

  private final SsoOidcClient oidc;
  private final StsClient sts;
  private volatile String caller;

  public AwsTokenExchange(SsoOidcClient oidc, StsClient sts) {
    this.oidc = oidc;
    this.sts = sts;
  }

  @Override
  public String callerArn() {
    String c = caller;
    if (c == null) {
      c = principalArn(AwsErrors.call("GetCallerIdentity", () -> sts.getCallerIdentity().arn()));
      caller = c;
    }
    return c;
  }

  /**
   * The ARN a policy names for the principal of {@code stsArn}: the role of an assumed-role session
   * (without its path, which STS does not report), else {@code stsArn} itself.
   */
  static String principalArn(String stsArn) {
    Matcher m = ASSUMED_ROLE.matcher(stsArn);
    return m.matches()
        ? "arn:" + m.group(1) + ":iam::" + m.group(2) + ":role/" + m.group(3)
        : stsArn;
  }

  @Override
  public ExchangeResult exchangeJwtBearer(String applicationArn, String assertion) {
    CreateTokenWithIamResponse r;
    try {
      r =
          oidc.createTokenWithIAM(
              b -> b.clientId(applicationArn).grantType(JWT_BEARER).assertion(assertion));
    } catch (AwsServiceException e) {
      String code = e.awsErrorDetails() == null ? "" : e.awsErrorDetails().errorCode();
      String error = REFUSALS.get(code == null ? "" : code);
      if (error != null && e.statusCode() < 500) {
        return ExchangeResult.refused(error, description(e));
      }
      throw AwsErrors.translate("CreateTokenWithIAM", e);
    } catch (SdkException e) {
      throw AwsErrors.translate("CreateTokenWithIAM", e);
    }
    JsonNode claims = claims(r.idToken());
    boolean context =
        (r.awsAdditionalDetails() != null && r.awsAdditionalDetails().identityContext() != null)
            || claims.hasNonNull("sts:identity_context");
    return ExchangeResult.granted(
        claims.path("sub").asText(""),
        claims.path("aws:identity_store_id").asText(null),
        r.scope(),
        context,
        r.expiresIn() == null ? 0 : r.expiresIn());
  }

  /** The model's {@code error_description} member, else AWS's message. */
  private static String description(AwsServiceException e) {
    String d = null;
    if (e instanceof InvalidGrantException x) {
      d = x.errorDescription();
    } else if (e instanceof AccessDeniedException x) {
      d = x.errorDescription();
    } else if (e instanceof InvalidClientException x) {
      d = x.errorDescription();
    } else if (e instanceof UnauthorizedClientException x) {
      d = x.errorDescription();
    } else if (e instanceof UnsupportedGrantTypeException x) {
      d = x.errorDescription();
    } else if (e instanceof InvalidScopeException x) {
      d = x.errorDescription();
    } else if (e instanceof InvalidRequestException x) {
      d = x.errorDescription();
    } else if (e instanceof ExpiredTokenException x) {
      d = x.errorDescription();
    }
    if (d != null) {
      return d;
    }
    String m = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorMessage();
    return m != null ? m : String.valueOf(e.getMessage());
  }

  /**
   * The claims of the ID token AWS returned (read, not verified: it came from AWS over TLS, and
   * only names the user back to the admin who asked).
   */
  static JsonNode claims(String idToken) {
    if (idToken == null) {
      throw new IdentityCenterException(
          IdentityCenterException.Kind.SERVICE,
          "CreateTokenWithIAM",
          "the answer has no idToken to name the user",
          null);
    }
    String[] parts = idToken.split("\\.");
    try {
      if (parts.length < 2) {
        throw new IOException("not a JWT");
      }
      return JSON.readTree(Base64.getUrlDecoder().decode(parts[1]));
    } catch (IOException | IllegalArgumentException e) {
      throw new IdentityCenterException(
          IdentityCenterException.Kind.SERVICE,
          "CreateTokenWithIAM",
          "the answer's idToken is not a readable JWT",
          e);
    }
  }
}
