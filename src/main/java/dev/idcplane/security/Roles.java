package dev.idcplane.security;

import java.util.Map;
import java.util.Set;

/**
 * The service's roles, taken from the token's groups claim ({@code
 * quarkus.oidc.roles.role-claim-path}). {@code ci} plans any matrix (pull-request previews); {@code
 * deployer} may apply (reconcile in apply mode, or a stored plan), and implies {@code ci} and
 * {@code viewer} so it can plan what it applies and follow its runs. {@code admin} implies every
 * other role and {@code auditor} implies {@code viewer}. GitHub Actions tokens never take roles
 * from a claim: {@link GithubRolePolicy} gives them {@code ci} and, on a deploy ref outside pull
 * requests, {@code deployer}.
 */
public final class Roles {
  public static final String VIEWER = "viewer";
  public static final String AUDITOR = "auditor";
  public static final String CI = "ci";
  public static final String DEPLOYER = "deployer";
  public static final String ADMIN = "admin";

  /** Roles each role implies besides itself. */
  static final Map<String, Set<String>> IMPLIED =
      Map.of(
          ADMIN,
          Set.of(VIEWER, AUDITOR, CI, DEPLOYER),
          AUDITOR,
          Set.of(VIEWER),
          DEPLOYER,
          Set.of(CI, VIEWER));

  /** Every role in the service. */
  public static final Set<String> ALL = Set.of(VIEWER, AUDITOR, CI, DEPLOYER, ADMIN);

  private Roles() {}

  /** The roles a token holding {@code role} has: itself and what it implies. */
  public static Set<String> effective(String role) {
    var out = new java.util.HashSet<>(IMPLIED.getOrDefault(role, Set.of()));
    out.add(role);
    return Set.copyOf(out);
  }
}
