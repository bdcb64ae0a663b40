package dev.idcplane.security;

import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.identity.AuthenticationRequestContext;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.security.identity.SecurityIdentityAugmentor;
import io.quarkus.security.runtime.QuarkusSecurityIdentity;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/**
 * Adds the roles a token's roles imply (see {@link Roles}), so endpoints list only the least role;
 * refuses (401) a token without a subject, which records could not name.
 */
@ApplicationScoped
public class ImpliedRolesAugmentor implements SecurityIdentityAugmentor {

  @Override
  public Uni<SecurityIdentity> augment(
      SecurityIdentity identity, AuthenticationRequestContext context) {
    if (identity.isAnonymous()) {
      return Uni.createFrom().item(identity);
    }
    if (identity.getPrincipal() instanceof JsonWebToken jwt
        && (jwt.getSubject() == null || jwt.getSubject().isBlank())) {
      // Records name callers by sub; a token without one is not a caller we can name (401).
      return Uni.createFrom()
          .failure(new AuthenticationFailedException("the token has no subject (sub) claim"));
    }
    Set<String> extra = new HashSet<>();
    for (String role : identity.getRoles()) {
      extra.addAll(Roles.IMPLIED.getOrDefault(role, Set.of()));
    }
    extra.removeAll(identity.getRoles());
    if (extra.isEmpty()) {
      return Uni.createFrom().item(identity);
    }
    return Uni.createFrom().item(QuarkusSecurityIdentity.builder(identity).addRoles(extra).build());
  }
}
