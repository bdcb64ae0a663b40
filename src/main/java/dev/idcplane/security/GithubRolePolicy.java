package dev.idcplane.security;

import dev.idcplane.config.IdcConfig;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which roles a verified GitHub Actions token gets, from its claims alone: CI's workload identity
 * must not depend on anything the workflow can choose for itself beyond what GitHub attests. A
 * listed {@code repository} gets {@code ci}; it also gets {@code deployer} when the run is for a
 * deploy ref, is not a pull-request event, and (when configured) runs in the deploy environment.
 * Any other repository is refused. Pure: no I/O, no CDI; safe to share between threads.
 */
public record GithubRolePolicy(
    Set<String> repositories, Set<String> deployRefs, Optional<String> deployEnvironment) {

  /** The config key that lists the trusted repositories, named in refusals. */
  public static final String REPOSITORIES_KEY = "idc.auth.github.repositories";

  private static final Pattern REPOSITORY = Pattern.compile("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+");
  private static final Set<String> PULL_REQUEST_EVENTS =
      Set.of("pull_request", "pull_request_target");

  public GithubRolePolicy {
    repositories = Set.copyOf(repositories);
    deployRefs = Set.copyOf(deployRefs);
    Objects.requireNonNull(deployEnvironment);
  }

  /** The claims of a GitHub Actions token the policy reads; absent claims are null. */
  public record Run(String repository, String ref, String eventName, String environment) {}

  /** What a token gets: roles, or a refusal naming its repository. */
  public sealed interface Decision {
    /** The roles granted; never empty. */
    record Granted(Set<String> roles) implements Decision {}

    /** The repository is not listed: 403 {@code repository_not_listed}. */
    record NotListed(String repository) implements Decision {}
  }

  /**
   * The policy for {@code config}, or empty when GitHub tokens are not trusted (no audience and no
   * repositories). Refuses, with a message naming the key, a configuration that would trust GitHub
   * loosely: repositories without an audience, a repository that is not {@code owner/name}, a
   * deploy ref that is not a full {@code refs/...} name.
   */
  public static Optional<GithubRolePolicy> from(IdcConfig.Auth.Github config) {
    List<String> repos =
        config.repositories().orElse(List.of()).stream()
            .map(String::trim)
            .filter(s -> !s.isEmpty())
            .toList();
    Optional<String> audience = config.audience().map(String::trim).filter(s -> !s.isEmpty());
    if (repos.isEmpty()) {
      return Optional.empty();
    }
    if (audience.isEmpty()) {
      throw new IllegalStateException(
          "refusing to start: "
              + REPOSITORIES_KEY
              + " is set but"
              + " idc.auth.github.audience (IDC_AUTH_GITHUB_AUDIENCE) is not; without an audience any"
              + " GitHub token minted for another service would be accepted");
    }
    for (String repo : repos) {
      if (!REPOSITORY.matcher(repo).matches()) {
        throw new IllegalStateException(
            "refusing to start: " + REPOSITORIES_KEY + " entry '" + repo + "' is not owner/name");
      }
    }
    for (String ref : config.deployRefs()) {
      if (!ref.startsWith("refs/")) {
        throw new IllegalStateException(
            "refusing to start: idc.auth.github.deploy-refs entry '"
                + ref
                + "' must be a full ref such as refs/heads/main");
      }
    }
    return Optional.of(
        new GithubRolePolicy(
            Set.copyOf(repos),
            Set.copyOf(config.deployRefs()),
            config.deployEnvironment().map(String::trim).filter(s -> !s.isEmpty())));
  }

  /** The roles of a verified token with these claims. */
  public Decision decide(Run run) {
    if (run.repository() == null || !repositories.contains(run.repository())) {
      return new Decision.NotListed(run.repository() == null ? "(none)" : run.repository());
    }
    Set<String> roles = new LinkedHashSet<>();
    roles.add(Roles.CI);
    boolean deployRef = run.ref() != null && deployRefs.contains(run.ref());
    boolean pullRequest = run.eventName() == null || PULL_REQUEST_EVENTS.contains(run.eventName());
    boolean environment = deployEnvironment.map(e -> e.equals(run.environment())).orElse(true);
    if (deployRef && !pullRequest && environment) {
      roles.add(Roles.DEPLOYER);
    }
    return new Decision.Granted(Set.copyOf(roles));
  }
}
