package dev.idcplane.ui;

import dev.idcplane.security.Roles;
import io.smallrye.jwt.build.Jwt;
import java.math.BigInteger;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A minimal OpenID provider for local use only: discovery, JWKS, an authorize page with one button
 * per role (the one-click login) and a token endpoint for the authorization code grant. The console
 * signs in through it exactly as through the admins' IdP, by the code flow. Served in dev mode by
 * {@link DevIdentityProviderResource} (which does not exist in prod) and by the browser tests. Not
 * a real IdP: anyone who reaches it may sign in with any role. Thread-safe; codes are single-use.
 */
public final class LocalIdentityProvider {
  /** The roles offered on the authorize page, least first. */
  public static final List<String> ROLES =
      List.of(Roles.VIEWER, Roles.AUDITOR, Roles.CI, Roles.DEPLOYER, Roles.ADMIN);

  private static final String KID = "local-idp";

  private final String issuer;
  private final PrivateKey key;
  private final RSAPublicKey publicKey;
  private final Optional<String> clientSecret;
  private final Map<String, Grant> codes = new ConcurrentHashMap<>();

  /** What a code stands for until it is exchanged. */
  private record Grant(String role, String clientId, String redirectUri, String nonce) {}

  /** A response: status, content type and body; {@code location} for a redirect. */
  public record Answer(int status, String contentType, String body, String location) {
    static Answer json(String body) {
      return new Answer(200, "application/json", body, null);
    }

    static Answer html(String body) {
      return new Answer(200, "text/html; charset=utf-8", body, null);
    }

    static Answer redirect(String location) {
      return new Answer(302, "text/plain", "", location);
    }

    static Answer error(int status, String error) {
      return new Answer(status, "application/json", "{\"error\":\"" + error + "\"}", null);
    }
  }

  public LocalIdentityProvider(
      String issuer, PrivateKey key, RSAPublicKey publicKey, Optional<String> clientSecret) {
    this.issuer = issuer.endsWith("/") ? issuer.substring(0, issuer.length() - 1) : issuer;
    this.key = key;
    this.publicKey = publicKey;
    this.clientSecret = clientSecret.filter(s -> !s.isBlank());
  }

  public Answer discovery() {
    return Answer.json(
        "{\"issuer\":\""
            + issuer
            + "\",\"authorization_endpoint\":\""
            + issuer
            + "/authorize\",\"token_endpoint\":\""
            + issuer
            + "/token\",\"jwks_uri\":\""
            + issuer
            + "/jwks\",\"response_types_supported\":[\"code\"],"
            + "\"subject_types_supported\":[\"public\"],"
            + "\"id_token_signing_alg_values_supported\":[\"RS256\"],"
            + "\"token_endpoint_auth_methods_supported\":[\"client_secret_basic\","
            + "\"client_secret_post\"],\"scopes_supported\":[\"openid\",\"profile\"]}");
  }

  public Answer jwks() {
    return Answer.json(
        "{\"keys\":[{\"kty\":\"RSA\",\"use\":\"sig\",\"alg\":\"RS256\",\"kid\":\""
            + KID
            + "\",\"n\":\""
            + b64(publicKey.getModulus())
            + "\",\"e\":\""
            + b64(publicKey.getPublicExponent())
            + "\"}]}");
  }

  /** The sign-in page: one button per role, each finishing the authorization request. */
  public Answer authorize(Map<String, String> q) {
    String redirect = q.get("redirect_uri");
    if (redirect == null || !"code".equals(q.get("response_type"))) {
      return Answer.error(400, "invalid_request");
    }
    StringBuilder html =
        new StringBuilder(
            "<!DOCTYPE html><html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<title>Local sign-in</title><link rel=\"stylesheet\""
                + " href=\"/ui-static/console.css\"></head><body><main><h1>Local sign-in</h1>"
                + "<p>A local identity provider for development and tests. Choose a role:</p>");
    for (String role : ROLES) {
      html.append("<form method=\"get\" action=\"")
          .append(issuer)
          .append("/approve\">")
          .append(hidden("role", role))
          .append(hidden("redirect_uri", redirect))
          .append(hidden("state", q.getOrDefault("state", "")))
          .append(hidden("nonce", q.getOrDefault("nonce", "")))
          .append(hidden("client_id", q.getOrDefault("client_id", "")))
          .append("<p><button type=\"submit\" id=\"login-")
          .append(role)
          .append("\">Sign in as ")
          .append(role)
          .append("</button></p></form>");
    }
    return Answer.html(html.append("</main></body></html>").toString());
  }

