package dev.idcplane.matrix;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.idcplane.matrix.DeclaredApplication.AccessScope;
import dev.idcplane.matrix.DeclaredApplication.JwtBearerGrant;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** {@code trusted_token_issuers:} and {@code applications:} in the matrix (issue 11). */
class MatrixApplicationsTest {
  private final MatrixLoader loader = new MatrixLoader();

  static final String ISSUERS =
      """
      trusted_token_issuers:
        corp-idp:                                   # its name in Identity Center
          issuer_url: https://idp.example.com/oauth2/default
          claim_attribute_path: email
          identity_store_attribute_path: emails.value
        old-idp: {absent: true}
      """;

  static final String APPLICATIONS =
      """
      applications:
        release-bot:
          description: Release automation acting for engineers
          status: ENABLED
          callers: [arn:aws:iam::111122223333:role/release-bot]
          jwt_bearer:
            - issuer: corp-idp
              audiences: [release-bot]
            - issuer: arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-1111222233334444/tti-12345678-abcd-ef01-2345-6789abcdef01
              audiences: [release-bot, release-bot-staging]
          refresh_token: false
          token_exchange: true
          scopes:
            - sts:identity_context
            - {scope: s3:access_grants:read_write, targets: [data-notebook]}
          assignment_required: true
          assignments: {groups: [aws-platform-admins], users: []}
        data-notebook: {}
        old-portal: {absent: true}
      """;

  private static Map<String, String> example() {
    return Map.of("issuers.yaml", ISSUERS, "apps.yaml", APPLICATIONS);
  }

  private MatrixLoad load(String yaml) {
    return loader.load(Map.of("m.yaml", yaml));
  }

  private static LocatedValue at(String value, String file, int line, String field) {
    return new LocatedValue(value, new SourceLocation(file, line), field);
  }

  @Test
  void theIssuesExampleParsesToTheExpectedRecords() {
    MatrixLoad load = loader.load(example());

    assertThat(load.violations()).isEmpty();
    Matrix m = load.matrix();
    assertThat(m.trustedTokenIssuers()).containsOnlyKeys("corp-idp", "old-idp");
    assertThat(m.trustedTokenIssuer("corp-idp"))
        .contains(
            DeclaredTrustedTokenIssuer.managed(
                "corp-idp",
                "https://idp.example.com/oauth2/default",
                "email",
                "emails.value",
                new SourceLocation("issuers.yaml", 2)));
    assertThat(m.trustedTokenIssuer("old-idp"))
        .contains(
            DeclaredTrustedTokenIssuer.absent("old-idp", new SourceLocation("issuers.yaml", 6)));

    assertThat(m.applications()).containsOnlyKeys("data-notebook", "old-portal", "release-bot");
    String f = "applications.release-bot";
    String tti =
        "arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-1111222233334444/"
            + "tti-12345678-abcd-ef01-2345-6789abcdef01";
    DeclaredApplication expected =
        new DeclaredApplication(
            "release-bot",
            Optional.of("Release automation acting for engineers"),
            DeclaredApplication.Status.ENABLED,
            List.of(
                at(
                    "arn:aws:iam::111122223333:role/release-bot",
                    "apps.yaml",
                    5,
                    f + ".callers[0]")),
            List.of(
                new JwtBearerGrant(
                    at("corp-idp", "apps.yaml", 7, f + ".jwt_bearer[0].issuer"),
                    List.of(at("release-bot", "apps.yaml", 8, f + ".jwt_bearer[0].audiences[0]")),
                    new SourceLocation("apps.yaml", 7)),
                new JwtBearerGrant(
                    at(tti, "apps.yaml", 9, f + ".jwt_bearer[1].issuer"),
                    List.of(
                        at("release-bot", "apps.yaml", 10, f + ".jwt_bearer[1].audiences[0]"),
                        at(
                            "release-bot-staging",
                            "apps.yaml",
                            10,
                            f + ".jwt_bearer[1].audiences[1]")),
                    new SourceLocation("apps.yaml", 9))),
            false,
            true,
            List.of(
                new AccessScope(
                    at("sts:identity_context", "apps.yaml", 14, f + ".scopes[0]"), List.of()),
                new AccessScope(
                    at("s3:access_grants:read_write", "apps.yaml", 15, f + ".scopes[1].scope"),
                    List.of(at("data-notebook", "apps.yaml", 15, f + ".scopes[1].targets[0]")))),
            true,
            List.of(at("aws-platform-admins", "apps.yaml", 17, f + ".assignments.groups[0]")),
            List.of(),
            false,
            new SourceLocation("apps.yaml", 2));
    assertThat(m.application("release-bot")).contains(expected);
    assertThat(m.application("old-portal"))
        .contains(DeclaredApplication.absent("old-portal", new SourceLocation("apps.yaml", 19)));
    assertThat(m.application("old-portal").orElseThrow().absent()).isTrue();
    assertThat(load.emptyFiles()).isEmpty();
  }

