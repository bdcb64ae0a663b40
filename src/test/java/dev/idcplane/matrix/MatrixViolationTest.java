package dev.idcplane.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** One case per violation kind: the exact kind, file, line and field, and nothing else reported. */
class MatrixViolationTest {
  private final MatrixLoader loader = new MatrixLoader();

  record Case(ViolationKind kind, Map<String, String> files, String file, int line, String field) {
    @Override
    public String toString() {
      return kind.id() + " @ " + file + ":" + line + " " + field;
    }
  }

  private static Case one(ViolationKind kind, String yaml, int line, String field) {
    return new Case(kind, Map.of("m.yaml", yaml), "m.yaml", line, field);
  }

  private static String manyArns(int n) {
    return Stream.iterate(1, i -> i + 1)
        .limit(n)
        .map(i -> "arn:aws:iam::aws:policy/P" + i)
        .collect(Collectors.joining(", ", "[", "]"));
  }

  static Stream<Case> cases() {
    return Stream.of(
        one(
            ViolationKind.YAML_SYNTAX,
            """
            permission_sets:
              Dev: {}
            assignments:
              - group: g
                permission_set: [Dev
            """,
            6,
            ""),
        one(
            ViolationKind.NOT_A_MAPPING,
            """
            - group: g
            - permission_set: Dev
            """,
            1,
            ""),
        one(
            ViolationKind.UNKNOWN_KEY,
            """
            permission_sets:
              Dev:
                sesion_duration: PT2H
            """,
            3,
            "permission_sets.Dev.sesion_duration"),
        one(
            ViolationKind.UNKNOWN_KEY,
            """
            permission_set:
              Dev: {}
            """,
            1,
            "permission_set"),
        one(
            ViolationKind.WRONG_TYPE,
            """
            permission_sets:
              Dev: {}
            assignments:
              - group: g
                permission_set: Dev
                ous: Workloads
            """,
            6,
            "assignments[0].ous"),
        one(
            ViolationKind.WRONG_TYPE,
            """
            permission_sets:
              Dev:
                external: maybe
            """,
            3,
            "permission_sets.Dev.external"),
        one(
            ViolationKind.DUPLICATE_KEY,
            """
            permission_sets:
              Dev: {}
            assignments:
              - group: g
                permission_set: Dev
                group: h
                ous: [Workloads]
            """,
            6,
            "assignments[0].group"),
        one(
            ViolationKind.DUPLICATE_KEY,
            """
            permission_sets:
              Dev: {}
              Ops: {}
              Dev: {}
            """,
            4,
            "permission_sets.Dev"),
        one(
            ViolationKind.BLANK_VALUE,
            """
            permission_sets:
              Dev: {}
            assignments:
              - group: g
                permission_set: Dev
                ous:
                  - Workloads
                  - ""
            """,
            8,
            "assignments[0].ous[1]"),
        one(
            ViolationKind.MISSING_FIELD,
            """
            permission_sets:
              Dev: {}
            assignments:
              - group: g
                ous: [Workloads]
            """,
            4,
            "assignments[0].permission_set"),
        one(
            ViolationKind.MISSING_FIELD,
            """
            permission_sets:
              Dev:
                customer_managed_policies:
                  - path: /app/
            """,
            4,
            "permission_sets.Dev.customer_managed_policies[0].name"),
        new Case(
            ViolationKind.DUPLICATE_PERMISSION_SET,
            Map.of(
                "a.yaml",
                    """
                    permission_sets:
                      Dev: {}
                    """,
                "b.yaml",
                    """
                    # again
                    permission_sets:
                      Ops: {}
                      Dev: {external: true}
                    """),
            "b.yaml",
            4,
            "permission_sets.Dev"),
        one(
            ViolationKind.INVALID_PERMISSION_SET_NAME,
            """
            permission_sets:
              Dev Team: {}
            """,
            2,
            "permission_sets.Dev Team"),
        one(
            ViolationKind.EXTERNAL_WITH_DEFINITION,
            """
            permission_sets:
              AWSReadOnlyAccess:
                external: true
                session_duration: PT2H
            """,
            4,
            "permission_sets.AWSReadOnlyAccess.session_duration"),
        one(
            ViolationKind.INVALID_DESCRIPTION,
            """
            permission_sets:
              Dev:
                session_duration: PT2H
                description: %s
            """
                .formatted("x".repeat(701)),
            4,
            "permission_sets.Dev.description"),
        one(
            ViolationKind.INVALID_SESSION_DURATION,
            """
            permission_sets:
              Dev:
                session_duration: PT13H
            """,
            3,
            "permission_sets.Dev.session_duration"),
        one(
            ViolationKind.INVALID_SESSION_DURATION,
            """
            permission_sets:
              Dev:
                description: d
                session_duration: 4 hours
            """,
            4,
            "permission_sets.Dev.session_duration"),
        one(
            ViolationKind.INVALID_SESSION_DURATION,
            """
            permission_sets:
              Dev: {session_duration: PT30M}
            """,
            2,
            "permission_sets.Dev.session_duration"),
        one(
            ViolationKind.INVALID_MANAGED_POLICY_ARN,
            """
            permission_sets:
              Dev:
                managed_policies:
                  - arn:aws:iam::aws:policy/ReadOnlyAccess
                  - arn:aws:iam::12345:policy/Mine
            """,
            5,
            "permission_sets.Dev.managed_policies[1]"),
        one(
            ViolationKind.INVALID_MANAGED_POLICY_ARN,
            """
            permission_sets:
              Dev:
                permissions_boundary:
                  managed_policy_arn: ReadOnlyAccess
            """,
            4,
            "permission_sets.Dev.permissions_boundary.managed_policy_arn"),
        one(
            ViolationKind.TOO_MANY_MANAGED_POLICIES,
            """
            permission_sets:
              Dev:
                description: d
                managed_policies: %s
            """
                .formatted(manyArns(11)),
            4,
            "permission_sets.Dev.managed_policies"),
        one(
            ViolationKind.INVALID_INLINE_POLICY,
            """
            permission_sets:
              Dev:
                inline_policy: |
                  {"Version": "2012-10-17",
                   "Statement": [}
            """,
            3,
            "permission_sets.Dev.inline_policy"),
        one(
            ViolationKind.INVALID_INLINE_POLICY,
            """
            permission_sets:
              Dev:
                inline_policy: '"just a string"'
            """,
            3,
            "permission_sets.Dev.inline_policy"),
        one(
            ViolationKind.INLINE_POLICY_TOO_LONG,
            """
            permission_sets:
              Dev:
                description: d
                inline_policy: '{"Version": "2012-10-17", "Sid": "%s"}'
            """
                .formatted("x".repeat(32_768)),
            4,
            "permission_sets.Dev.inline_policy"),
        one(
            ViolationKind.INLINE_POLICY_TOO_LONG,
            """
            permission_sets:
              Dev:
                inline_policy: '{"Version": "2012-10-17", "Sid": "%s"}'
            """
                .formatted("x".repeat(10_241)),
            3,
            "permission_sets.Dev.inline_policy"),
        one(
            ViolationKind.INVALID_RELAY_STATE,
            """
            permission_sets:
              Dev:
                description: d
                relay_state: console.aws.amazon.com/ec2/home
            """,
            4,
            "permission_sets.Dev.relay_state"),
        one(
            ViolationKind.INVALID_RELAY_STATE,
            """
            permission_sets:
              Dev:
                relay_state: ftp://files.example.com/drop
            """,
            3,
            "permission_sets.Dev.relay_state"),
        one(
            ViolationKind.INVALID_RELAY_STATE,
            """
            permission_sets:
              Dev:
                relay_state: https://console.aws.amazon.com/ec2/home?q=<script>
            """,
            3,
            "permission_sets.Dev.relay_state"),
        one(
            ViolationKind.INVALID_RELAY_STATE,
            """
            permission_sets:
              Dev:
                relay_state: https://console.aws.amazon.com/%s
            """
                .formatted("a".repeat(240 - 30)),
            3,
            "permission_sets.Dev.relay_state"),
        one(
            ViolationKind.EXTERNAL_WITH_DEFINITION,
            """
            permission_sets:
              AWSReadOnlyAccess:
                external: true
                relay_state: https://console.aws.amazon.com/
            """,
            4,
            "permission_sets.AWSReadOnlyAccess.relay_state"),
        one(
            ViolationKind.INVALID_CMP_NAME,
            """
            permission_sets:
              Dev:
                customer_managed_policies:
                  - name: App Dev Actions
                    path: /app/
            """,
            4,
            "permission_sets.Dev.customer_managed_policies[0].name"),
        one(
            ViolationKind.INVALID_CMP_PATH,
            """
            permission_sets:
              Dev:
                customer_managed_policies:
                  - name: AppDevActions
                    path: app/
            """,
            5,
            "permission_sets.Dev.customer_managed_policies[0].path"),
        one(
            ViolationKind.INVALID_CMP_PATH,
            """
            permission_sets:
              Dev:
                permissions_boundary:
                  customer_managed: {name: Boundary, path: /boundaries}
            """,
            4,
            "permission_sets.Dev.permissions_boundary.customer_managed.path"),
        one(
            ViolationKind.INVALID_PERMISSIONS_BOUNDARY,
            """
            permission_sets:
              Dev:
                description: d
                permissions_boundary:
                  customer_managed: {name: Boundary, path: /boundaries/}
                  managed_policy_arn: arn:aws:iam::aws:policy/PowerUserAccess
            """,
            5,
            "permission_sets.Dev.permissions_boundary"),
        one(
            ViolationKind.INVALID_PERMISSIONS_BOUNDARY,
            """
            permission_sets:
              Dev:
                permissions_boundary: {}
            """,
            3,
            "permission_sets.Dev.permissions_boundary"),
        one(
            ViolationKind.INVALID_TAG,
            """
            permission_sets:
              Dev:
                tags:
                  ManagedBy: idc-control-plane
                  CostCenter: %s
            """
                .formatted("1".repeat(257)),
            5,
            "permission_sets.Dev.tags.CostCenter"),
        one(
            ViolationKind.INVALID_TAG,
            """
            permission_sets:
              Dev:
                tags:
                  aws:owner: me
            """,
            4,
            "permission_sets.Dev.tags.aws:owner"),
        one(
            ViolationKind.TOO_MANY_TAGS,
            """
            permission_sets:
              Dev:
                description: d
                tags: %s
            """
                .formatted(
                    Stream.iterate(1, i -> i + 1)
                        .limit(51)
                        .map(i -> "K" + i + ": v")
                        .collect(Collectors.joining(", ", "{", "}"))),
            4,
            "permission_sets.Dev.tags"),
        one(
            ViolationKind.MISSING_PRINCIPAL,
            """
            permission_sets:
              Dev: {}
            assignments:
              - permission_set: Dev
                ous: [Workloads]
            """,
            4,
            "assignments[0]"),
        one(
            ViolationKind.CONFLICTING_PRINCIPALS,
            """
            permission_sets:
              Dev: {}
            assignments:
              - group: g
                user: alice@example.com
                permission_set: Dev
                ous: [Workloads]
                owner: o
            """,
            5,
            "assignments[0].user"),
        one(
            ViolationKind.MISSING_TARGETS,
            """
            permission_sets:
              Dev: {}
            assignments:
              - group: g
                permission_set: Dev
            """,
            4,
            "assignments[0]"),
        one(
            ViolationKind.MISSING_TARGETS,
            """
            permission_sets:
              Dev: {}
            assignments:
              - group: g
                permission_set: Dev
                ous: [Workloads]
              - group: h
                permission_set: Dev
                ous: []
                exclude_accounts: [app-dev]
            """,
            7,
            "assignments[1]"),
        new Case(
            ViolationKind.UNDECLARED_PERMISSION_SET,
            Map.of(
                "a.yaml",
                    """
                    permission_sets:
                      AppDeveloper: {}
                    """,
                "b.yaml",
                    """
                    assignments:
                      - group: g
                        permission_set: AppDeveloper
                        ous: [Workloads]
                      - group: g
                        permission_set: AppDevloper
                        ous: [Workloads]
                    """),
            "b.yaml",
            6,
            "assignments[1].permission_set"),
        new Case(
            ViolationKind.DUPLICATE_RULE,
            Map.of(
                "a.yaml",
                    """
                    permission_sets:
                      Dev: {}
                    assignments:
                      - group: g
                        permission_set: Dev
                        ous: [Workloads, Security]
                    """,
                "b.yaml",
                    """
                    assignments:
                      - group: h
                        permission_set: Dev
                        ous: [Workloads]
                      - {group: g, permission_set: Dev, ous: [Security, Workloads]}
                    """),
            "b.yaml",
            5,
            "assignments[1]"),
        one(
            ViolationKind.INVALID_DATE,
            """
            permission_sets:
              Dev: {}
            assignments:
              - user: alice@example.com
                permission_set: Dev
                accounts: ["111122223333"]
                owner: secops@example.com
                expires: 2027-02-30
            """,
            8,
            "assignments[0].expires"),
        one(
            ViolationKind.INVALID_DATE,
            """
            permission_sets:
              Dev: {}
            assignments:
              - user: alice@example.com
                permission_set: Dev
                accounts: ["111122223333"]
                expires: 31/01/2027
                owner: secops@example.com
            """,
            7,
            "assignments[0].expires"),
        one(
            ViolationKind.MISSING_OWNER,
            """
            permission_sets:
              Dev: {}
            assignments:
              - group: g
                permission_set: Dev
                ous: [Workloads]
              - user: alice@example.com
                permission_set: Dev
                accounts: ["111122223333"]
                expires: 2027-01-31
            """,
            7,
            "assignments[1].owner"),
        one(
            ViolationKind.UNFILLED_IMPORT,
            """
            permission_sets:
              Dev: {}
            assignments:
              - user: alice@example.com
                permission_set: Dev
                accounts: ["111122223333"]
                owner: TODO
                expires: 2027-01-31
            """,
            7,
            "assignments[0].owner"),
        one(
            ViolationKind.UNFILLED_IMPORT,
            """
            permission_sets:
              Dev: {}
            assignments:
              - user: alice@example.com
                permission_set: Dev
                accounts: ["111122223333"]
                owner: secops@example.com
                expires: TODO
            """,
            8,
            "assignments[0].expires"),
        one(
            ViolationKind.MISSING_EXPIRES,
            """
            permission_sets:
              Dev: {}
            assignments:
              - user: alice@example.com
                permission_set: Dev
                accounts: ["111122223333"]
                owner: secops@example.com
            """,
            4,
            "assignments[0].expires"),
        one(
            ViolationKind.EXPIRES_ON_GROUP_RULE,
            """
            permission_sets:
              Dev: {}
            assignments:
              - group: g
                permission_set: Dev
                ous: [Workloads]
                owner: team-a@example.com
                expires: 2027-01-31
            """,
            8,
            "assignments[0].expires"),
        one(
            ViolationKind.INVALID_ACCOUNT_ID,
            """
            permission_sets:
              Dev: {}
            assignments:
              - group: g
                permission_set: Dev
                accounts: [app-dev, 11112222333]
            """,
            6,
            "assignments[0].accounts[1]"),
        one(
            ViolationKind.INVALID_ACCOUNT_ID,
            """
            permission_sets:
              Dev: {}
            assignments:
              - group: g
                permission_set: Dev
                ous: [_root_]
                exclude_accounts:
                  - "0123"
            """,
            8,
            "assignments[0].exclude_accounts[0]"),
        one(
            ViolationKind.INVALID_OU_ID,
            """
            permission_sets:
              Dev: {}
            assignments:
              - group: g
                permission_set: Dev
                ous:
                  - ou-ab12-cd34ef56
                  - ou-12
                  - r-ab12
            """,
            8,
            "assignments[0].ous[1]"),
        new Case(
            ViolationKind.DUPLICATE_TRUSTED_TOKEN_ISSUER,
            Map.of("a.yaml", ISSUER, "b.yaml", ISSUER),
            "b.yaml",
            2,
            "trusted_token_issuers.corp-idp"),
        one(
            ViolationKind.DUPLICATE_APPLICATION,
            """
            applications:
              bot: {}
            ---
            applications:
              bot: {}
            """,
            5,
            "applications.bot"),
        one(
            ViolationKind.ABSENT_WITH_DEFINITION,
            """
            applications:
              old-portal:
                absent: true
                description: gone
            """,
            4,
            "applications.old-portal.description"),
        one(
            ViolationKind.INVALID_TRUSTED_TOKEN_ISSUER_NAME,
            ISSUER.replace("corp-idp:", "corp idp:"),
            2,
            "trusted_token_issuers.corp idp"),
        one(
            ViolationKind.TOO_MANY_TRUSTED_TOKEN_ISSUERS,
            "trusted_token_issuers:\n"
                + Stream.iterate(1, i -> i + 1)
                    .limit(11)
                    .map(
                        i ->
                            "  i"
                                + i
                                + ": {issuer_url: https://idp.example.com, claim_attribute_path:"
                                + " email, identity_store_attribute_path: userName}\n")
                    .collect(Collectors.joining()),
            12,
            "trusted_token_issuers.i11"),
        one(
            ViolationKind.INVALID_ISSUER_URL,
            ISSUER.replace("https://", "http://"),
            3,
            "trusted_token_issuers.corp-idp.issuer_url"),
        one(
            ViolationKind.INVALID_ATTRIBUTE_PATH,
            ISSUER.replace("claim_attribute_path: email", "claim_attribute_path: emails[0]"),
            4,
            "trusted_token_issuers.corp-idp.claim_attribute_path"),
        one(
            ViolationKind.INVALID_APPLICATION_NAME,
            "applications:\n  " + "n".repeat(101) + ": {}\n",
            2,
            "applications." + "n".repeat(101)),
        one(
            ViolationKind.INVALID_APPLICATION_STATUS,
            """
            applications:
              bot:
                status: enabled
            """,
            3,
            "applications.bot.status"),
        one(
            ViolationKind.INVALID_CALLER,
            """
            applications:
              bot:
                callers:
                  - arn:aws:iam::111122223333:group/devs
            """,
            4,
            "applications.bot.callers[0]"),
        one(
            ViolationKind.INVALID_JWT_BEARER_GRANT,
            """
            applications:
              bot:
                jwt_bearer: []
            """,
            3,
            "applications.bot.jwt_bearer"),
        one(
            ViolationKind.INVALID_AUDIENCES,
            ISSUER
                + """
                applications:
                  bot:
                    jwt_bearer:
                      - issuer: corp-idp
                        audiences: []
                """,
            10,
            "applications.bot.jwt_bearer[0].audiences"),
        one(
            ViolationKind.TOO_MANY_SCOPES,
            "applications:\n  bot:\n    scopes: "
                + Stream.iterate(1, i -> i + 1)
                    .limit(26)
                    .map(i -> "s" + i)
                    .collect(Collectors.joining(", ", "[", "]")),
            3,
            "applications.bot.scopes"),
        one(
            ViolationKind.INVALID_SCOPE,
            """
            applications:
              bot:
                scopes:
                  - sts:identity_context
                  - s3:access_grants:read:write
            """,
            5,
            "applications.bot.scopes[1]"),
        one(
            ViolationKind.TOO_MANY_SCOPE_TARGETS,
            "applications:\n  bot:\n    scopes:\n      - scope: a:b\n        targets: "
                + Stream.iterate(1, i -> i + 1)
                    .limit(11)
                    .map(
                        i ->
                            "arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-"
                                + "%016d".formatted(i))
                    .collect(Collectors.joining(", ", "[", "]")),
            5,
            "applications.bot.scopes[0].targets"),
        one(
            ViolationKind.UNDECLARED_TRUSTED_TOKEN_ISSUER,
            ISSUER
                + """
                applications:
                  bot:
                    jwt_bearer:
                      - issuer: corp-ipd
                        audiences: [bot]
                """,
            9,
            "applications.bot.jwt_bearer[0].issuer"),
        one(
            ViolationKind.UNDECLARED_APPLICATION,
            """
            applications:
              bot:
                scopes:
                  - {scope: s3:access_grants:read_write, targets: [data-notebook]}
            """,
            4,
            "applications.bot.scopes[0].targets[0]"),
        one(
            ViolationKind.DUPLICATE_ENTRY,
            """
            applications:
              bot:
                assignments:
                  groups: [g, h]
                  users: [u, u]
            """,
            5,
            "applications.bot.assignments.users[1]"));
  }

