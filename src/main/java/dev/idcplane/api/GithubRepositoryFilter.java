package dev.idcplane.api;

import dev.idcplane.security.GithubRoleAugmentor;
import dev.idcplane.security.RepositoryNotListedException;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.ext.web.RoutingContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Answers every API call made with a GitHub Actions token of a repository that is not listed with
 * 403 {@code repository_not_listed}, on every route and before any role check, so the caller learns
 * which config key to change instead of a bare "forbidden".
 */
public class GithubRepositoryFilter {

  @ServerRequestFilter(preMatching = true)
  public void refuseUnlistedRepository(RoutingContext context) {
    if (context.user() instanceof QuarkusHttpUser user) {
      SecurityIdentity identity = user.getSecurityIdentity();
      String repository = identity.getAttribute(GithubRoleAugmentor.NOT_LISTED);
      if (repository != null) {
        throw new RepositoryNotListedException(repository);
      }
    }
  }
}