  @Test
  void undeclaredSettingsTakeTheIssuesDefaults() {
    MatrixLoad load =
        load(
            """
            applications:
              empty: {}
              bare:
              explicit: {absent: false, refresh_token: yes, assignment_required: no, status: DISABLED}
            """);

    assertThat(load.violations()).isEmpty();
    for (String name : List.of("empty", "bare")) {
      DeclaredApplication a = load.matrix().application(name).orElseThrow();
      assertThat(a.description()).isEmpty();
      assertThat(a.status()).isEqualTo(DeclaredApplication.Status.ENABLED);
      assertThat(a.refreshToken()).isFalse();
      assertThat(a.tokenExchange()).isFalse();
      assertThat(a.assignmentRequired()).isTrue();
      assertThat(a.absent()).isFalse();
      assertThat(a.callers()).isEmpty();
      assertThat(a.jwtBearer()).isEmpty();
      assertThat(a.scopes()).isEmpty();
      assertThat(a.groups()).isEmpty();
      assertThat(a.users()).isEmpty();
    }
    DeclaredApplication explicit = load.matrix().application("explicit").orElseThrow();
    assertThat(explicit.absent()).isFalse();
    assertThat(explicit.refreshToken()).isTrue();
    assertThat(explicit.assignmentRequired()).isFalse();
    assertThat(explicit.status()).isEqualTo(DeclaredApplication.Status.DISABLED);
  }

  @Test
  void aFileWithOnlyIssuersOrApplicationsIsNotEmpty() {
    MatrixLoad load =
        loader.load(
            Map.of(
                "issuers.yaml", ISSUERS, "apps.yaml", "applications:\n  bot: {}\n", "e.yaml", ""));

    assertThat(load.violations()).isEmpty();
    assertThat(load.emptyFiles()).containsExactly("e.yaml");
    assertThat(load.matrix().permissionSets()).isEmpty();
    assertThat(load.matrix().rules()).isEmpty();
  }

  // --- violations: kind, file:line and field -------------------------------------------------

  record Expected(String kind, String file, int line, String field) {}

  private static Expected v(ViolationKind kind, int line, String field) {
    return new Expected(kind.id(), "m.yaml", line, field);
  }

  private void assertViolations(MatrixLoad load, Expected... expected) {
    assertThat(load.violations())
        .extracting(x -> x.kind(), x -> x.location(), x -> x.field())
        .containsExactlyInAnyOrder(
            Stream.of(expected)
                .map(e -> tuple(e.kind(), new SourceLocation(e.file(), e.line()), e.field()))
                .toArray(org.assertj.core.groups.Tuple[]::new));
    load.violations()
        .forEach(
            x -> {
              assertThat(x.message()).isNotBlank();
              assertThat(x.fix()).isNotBlank();
            });
    assertThat(load.valid()).isFalse();
  }