  static final String ISSUER =
      """
      trusted_token_issuers:
        corp-idp:
          issuer_url: https://idp.example.com/oauth2/default
          claim_attribute_path: email
          identity_store_attribute_path: emails.value
      """;

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void reportsExactlyThisViolation(Case c) {
    MatrixLoad load = loader.load(c.files());

    assertThat(load.violations())
        .extracting(v -> v.kind(), v -> v.location(), v -> v.field())
        .containsExactly(tuple(c.kind().id(), new SourceLocation(c.file(), c.line()), c.field()));
    assertThat(load.violations().get(0).message()).isNotBlank();
    assertThat(load.violations().get(0).fix()).isNotBlank();
    assertThat(load.valid()).isFalse();
  }

  @Test
  void unknownKeySuggestsTheClosestKnownKey() {
    MatrixLoad load =
        loader.load(
            Map.of(
                "m.yaml",
                """
                permission_sets:
                  Dev:
                    sesion_duration: PT2H
                """));

    assertThat(load.violations().get(0).fix()).contains("'session_duration'");
  }

  @Test
  void aMissingFolderIsUnreadable(@TempDir Path dir) {
    Path missing = dir.resolve("nope");

    MatrixLoad load = loader.load(missing);

    assertThat(load.violations())
        .extracting(v -> v.kind(), v -> v.location())
        .containsExactly(tuple("unreadable_matrix", new SourceLocation(missing.toString(), 0)));
  }