  /** The button's target: a single-use code back to the client. */
  public Answer approve(Map<String, String> q) {
    String role = q.get("role");
    String redirect = q.get("redirect_uri");
    if (role == null || !ROLES.contains(role) || redirect == null) {
      return Answer.error(400, "invalid_request");
    }
    String code = UUID.randomUUID().toString();
    codes.put(code, new Grant(role, q.get("client_id"), redirect, q.get("nonce")));
    return Answer.redirect(
        redirect
            + (redirect.contains("?") ? "&" : "?")
            + "code="
            + code
            + "&state="
            + URLEncoder.encode(q.getOrDefault("state", ""), StandardCharsets.UTF_8));
  }

  /**
   * The token endpoint: a code for an ID and access token of {@code local-<role>} holding the role
   * in {@code groups}. {@code authorization} is the request's Authorization header, if any.
   */
  public Answer token(Map<String, String> form, String authorization) {
    if (!"authorization_code".equals(form.get("grant_type"))) {
      return Answer.error(400, "unsupported_grant_type");
    }
    if (clientSecret.isPresent() && !clientSecret.get().equals(secretOf(form, authorization))) {
      return Answer.error(401, "invalid_client");
    }
    Grant grant = form.get("code") == null ? null : codes.remove(form.get("code"));
    if (grant == null || !grant.redirectUri().equals(form.get("redirect_uri"))) {
      return Answer.error(400, "invalid_grant");
    }
    String subject = "local-" + grant.role();
    String clientId = grant.clientId() == null ? "" : grant.clientId();
    var id =
        Jwt.issuer(issuer)
            .audience(clientId)
            .subject(subject)
            .claim("preferred_username", "Local " + grant.role())
            .groups(Set.of(grant.role()))
            .expiresIn(Duration.ofHours(8));
    if (grant.nonce() != null && !grant.nonce().isBlank()) {
      id.claim("nonce", grant.nonce());
    }
    String idToken = id.jws().keyId(KID).sign(key);
    String accessToken =
        Jwt.issuer(issuer)
            .audience(clientId)
            .subject(subject)
            .groups(Set.of(grant.role()))
            .expiresIn(Duration.ofHours(8))
            .jws()
            .keyId(KID)
            .sign(key);
    return Answer.json(
        "{\"access_token\":\""
            + accessToken
            + "\",\"id_token\":\""
            + idToken
            + "\",\"token_type\":\"Bearer\",\"expires_in\":28800}");
  }

  private static String secretOf(Map<String, String> form, String authorization) {
    if (authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
      String pair =
          new String(
              Base64.getDecoder().decode(authorization.substring(6).trim()),
              StandardCharsets.UTF_8);
      int colon = pair.indexOf(':');
      return colon < 0
          ? null
          : java.net.URLDecoder.decode(pair.substring(colon + 1), StandardCharsets.UTF_8);
    }
    return form.get("client_secret");
  }

  private static String hidden(String name, String value) {
    return "<input type=\"hidden\" name=\""
        + name
        + "\" value=\""
        + value
            .replace("&", "&amp;")
            .replace("\"", "&quot;")
            .replace("<", "&lt;")
            .replace(">", "&gt;")
        + "\">";
  }

  private static String b64(BigInteger n) {
    byte[] bytes = n.toByteArray();
    if (bytes.length > 1 && bytes[0] == 0) {
      bytes = java.util.Arrays.copyOfRange(bytes, 1, bytes.length);
    }
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
