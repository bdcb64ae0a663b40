package dev.idcplane.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idcplane.config.IdcConfig;
import dev.idcplane.security.GithubRolePolicy.Decision;
import dev.idcplane.security.GithubRolePolicy.Run;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GithubRolePolicyTest {
  static final GithubRolePolicy POLICY =
      new GithubRolePolicy(
          Set.of("acme/idc-matrix"),
          Set.of("refs/heads/main", "refs/tags/release"),
          Optional.of("identity-center"));

  @ParameterizedTest(name = "{0} {1} {2} in {3} -> {4}")
  @CsvSource(
      nullValues = "-",
      value = {
        "acme/idc-matrix, refs/heads/main,    push,                identity-center, ci+deployer",
        "acme/idc-matrix, refs/tags/release,  push,                identity-center, ci+deployer",
        "acme/idc-matrix, refs/heads/main,    workflow_dispatch,   identity-center, ci+deployer",
        "acme/idc-matrix, refs/heads/main,    pull_request,        identity-center, ci",
        "acme/idc-matrix, refs/heads/main,    pull_request_target, identity-center, ci",
        "acme/idc-matrix, refs/heads/main,    -,                   identity-center, ci",
        "acme/idc-matrix, refs/heads/main,    push,                -,               ci",
        "acme/idc-matrix, refs/heads/main,    push,                staging,         ci",
        "acme/idc-matrix, refs/heads/feature, push,                identity-center, ci",
        "acme/idc-matrix, refs/pull/7/merge,  pull_request,        -,               ci",
        "acme/idc-matrix, -,                  push,                identity-center, ci",
        "ACME/idc-matrix, refs/heads/main,    push,                identity-center, not listed",
        "evil/idc-matrix, refs/heads/main,    push,                identity-center, not listed",
        "-,               refs/heads/main,    push,                identity-center, not listed",
      })
  void rolesFollowTheClaims(String repo, String ref, String event, String env, String expected) {
    Decision decision = POLICY.decide(new Run(repo, ref, event, env));
    switch (expected) {
      case "ci+deployer" ->
          assertThat(decision).isEqualTo(new Decision.Granted(Set.of(Roles.CI, Roles.DEPLOYER)));
      case "ci" -> assertThat(decision).isEqualTo(new Decision.Granted(Set.of(Roles.CI)));
      default -> assertThat(decision).isInstanceOf(Decision.NotListed.class);
    }
  }

  @Test
  void withoutADeployEnvironmentAnyEnvironmentMayDeploy() {
    var policy =
        new GithubRolePolicy(
            Set.of("acme/idc-matrix"), Set.of("refs/heads/main"), Optional.empty());
    assertThat(policy.decide(new Run("acme/idc-matrix", "refs/heads/main", "push", null)))
        .isEqualTo(new Decision.Granted(Set.of(Roles.CI, Roles.DEPLOYER)));
  }

  @Test
  void theRefusalNamesTheRepositoryAndTheKey() {
    var decision =
        (Decision.NotListed)
            POLICY.decide(new Run("evil/idc-matrix", "refs/heads/main", "push", "identity-center"));
    assertThat(new RepositoryNotListedException(decision.repository()))
        .hasMessageContaining("evil/idc-matrix")
        .hasMessageContaining("idc.auth.github.repositories")
        .satisfies(e -> assertThat(e.httpStatus()).isEqualTo(403))
        .satisfies(e -> assertThat(e.code()).isEqualTo("repository_not_listed"));
  }

  @Test
  void noRepositoriesMeansGithubIsNotTrusted() {
    assertThat(GithubRolePolicy.from(config(null, null, List.of("refs/heads/main"), null)))
        .isEmpty();
    assertThat(GithubRolePolicy.from(config("aud", List.of(), List.of("refs/heads/main"), null)))
        .isEmpty();
  }

  @Test
  void aValidConfigurationBuildsThePolicy() {
    assertThat(
            GithubRolePolicy.from(
                config("aud", List.of("acme/idc-matrix"), List.of("refs/heads/main"), "prod")))
        .contains(
            new GithubRolePolicy(
                Set.of("acme/idc-matrix"), Set.of("refs/heads/main"), Optional.of("prod")));
  }

  @Test
  void looseConfigurationsRefuseToStart() {
    assertThatThrownBy(
            () ->
                GithubRolePolicy.from(
                    config(null, List.of("acme/idc-matrix"), List.of("refs/heads/main"), null)))
        .hasMessageContaining("idc.auth.github.audience");
    assertThatThrownBy(
            () ->
                GithubRolePolicy.from(
                    config(" ", List.of("acme/idc-matrix"), List.of("refs/heads/main"), null)))
        .hasMessageContaining("idc.auth.github.audience");
    assertThatThrownBy(
            () ->
                GithubRolePolicy.from(
                    config("aud", List.of("idc-matrix"), List.of("refs/heads/main"), null)))
        .hasMessageContaining("'idc-matrix' is not owner/name");
    assertThatThrownBy(
            () ->
                GithubRolePolicy.from(
                    config("aud", List.of("acme/idc-matrix/x"), List.of("refs/heads/main"), null)))
        .hasMessageContaining("not owner/name");
    assertThatThrownBy(
            () ->
                GithubRolePolicy.from(
                    config("aud", List.of("acme/idc-matrix"), List.of("main"), null)))
        .hasMessageContaining("deploy-refs entry 'main'");
  }

  static IdcConfig.Auth.Github config(
      String audience, List<String> repos, List<String> refs, String environment) {
    return new IdcConfig.Auth.Github() {
      @Override
      public String issuer() {
        return "https://token.actions.githubusercontent.com";
      }

      @Override
      public Optional<String> audience() {
        return Optional.ofNullable(audience);
      }

      @Override
      public Optional<List<String>> repositories() {
        return Optional.ofNullable(repos);
      }

      @Override
      public List<String> deployRefs() {
        return refs;
      }

      @Override
      public Optional<String> deployEnvironment() {
        return Optional.ofNullable(environment);
      }
    };
  }
}