  @Test
  void aFolderWithoutYamlHasNoMatrixFiles(@TempDir Path dir) throws Exception {
    java.nio.file.Files.writeString(dir.resolve("README.md"), "# not a matrix");

    MatrixLoad load = loader.load(dir);

    assertThat(load.violations())
        .extracting(v -> v.kind(), v -> v.location())
        .containsExactly(tuple("no_matrix_files", new SourceLocation(dir.toString(), 0)));
    assertThat(loader.load(Map.of()).violations())
        .extracting(v -> v.kind())
        .containsExactly("no_matrix_files");
  }

  @Test
  void inlinePoliciesWithinTheQuotaAndHttpRelayStatesAreAccepted() {
    String spaced = " ".repeat(12_000);
    MatrixLoad load =
        loader.load(
            Map.of(
                "m.yaml",
                """
                permission_sets:
                  Dev:
                    inline_policy: '{"Version": "2012-10-17",%s"Sid": "%s"}'
                    relay_state: %s
                """
                    .formatted(
                        spaced,
                        "x".repeat(10_000),
                        "https://console.aws.amazon.com/" + "a".repeat(240 - 31))));

    assertThat(load.violations()).isEmpty();
    assertThat(
            load.matrix()
                .permissionSet("Dev")
                .orElseThrow()
                .definition()
                .orElseThrow()
                .relayState())
        .hasSize(240);
  }

  @Test
  void everyKindHasACase() {
    Set<ViolationKind> covered =
        cases()
            .map(Case::kind)
            .collect(Collectors.toCollection(() -> EnumSet.noneOf(ViolationKind.class)));
    covered.addAll(Set.of(ViolationKind.UNREADABLE_MATRIX, ViolationKind.NO_MATRIX_FILES));

    assertThat(covered).containsExactlyInAnyOrder(ViolationKind.values());
    assertThat(Arrays.stream(ViolationKind.values()).map(ViolationKind::id).distinct())
        .hasSize(ViolationKind.values().length);
  }
}