  private static String issuer(String url, String claim, String store) {
    return """
        trusted_token_issuers:
          corp-idp:
            issuer_url: %s
            claim_attribute_path: %s
            identity_store_attribute_path: %s
        """
        .formatted(url, claim, store);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "email",
        "sub",
        "user.email",
        "user_name",
        "a.b.c",
        "a_b.c",
        "émail",
      })
  void claimAttributePathsInAwsPatternAreAccepted(String claim) {
    MatrixLoad load = load(issuer("https://idp.example.com", claim, "emails.value"));

    assertThat(load.violations()).isEmpty();
    assertThat(load.matrix().trustedTokenIssuer("corp-idp").orElseThrow().claimAttributePath())
        .isEqualTo(claim);
  }

  @ParameterizedTest
  @ValueSource(strings = {"emails[0]", "a.b.c.d", "e-mail", "user.", "'1sub'", "email.", "'a b'"})
  void claimAttributePathsOutsideAwsPatternAreRejected(String claim) {
    assertViolations(
        load(issuer("https://idp.example.com", claim, "emails.value")),
        v(
            ViolationKind.INVALID_ATTRIBUTE_PATH,
            4,
            "trusted_token_issuers.corp-idp.claim_attribute_path"));
  }

  @Test
  void attributePathsHaveAtMost255Characters() {
    assertViolations(
        load(issuer("https://idp.example.com", "a".repeat(256), "b".repeat(256))),
        v(
            ViolationKind.INVALID_ATTRIBUTE_PATH,
            4,
            "trusted_token_issuers.corp-idp.claim_attribute_path"),
        v(
            ViolationKind.INVALID_ATTRIBUTE_PATH,
            5,
            "trusted_token_issuers.corp-idp.identity_store_attribute_path"));
    assertThat(
            load(issuer("https://idp.example.com", "a".repeat(255), "b".repeat(255))).violations())
        .isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"user_name", "emails[0].value", "name.givenName.x.y", "emails-value"})
  void identityStorePathsOutsideAwsPatternAreRejected(String path) {
    assertViolations(
        load(issuer("https://idp.example.com", "email", path)),
        v(
            ViolationKind.INVALID_ATTRIBUTE_PATH,
            5,
            "trusted_token_issuers.corp-idp.identity_store_attribute_path"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"userName", "emails.value", "name.givenName", "externalIds.issuer.x"})
  void identityStorePathsInAwsPatternAreAccepted(String path) {
    assertThat(load(issuer("https://idp.example.com", "email", path)).violations()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "http://idp.example.com",
        "ftp://idp.example.com",
        "idp.example.com",
        "https://",
        "'https://idp.example.com/a b'",
        "https://idp.example.com/.",
      })
  void issuerUrlsMustBeHttps(String url) {
    assertViolations(
        load(issuer(url, "email", "emails.value")),
        v(ViolationKind.INVALID_ISSUER_URL, 3, "trusted_token_issuers.corp-idp.issuer_url"));
  }

  @Test
  void issuerUrlsHaveAtMost512Characters() {
    String base = "https://idp.example.com/";
    assertThat(
            load(issuer(base + "a".repeat(512 - base.length()), "email", "userName")).violations())
        .isEmpty();
    assertViolations(
        load(issuer(base + "a".repeat(513 - base.length()), "email", "userName")),
        v(ViolationKind.INVALID_ISSUER_URL, 3, "trusted_token_issuers.corp-idp.issuer_url"));
  }

  @Test
  void anIssuerNeedsItsUrlAndBothPaths() {
    assertViolations(
        load(
            """
            trusted_token_issuers:
              corp-idp: {}
              other-idp:
              third-idp: {issuer_url: , claim_attribute_path: email, identity_store_attribute_path: userName}
            """),
        v(ViolationKind.MISSING_FIELD, 2, "trusted_token_issuers.corp-idp.issuer_url"),
        v(ViolationKind.MISSING_FIELD, 2, "trusted_token_issuers.corp-idp.claim_attribute_path"),
        v(
            ViolationKind.MISSING_FIELD,
            2,
            "trusted_token_issuers.corp-idp.identity_store_attribute_path"),
        v(ViolationKind.MISSING_FIELD, 3, "trusted_token_issuers.other-idp.issuer_url"),
        v(ViolationKind.MISSING_FIELD, 3, "trusted_token_issuers.other-idp.claim_attribute_path"),
        v(
            ViolationKind.MISSING_FIELD,
            3,
            "trusted_token_issuers.other-idp.identity_store_attribute_path"),
        v(ViolationKind.BLANK_VALUE, 4, "trusted_token_issuers.third-idp.issuer_url"));
  }

  private static String issuers(int present, int absent) {
    return "trusted_token_issuers:\n"
        + IntStream.rangeClosed(1, absent)
            .mapToObj(i -> "  gone-" + i + ": {absent: true}\n")
            .collect(Collectors.joining())
        + IntStream.rangeClosed(1, present)
            .mapToObj(
                i ->
                    "  idp-%02d: {issuer_url: https://idp%d.example.com, claim_attribute_path: email,"
                            .formatted(i, i)
                        + " identity_store_attribute_path: emails.value}\n")
            .collect(Collectors.joining());
  }

  @Test
  void atMostTenIssuersAreDeclaredAndAbsentOnesDoNotCount() {
    MatrixLoad ten = load(issuers(10, 3));
    assertThat(ten.violations()).isEmpty();
    assertThat(ten.matrix().trustedTokenIssuers()).hasSize(13);

    MatrixLoad eleven = load(issuers(11, 3));
    assertViolations(
        eleven,
        v(ViolationKind.TOO_MANY_TRUSTED_TOKEN_ISSUERS, 15, "trusted_token_issuers.idp-11"));
    assertThat(eleven.violations().get(0).message()).contains("11", "cannot be raised");
  }

  @Test
  void theIssuerQuotaCountsAcrossFiles() {
    String first = issuers(6, 0);
    String second = issuers(5, 0).replace("idp-0", "other-0");
    MatrixLoad load = loader.load(Map.of("a.yaml", first, "b.yaml", second));

    assertViolations(
        load,
        new Expected(
            ViolationKind.TOO_MANY_TRUSTED_TOKEN_ISSUERS.id(),
            "b.yaml",
            6,
            "trusted_token_issuers.other-05"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "arn:aws:iam::111122223333:role/release-bot",
        "arn:aws:iam::111122223333:role/service-role/ci/release-bot",
        "arn:aws:iam::111122223333:user/alice",
        "arn:aws:iam::111122223333:root",
        "arn:aws-us-gov:iam::111122223333:role/bot",
        "arn:aws-cn:iam::111122223333:role/bot",
      })
  void callersAreIamRoleUserOrRootArns(String caller) {
    MatrixLoad load = load("applications:\n  bot: {callers: [\"" + caller + "\"]}\n");

    assertThat(load.violations()).isEmpty();
    assertThat(load.matrix().application("bot").orElseThrow().callers())
        .extracting(LocatedValue::value)
        .containsExactly(caller);
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "release-bot",
        "111122223333",
        "arn:aws:iam::111122223333:group/devs",
        "arn:aws:iam::aws:policy/ReadOnlyAccess",
        "arn:aws:sts::111122223333:assumed-role/bot/session",
        "arn:aws:iam::11112222333:role/bot",
        "arn:aws:iam::111122223333:role/",
        "*",
      })
  void otherCallersAreRejected(String caller) {
    assertViolations(
        load(
            """
            applications:
              bot:
                callers:
                  - arn:aws:iam::111122223333:role/ok
                  - "%s"
            """
                .formatted(caller)),
        v(ViolationKind.INVALID_CALLER, 5, "applications.bot.callers[1]"));
  }

  private static String arnIssuer(int i) {
    return "arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-1111222233334444/"
        + "tti-%08d-abcd-ef01-2345-6789abcdef01".formatted(i);
  }

  private static String grants(int issuers, int audiences) {
    String aud =
        IntStream.rangeClosed(1, audiences)
            .mapToObj(i -> "aud-" + i)
            .collect(Collectors.joining(", ", "[", "]"));
    return "applications:\n  bot:\n    jwt_bearer:\n"
        + IntStream.rangeClosed(1, issuers)
            .mapToObj(i -> "      - {issuer: " + arnIssuer(i) + ", audiences: " + aud + "}\n")
            .collect(Collectors.joining());
  }

  @Test
  void aGrantHasOneToTenIssuers() {
    MatrixLoad ten = load(grants(10, 1));
    assertThat(ten.violations()).isEmpty();
    assertThat(ten.matrix().application("bot").orElseThrow().jwtBearer()).hasSize(10);

    assertViolations(
        load(grants(11, 1)),
        v(ViolationKind.INVALID_JWT_BEARER_GRANT, 4, "applications.bot.jwt_bearer"));
    assertViolations(
        load("applications:\n  bot:\n    jwt_bearer: []\n"),
        v(ViolationKind.INVALID_JWT_BEARER_GRANT, 3, "applications.bot.jwt_bearer"));
  }

  @Test
  void eachGrantIssuerHasOneToTenAudiences() {
    MatrixLoad ten = load(grants(2, 10));
    assertThat(ten.violations()).isEmpty();
    assertThat(ten.matrix().application("bot").orElseThrow().jwtBearer().get(1).audiences())
        .hasSize(10);

    assertViolations(
        load(grants(1, 11)),
        v(ViolationKind.INVALID_AUDIENCES, 4, "applications.bot.jwt_bearer[0].audiences"));
    assertViolations(
        load(grants(1, 0)),
        v(ViolationKind.INVALID_AUDIENCES, 4, "applications.bot.jwt_bearer[0].audiences"));
    assertViolations(
        load(
            """
            applications:
              bot:
                jwt_bearer:
                  - issuer: %s
                    audiences: [ok, %s]
                  - issuer: %s
                  - audiences: [x]
            """
                .formatted(arnIssuer(1), "a".repeat(513), arnIssuer(2))),
        v(ViolationKind.INVALID_AUDIENCES, 5, "applications.bot.jwt_bearer[0].audiences[1]"),
        v(ViolationKind.MISSING_FIELD, 6, "applications.bot.jwt_bearer[1].audiences"),
        v(ViolationKind.MISSING_FIELD, 7, "applications.bot.jwt_bearer[2].issuer"));
  }

  private static String scopes(int n) {
    return "applications:\n  bot:\n    scopes:\n"
        + IntStream.rangeClosed(1, n)
            .mapToObj(i -> "      - app:scope_" + i + "\n")
            .collect(Collectors.joining());
  }

  @Test
  void anApplicationHasAtMost25Scopes() {
    assertThat(load(scopes(25)).violations()).isEmpty();
    assertViolations(
        load(scopes(26)), v(ViolationKind.TOO_MANY_SCOPES, 4, "applications.bot.scopes"));
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"openid", "sts:identity_context", "s3:access_grants:read_write", "A_1:b2:C_3"})
  void scopesOfOneToThreeSegmentsAreAccepted(String scope) {
    MatrixLoad load = load("applications:\n  bot:\n    scopes: [\"" + scope + "\"]\n");

    assertThat(load.violations()).isEmpty();
    assertThat(load.matrix().application("bot").orElseThrow().scopes())
        .extracting(AccessScope::name)
        .containsExactly(scope);
  }

  @ParameterizedTest
  @MethodSource("badScopes")
  void otherScopesAreRejected(String scope) {
    assertViolations(
        load(
            """
            applications:
              bot:
                scopes:
                  - openid
                  - {scope: "%s", targets: []}
                  - "%s"
            """
                .formatted(scope, scope)),
        v(ViolationKind.INVALID_SCOPE, 5, "applications.bot.scopes[1].scope"),
        v(ViolationKind.INVALID_SCOPE, 6, "applications.bot.scopes[2]"));
  }

  static Stream<String> badScopes() {
    return Stream.of(
        "a:b:c:d",
        "s3:access-grants",
        ":a",
        "a:",
        "a::b",
        "a b",
        "x".repeat(51),
        "a:" + "y".repeat(51));
  }

  @Test
  void aScopeHasAtMostTenTargets() {
    String targets =
        IntStream.rangeClosed(1, 11)
            .mapToObj(
                i ->
                    "arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-%016d"
                        .formatted(i))
            .collect(Collectors.joining(", ", "[", "]"));
    assertViolations(
        load(
            "applications:\n  bot:\n    scopes:\n      - {scope: a:b, targets: " + targets + "}\n"),
        v(ViolationKind.TOO_MANY_SCOPE_TARGETS, 4, "applications.bot.scopes[0].targets"));
    String ten = targets.substring(0, targets.lastIndexOf(',')) + "]";
    assertThat(
            load("applications:\n  bot:\n    scopes:\n      - {scope: a:b, targets: " + ten + "}\n")
                .violations())
        .isEmpty();
  }

  @Test
  void statusIsEnabledOrDisabled() {
    assertViolations(
        load("applications:\n  bot:\n    status: enabled\n  other: {status: ON}\n"),
        v(ViolationKind.INVALID_APPLICATION_STATUS, 3, "applications.bot.status"),
        v(ViolationKind.INVALID_APPLICATION_STATUS, 4, "applications.other.status"));
  }

  @Test
  void descriptionsAndNamesHaveAwsLengths() {
    String longName = "n".repeat(101);
    assertViolations(
        load(
            """
            applications:
              bot:
                description: %s
              %s: {}
              ok:
                description: ""
            """
                .formatted("d".repeat(129), longName)),
        v(ViolationKind.INVALID_DESCRIPTION, 3, "applications.bot.description"),
        v(ViolationKind.INVALID_APPLICATION_NAME, 4, "applications." + longName),
        v(ViolationKind.BLANK_VALUE, 6, "applications.ok.description"));
    assertThat(
            load("applications:\n  " + "n".repeat(100) + ":\n    description: " + "d".repeat(128))
                .violations())
        .isEmpty();
  }

  // --- references -----------------------------------------------------------------------------

  @Test
  void everyReferencedIssuerIsDeclaredNotAbsentOrAnArn() {
    MatrixLoad load =
        loader.load(
            Map.of(
                "issuers.yaml",
                ISSUERS,
                "m.yaml",
                """
                applications:
                  bot:
                    jwt_bearer:
                      - {issuer: corp-ipd, audiences: [a]}
                      - {issuer: old-idp, audiences: [a]}
                      - {issuer: "arn:aws:sso::111122223333:trustedTokenIssuer/ssoins-1111222233334444/tti-nothex", audiences: [a]}
                      - {issuer: corp-idp, audiences: [a]}
                      - {issuer: %s, audiences: [a]}
                """
                    .formatted(arnIssuer(7))));

    String f = "applications.bot.jwt_bearer";
    assertViolations(
        load,
        v(ViolationKind.UNDECLARED_TRUSTED_TOKEN_ISSUER, 4, f + "[0].issuer"),
        v(ViolationKind.UNDECLARED_TRUSTED_TOKEN_ISSUER, 5, f + "[1].issuer"),
        v(ViolationKind.UNDECLARED_TRUSTED_TOKEN_ISSUER, 6, f + "[2].issuer"));
    assertThat(load.violations())
        .extracting(Violation::fix)
        .anySatisfy(fix -> assertThat(fix).contains("did you mean 'corp-idp'?"));
    assertThat(load.violations())
        .extracting(Violation::message)
        .anySatisfy(m -> assertThat(m).contains("absent", "issuers.yaml:6"));
    assertThat(load.matrix().applications()).doesNotContainKey("bot");
  }

  @Test
  void everyScopeTargetIsADeclaredApplicationNotAbsentOrAnArn() {
    MatrixLoad load =
        load(
            """
            applications:
              bot:
                scopes:
                  - {scope: s3:access_grants:read, targets: [data-notebok, old-portal, bot]}
                  - {scope: s3:access_grants:write, targets: [data-notebook, "arn:aws:sso::111122223333:application/ssoins-1111222233334444/apl-1111222233334444"]}
                  - {scope: a, targets: ["arn:aws:sso::111122223333:application/bad"]}
              data-notebook: {}
              old-portal: {absent: true}
            """);

    String f = "applications.bot.scopes";
    assertViolations(
        load,
        v(ViolationKind.UNDECLARED_APPLICATION, 4, f + "[0].targets[0]"),
        v(ViolationKind.UNDECLARED_APPLICATION, 4, f + "[0].targets[1]"),
        v(ViolationKind.UNDECLARED_APPLICATION, 6, f + "[2].targets[0]"));
    assertThat(load.violations().get(0).fix()).contains("did you mean 'data-notebook'?");
  }

  @Test
  void referencesAreCheckedEvenWhenTheApplicationHasOtherProblems() {
    assertViolations(
        load(
            """
            applications:
              bot:
                status: maybe
                jwt_bearer: [{issuer: nobody, audiences: [a]}]
                scopes: [{scope: "bad scope", targets: [nothing]}]
            """),
        v(ViolationKind.INVALID_APPLICATION_STATUS, 3, "applications.bot.status"),
        v(
            ViolationKind.UNDECLARED_TRUSTED_TOKEN_ISSUER,
            4,
            "applications.bot.jwt_bearer[0].issuer"),
        v(ViolationKind.INVALID_SCOPE, 5, "applications.bot.scopes[0].scope"),
        v(ViolationKind.UNDECLARED_APPLICATION, 5, "applications.bot.scopes[0].targets[0]"));
  }

  // --- duplicates, absent, unknown keys --------------------------------------------------------

  @Test
  void theSameNameDeclaredTwiceIsReportedWithBothPlaces() {
    MatrixLoad load =
        loader.load(
            Map.of(
                "a.yaml",
                ISSUERS + "applications:\n  bot: {}\n",
                "b.yaml",
                """
                applications:
                  bot: {description: again}
                trusted_token_issuers:
                  corp-idp: {absent: true}
                ---
                applications:
                  bot: {absent: true}
                """));

    assertViolations(
        load,
        new Expected(ViolationKind.DUPLICATE_APPLICATION.id(), "b.yaml", 2, "applications.bot"),
        new Expected(
            ViolationKind.DUPLICATE_TRUSTED_TOKEN_ISSUER.id(),
            "b.yaml",
            4,
            "trusted_token_issuers.corp-idp"),
        new Expected(ViolationKind.DUPLICATE_APPLICATION.id(), "b.yaml", 7, "applications.bot"));
    assertThat(load.violations())
        .extracting(Violation::message)
        .containsExactlyInAnyOrder(
            "application bot is already declared at a.yaml:8",
            "trusted token issuer corp-idp is already declared at a.yaml:2",
            "application bot is already declared at a.yaml:8");
    // the first declaration is the one kept
    assertThat(load.matrix().application("bot").orElseThrow().description()).isEmpty();
    assertThat(load.matrix().trustedTokenIssuer("corp-idp").orElseThrow().absent()).isFalse();
  }

  @Test
  void aDuplicateKeyInOneApplicationIsReported() {
    assertViolations(
        load("applications:\n  bot:\n    status: ENABLED\n    status: DISABLED\n"),
        v(ViolationKind.DUPLICATE_KEY, 4, "applications.bot.status"));
  }

  @Test
  void absentDeclaresNothingElse() {
    assertViolations(
        load(
            """
            trusted_token_issuers:
              old-idp:
                absent: true
                issuer_url: https://old.example.com
            applications:
              old-portal: {absent: true, status: DISABLED, scopes: [a]}
            """),
        v(ViolationKind.ABSENT_WITH_DEFINITION, 4, "trusted_token_issuers.old-idp.issuer_url"),
        v(ViolationKind.ABSENT_WITH_DEFINITION, 6, "applications.old-portal.status"),
        v(ViolationKind.ABSENT_WITH_DEFINITION, 6, "applications.old-portal.scopes"));
  }

  @Test
  void unknownKeysSuggestTheClosestKnownKey() {
    MatrixLoad load =
        load(
            """
            trusted_token_issuers:
              corp-idp:
                issuer_url: https://idp.example.com
                claim_atribute_path: email
                identity_store_attribute_path: emails.value
            applications:
              bot:
                assignment_requried: false
                jwt_bearer: [{issuer: corp-idp, audience: [a]}]
                scopes: [{scope: a, target: [bot]}]
                assignments: {group: [g]}
            aplications: {}
            """);

    assertThat(load.violations())
        .filteredOn(x -> x.kind().equals("unknown_key"))
        .extracting(Violation::location, Violation::field, Violation::fix)
        .containsExactlyInAnyOrder(
            tuple(
                new SourceLocation("m.yaml", 4),
                "trusted_token_issuers.corp-idp.claim_atribute_path",
                "did you mean 'claim_attribute_path'?"),
            tuple(
                new SourceLocation("m.yaml", 8),
                "applications.bot.assignment_requried",
                "did you mean 'assignment_required'?"),
            tuple(
                new SourceLocation("m.yaml", 9),
                "applications.bot.jwt_bearer[0].audience",
                "did you mean 'audiences'?"),
            tuple(
                new SourceLocation("m.yaml", 10),
                "applications.bot.scopes[0].target",
                "did you mean 'targets'?"),
            tuple(
                new SourceLocation("m.yaml", 11),
                "applications.bot.assignments.group",
                "did you mean 'groups'?"),
            tuple(new SourceLocation("m.yaml", 12), "aplications", "did you mean 'applications'?"));
  }

  @Test
  void repeatedListEntriesAreReported() {
    assertViolations(
        load(
            """
            applications:
              bot:
                callers: [arn:aws:iam::111122223333:root, arn:aws:iam::111122223333:root]
                jwt_bearer:
                  - {issuer: %s, audiences: [a, a]}
                  - {issuer: %s, audiences: [b]}
                scopes: [openid, {scope: openid, targets: [bot, bot]}]
                assignments:
                  groups: [g, g]
                  users: [u, u]
            """
                .formatted(arnIssuer(1), arnIssuer(1))),
        v(ViolationKind.DUPLICATE_ENTRY, 3, "applications.bot.callers[1]"),
        v(ViolationKind.DUPLICATE_ENTRY, 5, "applications.bot.jwt_bearer[0].audiences[1]"),
        v(ViolationKind.DUPLICATE_ENTRY, 6, "applications.bot.jwt_bearer[1].issuer"),
        v(ViolationKind.DUPLICATE_ENTRY, 7, "applications.bot.scopes[1].scope"),
        v(ViolationKind.DUPLICATE_ENTRY, 7, "applications.bot.scopes[1].targets[1]"),
        v(ViolationKind.DUPLICATE_ENTRY, 9, "applications.bot.assignments.groups[1]"),
        v(ViolationKind.DUPLICATE_ENTRY, 10, "applications.bot.assignments.users[1]"));
  }

  @Test
  void wrongTypesAreReportedWithTheirField() {
    assertViolations(
        load(
            """
            trusted_token_issuers: [corp-idp]
            applications:
              bot:
                callers: arn:aws:iam::111122223333:root
                jwt_bearer: {issuer: x}
                refresh_token: sometimes
                scopes: [[a]]
                assignments: [g]
            """),
        v(ViolationKind.WRONG_TYPE, 1, "trusted_token_issuers"),
        v(ViolationKind.WRONG_TYPE, 4, "applications.bot.callers"),
        v(ViolationKind.WRONG_TYPE, 5, "applications.bot.jwt_bearer"),
        v(ViolationKind.WRONG_TYPE, 6, "applications.bot.refresh_token"),
        v(ViolationKind.WRONG_TYPE, 7, "applications.bot.scopes[0]"),
        v(ViolationKind.WRONG_TYPE, 8, "applications.bot.assignments"));
  }

  // --- digest ---------------------------------------------------------------------------------

  /** The digest as defined before issue 11: SHA-256 over name NUL content NUL, in name order. */
  private static String formula(Map<String, String> files) throws Exception {
    MessageDigest sha = MessageDigest.getInstance("SHA-256");
    for (Map.Entry<String, String> f : new TreeMap<>(files).entrySet()) {
      sha.update((f.getKey() + "\0" + f.getValue() + "\0").getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  @Test
  void theShippedMatrixDigestIsTheFormulaOverItsFilesWithOneIssuerAndTwoApplications()
      throws Exception {
    Map<String, String> shipped = new TreeMap<>();
    try (Stream<Path> files = Files.list(Path.of("assignments"))) {
      for (Path p : files.filter(p -> MatrixLoader.isMatrixFile(p.toString())).toList()) {
        shipped.put(p.getFileName().toString(), Files.readString(p));
      }
    }
    assertThat(shipped)
        .containsOnlyKeys("applications.yaml", "assignments.yaml", "permission-sets.yaml");

    MatrixLoad load = loader.load(Path.of("assignments"));
    assertThat(load.violations()).isEmpty();
    Matrix m = load.matrix();

    assertThat(m.digest()).isEqualTo(formula(shipped));
    assertThat(m.trustedTokenIssuers()).containsOnlyKeys("corp-idp");
    assertThat(m.applications()).containsOnlyKeys("release-bot", "data-notebook");
  }

  @Test
  void aMatrixWithoutTheNewKeysKeepsItsDigestAndOneWithThemChangesIt() throws Exception {
    // computed with the digest of the matrix package before issue 11 (commit 79b922e)
    assertThat(loader.load(Map.of("m.yaml", "permission_sets:\n  Dev: {}\n")).matrix().digest())
        .isEqualTo("00c326f0e312700ffe1daa0cd76a8c04f98f2188ed4163e22697e21004b70458");

    Map<String, String> withApps = example();
    String digest = loader.load(withApps).matrix().digest();
    assertThat(digest).isEqualTo(formula(withApps));
    String changed = APPLICATIONS.replace("audiences: [release-bot]", "audiences: [other]");
    assertThat(loader.load(Map.of("issuers.yaml", ISSUERS, "apps.yaml", changed)).matrix().digest())
        .isNotEqualTo(digest);
  }

  @Test
  void withPermissionSetsKeepsIssuersAndApplications() {
    Matrix m = loader.load(example()).matrix();

    Matrix other =
        m.withPermissionSets(
            Map.of("X", DeclaredPermissionSet.external("X", new SourceLocation("x.yaml", 1))));

    assertThat(other.permissionSets()).containsOnlyKeys("X");
    assertThat(other.trustedTokenIssuers()).isEqualTo(m.trustedTokenIssuers());
    assertThat(other.applications()).isEqualTo(m.applications());
    assertThat(other.digest()).isEqualTo(m.digest());
  }
}
