package dev.idcplane.security;

import dev.idcplane.error.ControlPlaneException;

/**
 * A genuine GitHub Actions token from a repository this service does not trust: GitHub signs tokens
 * for every repository on github.com, so the signature alone proves nothing about who may change
 * access.
 */
public class RepositoryNotListedException extends ControlPlaneException {
  public RepositoryNotListedException(String repository) {
    super(
        "GitHub repository "
            + repository
            + " is not listed in "
            + GithubRolePolicy.REPOSITORIES_KEY
            + " (IDC_AUTH_GITHUB_REPOSITORIES); its workflow tokens"
            + " get no role");
  }

  @Override
  public int httpStatus() {
    return 403;
  }

  @Override
  public String code() {
    return "repository_not_listed";
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
