package dev.idcplane.security;

import io.quarkus.oidc.runtime.OidcUtils;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Gives a verified GitHub Actions identity the roles of {@link GithubRolePolicy} and nothing else:
 * whatever a {@code groups} (or any other) claim says is dropped, so a workflow cannot name its own
 * roles. A token of a repository that is not listed keeps no role and carries {@link #NOT_LISTED},
 * which the API answers with 403 {@code repository_not_listed}. Runs before {@link
 * ImpliedRolesAugmentor}, whose implications then see only ci and deployer (which imply nothing);
 * identities of other tenants pass through untouched.
 */
@ApplicationScoped
public class GithubRoleAugmentor implements SecurityIdentityAugmentor {
  /** Identity attribute: the repository of a GitHub token that is not listed. */
  public static final String NOT_LISTED = "idc.github.repository-not-listed";

  private final GithubTenant tenant;

  public GithubRoleAugmentor(GithubTenant tenant) {
    this.tenant = tenant;
  }

  @Override
  public int priority() {
    return 100; // before ImpliedRolesAugmentor (0): higher runs first
  }

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.isAnonymous()
        || !GithubTenant.ID.equals(identity.getAttribute(OidcUtils.TENANT_ID_ATTRIBUTE))) {
      return Uni.createFrom().item(identity);
    }
    var builder =
        QuarkusSecurityIdentity.builder()
            .setPrincipal(identity.getPrincipal())
            .addCredentials(identity.getCredentials())
            .addAttributes(identity.getAttributes());
    JsonWebToken jwt = (JsonWebToken) identity.getPrincipal();
    GithubRolePolicy.Run run =
        new GithubRolePolicy.Run(
            claim(jwt, "repository"),
            claim(jwt, "ref"),
            claim(jwt, "event_name"),
            claim(jwt, "environment"));
    // No policy means the tenant is off and no identity can carry its id; refuse all the same.
    GithubRolePolicy.Decision decision =
        tenant
            .policy()
            .map(p -> p.decide(run))
            .orElse(new GithubRolePolicy.Decision.NotListed(String.valueOf(run.repository())));
    if (decision instanceof GithubRolePolicy.Decision.Granted g) {
      builder.addRoles(g.roles());
    } else if (decision instanceof GithubRolePolicy.Decision.NotListed n) {
      builder.addAttribute(NOT_LISTED, n.repository());
    }
    return Uni.createFrom().item(builder.build());
  }

  private static String claim(JsonWebToken jwt, String name) {
    Object value = jwt.getClaim(name);
    if (value instanceof jakarta.json.JsonString s) {
      return s.getString();
    }
    return value instanceof String s ? s : null;
  }
}
