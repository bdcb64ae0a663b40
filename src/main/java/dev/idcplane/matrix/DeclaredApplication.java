package dev.idcplane.matrix;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A customer-managed application (provider {@code custom}) declared under {@code applications}.
 * Declared applications are managed: their settings, grants, authentication method, scopes,
 * assignment setting and assignments converge to the declaration; {@code absent: true} deletes the
 * application.
 *
 * @param name its name in IAM Identity Center
 * @param description its description, if declared
 * @param status ENABLED (the default) or DISABLED
 * @param callers IAM principal ARNs that may call {@code sso-oauth:CreateTokenWithIAM}: the IAM
 *     authentication method's actor policy; empty for none
 * @param jwtBearer the JWT bearer grant's authorized issuers, each with its audiences; empty for no
 *     JWT bearer grant
 * @param refreshToken whether the application has the refresh_token grant (default false)
 * @param tokenExchange whether the application has the token-exchange grant (default false)
 * @param scopes access scopes, each with its authorized targets
 * @param assignmentRequired whether users need an assignment to use it (default true)
 * @param groups group display names assigned to the application, as written
 * @param users user names assigned to the application, as written
 * @param absent {@code absent: true}: the application is to be deleted
 * @param at file and line of the declaration (its name)
 */
public record DeclaredApplication(
    String name,
    Optional<String> description,
    Status status,
    List<LocatedValue> callers,
    List<JwtBearerGrant> jwtBearer,
    boolean refreshToken,
    boolean tokenExchange,
    List<AccessScope> scopes,
    boolean assignmentRequired,
    List<LocatedValue> groups,
    List<LocatedValue> users,
    boolean absent,
    SourceLocation at) {

  /** sso-admin API model, ApplicationArn. */
  static final Pattern ARN =
      Pattern.compile(
          "arn:aws(-[a-z]{1,5}){0,3}:sso::\\d{12}:application/(sso)?ins-[a-zA-Z0-9-.]{16}"
              + "/apl-[a-zA-Z0-9]{16}");

  /** An application's status, as the API names it. */
  public enum Status {
    ENABLED,
    DISABLED
  }

  /**
   * One authorized issuer of the JWT bearer grant.
   *
   * @param issuer a trusted token issuer declared in the matrix (by name) or a trusted token issuer
   *     ARN
   * @param audiences the {@code aud} values accepted from that issuer, 1 to 10
   * @param at file and line of the entry
   */
  public record JwtBearerGrant(
      LocatedValue issuer, List<LocatedValue> audiences, SourceLocation at) {
    public JwtBearerGrant {
      Objects.requireNonNull(issuer, "issuer");
      Objects.requireNonNull(at, "at");
      audiences = List.copyOf(audiences);
    }
  }

  /**
   * One access scope.
   *
   * @param scope e.g. {@code sts:identity_context} or {@code s3:access_grants:read_write}
   * @param targets applications declared in the matrix (by name) or application ARNs; empty for
   *     none
   */
  public record AccessScope(LocatedValue scope, List<LocatedValue> targets) {
    public AccessScope {
      Objects.requireNonNull(scope, "scope");
      targets = List.copyOf(targets);
    }

    public String name() {
      return scope.value();
    }
  }

  public DeclaredApplication {
    Objects.requireNonNull(name, "name");
    description = Objects.requireNonNullElse(description, Optional.empty());
    Objects.requireNonNull(status, "status");
    callers = List.copyOf(callers);
    jwtBearer = List.copyOf(jwtBearer);
    scopes = List.copyOf(scopes);
    groups = List.copyOf(groups);
    users = List.copyOf(users);
    Objects.requireNonNull(at, "at");
  }

  /** {@code name: {absent: true}}: delete the application of this name. */
  public static DeclaredApplication absent(String name, SourceLocation at) {
    return new DeclaredApplication(
        name,
        Optional.empty(),
        Status.ENABLED,
        List.of(),
        List.of(),
        false,
        false,
        List.of(),
        true,
        List.of(),
        List.of(),
        true,
        at);
  }

  /** Whether a scope target is an application ARN rather than a name. */
  public static boolean isArn(String reference) {
    return ARN.matcher(reference).matches();
  }
}
