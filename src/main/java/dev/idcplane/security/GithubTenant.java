package dev.idcplane.security;

import dev.idcplane.config.IdcConfig;
import io.quarkus.oidc.OidcRequestContext;
import io.quarkus.oidc.OidcTenantConfig;
import io.quarkus.oidc.TenantConfigResolver;
import io.quarkus.oidc.runtime.OidcTenantConfig.ApplicationType;
import io.quarkus.runtime.Startup;
import io.smallrye.mutiny.Uni;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;

/**
 * GitHub Actions OIDC as a second trusted issuer next to the admins' IdP. A bearer token whose (not
 * yet verified) {@code iss} is {@code idc.auth.github.issuer} goes to the {@code github} tenant,
 * which verifies it for real: signature through discovery and JWKS at the issuer, expiry, issuer
 * and audience {@code idc.auth.github.audience}, principal {@code sub}. Every other token goes to
 * the default tenant. Reading {@code iss} before verification only chooses the verifier; it grants
 * nothing. Built at startup, so a loose GitHub configuration refuses to start (see {@link
 * GithubRolePolicy#from}).
 */
@Startup
@ApplicationScoped
public class GithubTenant implements TenantConfigResolver {
  /** The tenant id; {@link GithubRoleAugmentor} recognises GitHub identities by it. */
  public static final String ID = "github";

  private final Optional<GithubRolePolicy> policy;
  private final String issuer;
  private final OidcTenantConfig tenant;

  public GithubTenant(IdcConfig config) {
    IdcConfig.Auth.Github github = config.auth().github();
    this.policy = GithubRolePolicy.from(github);
    this.issuer = github.issuer();
    this.tenant =
        policy.isEmpty()
            ? null
            : OidcTenantConfig.builder()
                .tenantId(ID)
                .authServerUrl(issuer)
                .discoveryEnabled(true)
                .applicationType(ApplicationType.SERVICE)
                // GitHub issues no roles; GithubRoleAugmentor replaces whatever a claim would give.
                .roles()
                .roleClaimPath("idc_github_grants_no_roles")
                .end()
                .token()
                .issuer(issuer)
                .audience(github.audience().orElseThrow().trim())
                .principalClaim("sub")
                .subjectRequired()
                .end()
                .build();
  }

  /** The role policy for GitHub tokens; empty when GitHub tokens are not trusted at all. */
  public Optional<GithubRolePolicy> policy() {
    return policy;
  }

  @Override
  public Uni<OidcTenantConfig> resolve(
      RoutingContext context, OidcRequestContext<OidcTenantConfig> requestContext) {
    if (tenant == null) {
      return Uni.createFrom().nullItem();
    }
    String header = context.request().getHeader("Authorization");
    boolean github =
        header != null
            && header.regionMatches(true, 0, "Bearer ", 0, 7)
            && issuer.equals(unverifiedIssuer(header.substring(7).trim()));
    return github ? Uni.createFrom().item(tenant) : Uni.createFrom().nullItem();
  }

  /** The {@code iss} of a compact JWS, not verified; null when the token is not one. */
  static String unverifiedIssuer(String token) {
    String[] parts = token.split("\\.");
    if (parts.length != 3) {
      return null;
    }
    try {
      JsonObject claims =
          new JsonObject(
              new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
      return claims.getValue("iss") instanceof String s ? s : null;
    } catch (RuntimeException e) {
      return null;
    }
  }
}
