package dev.idcplane.identitycenter.aws;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idcplane.identitycenter.SeededWorld;
import dev.idcplane.support.MotoFixture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.ssoadmin.model.Application;
import software.amazon.awssdk.services.ssoadmin.model.ApplicationAssignment;
import software.amazon.awssdk.services.ssoadmin.model.ApplicationAssignmentForPrincipal;
import software.amazon.awssdk.services.ssoadmin.model.ApplicationStatus;
import software.amazon.awssdk.services.ssoadmin.model.ApplicationVisibility;
import software.amazon.awssdk.services.ssoadmin.model.AuthorizedTokenIssuer;
import software.amazon.awssdk.services.ssoadmin.model.ConflictException;
import software.amazon.awssdk.services.ssoadmin.model.DescribeApplicationResponse;
import software.amazon.awssdk.services.ssoadmin.model.DescribeTrustedTokenIssuerResponse;
import software.amazon.awssdk.services.ssoadmin.model.Grant;
import software.amazon.awssdk.services.ssoadmin.model.GrantItem;
import software.amazon.awssdk.services.ssoadmin.model.ListApplicationsResponse;
import software.amazon.awssdk.services.ssoadmin.model.OidcJwtConfiguration;
import software.amazon.awssdk.services.ssoadmin.model.OidcJwtUpdateConfiguration;
import software.amazon.awssdk.services.ssoadmin.model.ResourceNotFoundException;
import software.amazon.awssdk.services.ssoadmin.model.ScopeDetails;
import software.amazon.awssdk.services.ssoadmin.model.ServiceQuotaExceededException;
import software.amazon.awssdk.services.ssoadmin.model.SignInOrigin;
import software.amazon.awssdk.services.ssoadmin.model.SsoAdminException;
import software.amazon.awssdk.services.ssoadmin.model.TrustedTokenIssuerMetadata;
import software.amazon.awssdk.services.ssoadmin.model.ValidationException;

/**
 * The trusted token issuer and application operations of deploy/moto/application_patches.py, driven
 * through the real AWS SDK v2 SsoAdminClient: each round trip field by field, each validation rule
 * of botocore's sso-admin model and the API reference failing with its exception type and a
 * message, the quotas (10 issuers per instance, 25 access scopes per application), pagination, the
 * AWS managed application seeding header, and DeleteApplication taking its sub-resources along.
 * Each test makes its own issuers and applications; issuers are deleted again so the per-instance
 * quota test sees only its own.
 */
class MotoApplicationsEmulationTest {
  static final String CUSTOM = "arn:aws:sso::aws:applicationProvider/custom";
  static final String JWT_BEARER = "urn:ietf:params:oauth:grant-type:jwt-bearer";
  static final String REFRESH = "refresh_token";
  static final String TOKEN_EXCHANGE = "urn:ietf:params:oauth:grant-type:token-exchange";
  static final String AUTH_CODE = "authorization_code";
  static final String SEED_HEADER = "X-Moto-Seed-Managed-Application";

  @RegisterExtension static final MotoServer MOTO = new MotoServer();

  static AwsClients clients;
  static SsoAdminClient sso;
  static SeededWorld world;
  static String instance;
  static String instanceId;

  @BeforeAll
  static void seed() {
    clients = MotoClients.create(MOTO.endpoint());
    sso = clients.ssoAdmin();
    world =
        new MotoFixture(clients)
            .seed(
                MotoFixture.Org.directory(
                    List.of("platform-admins", "engineers"),
                    List.of("alice@example.com", "bob@example.com")));
    instance = world.instance().instanceArn();
    instanceId = instance.substring(instance.lastIndexOf('/') + 1);
  }

  @AfterAll
  static void close() {
    if (clients != null) {
      clients.close();
    }
  }

  // ---------------------------------------------------------------- trusted token issuers

  @Test
  void aTrustedTokenIssuerRoundTripsAndItsIssuerUrlCannotBeUpdated() {
    String arn = createIssuer("corp-idp", "https://idp.example.com/oauth2/default");
    try {
      assertThat(arn)
          .matches(
              "arn:aws:sso::123456789012:trustedTokenIssuer/"
                  + instanceId
                  + "/tti-[a-f0-9]{8}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{4}-[a-f0-9]{12}");
      DescribeTrustedTokenIssuerResponse d =
          sso.describeTrustedTokenIssuer(r -> r.trustedTokenIssuerArn(arn));
      assertThat(d.trustedTokenIssuerArn()).isEqualTo(arn);
      assertThat(d.name()).isEqualTo("corp-idp");
      assertThat(d.trustedTokenIssuerTypeAsString()).isEqualTo("OIDC_JWT");
      OidcJwtConfiguration c = d.trustedTokenIssuerConfiguration().oidcJwtConfiguration();
      assertThat(c.issuerUrl()).isEqualTo("https://idp.example.com/oauth2/default");
      assertThat(c.claimAttributePath()).isEqualTo("email");
      assertThat(c.identityStoreAttributePath()).isEqualTo("emails.value");
      assertThat(c.jwksRetrievalOptionAsString()).isEqualTo("OPEN_ID_DISCOVERY");
      assertThat(sso.listTrustedTokenIssuers(r -> r.instanceArn(instance)).trustedTokenIssuers())
          .contains(
              TrustedTokenIssuerMetadata.builder()
                  .trustedTokenIssuerArn(arn)
                  .name("corp-idp")
                  .trustedTokenIssuerType("OIDC_JWT")
                  .build());

      // The update shape has no IssuerUrl at all: a changed URL needs a new issuer.
      assertThat(Arrays.stream(OidcJwtUpdateConfiguration.Builder.class.getMethods()))
          .noneMatch(m -> m.getName().equalsIgnoreCase("issuerUrl"));
      sso.updateTrustedTokenIssuer(
          r ->
              r.trustedTokenIssuerArn(arn)
                  .name("corp-idp-renamed")
                  .trustedTokenIssuerConfiguration(
                      u ->
                          u.oidcJwtConfiguration(
                              o ->
                                  o.claimAttributePath("upn")
                                      .identityStoreAttributePath("userName"))));
      DescribeTrustedTokenIssuerResponse after =
          sso.describeTrustedTokenIssuer(r -> r.trustedTokenIssuerArn(arn));
      OidcJwtConfiguration u = after.trustedTokenIssuerConfiguration().oidcJwtConfiguration();
      assertThat(after.name()).isEqualTo("corp-idp-renamed");
      assertThat(u.claimAttributePath()).isEqualTo("upn");
      assertThat(u.identityStoreAttributePath()).isEqualTo("userName");
      assertThat(u.issuerUrl()).isEqualTo("https://idp.example.com/oauth2/default");
      assertThat(u.jwksRetrievalOptionAsString()).isEqualTo("OPEN_ID_DISCOVERY");

      // Only the name: the paths stay.
      sso.updateTrustedTokenIssuer(r -> r.trustedTokenIssuerArn(arn).name("corp-idp"));
      OidcJwtConfiguration kept =
          sso.describeTrustedTokenIssuer(r -> r.trustedTokenIssuerArn(arn))
              .trustedTokenIssuerConfiguration()
              .oidcJwtConfiguration();
      assertThat(kept.claimAttributePath()).isEqualTo("upn");
    } finally {
      sso.deleteTrustedTokenIssuer(r -> r.trustedTokenIssuerArn(arn));
    }
    fails(
        ResourceNotFoundException.class,
        arn,
        () -> sso.describeTrustedTokenIssuer(r -> r.trustedTokenIssuerArn(arn)));
    fails(
        ResourceNotFoundException.class,
        arn,
        () -> sso.deleteTrustedTokenIssuer(r -> r.trustedTokenIssuerArn(arn)));
    assertThat(sso.listTrustedTokenIssuers(r -> r.instanceArn(instance)).trustedTokenIssuers())
        .noneMatch(t -> t.trustedTokenIssuerArn().equals(arn));
  }

  @Test
  void trustedTokenIssuerRequestsAreValidatedAgainstTheModel() {
    fails(
        ValidationException.class,
        "https",
        () -> createIssuer("plain-http", "http://idp.example.com", "email", "emails.value"));
    fails(
        ValidationException.class,
        "issuerUrl",
        () -> createIssuer("not-a-url", "idp.example.com", "email", "emails.value"));
    // ClaimAttributePath: \p{L}+(?:(\.|\_)\p{L}+){0,2}
    fails(
        ValidationException.class,
        "claimAttributePath",
        () -> createIssuer("deep-claim", "https://idp.example.com", "a.b.c.d", "emails.value"));
    fails(
        ValidationException.class,
        "claimAttributePath",
        () -> createIssuer("digit-claim", "https://idp.example.com", "email2", "emails.value"));
    // JMESPath (IdentityStoreAttributePath): \p{L}+(?:\.\p{L}+){0,2}, no underscore
    fails(
        ValidationException.class,
        "identityStoreAttributePath",
        () -> createIssuer("underscore", "https://idp.example.com", "email", "emails_value"));
    // Name: [\w+=,.@-]+
    fails(
        ValidationException.class,
        "name",
        () -> createIssuer("has space", "https://idp.example.com", "email", "emails.value"));
    fails(
        ValidationException.class,
        "must not be null",
        () ->
            sso.createTrustedTokenIssuer(
                r -> r.instanceArn(instance).name("no-config").trustedTokenIssuerType("OIDC_JWT")));
    fails(
        ValidationException.class,
        "enum",
        () ->
            sso.createTrustedTokenIssuer(
                r ->
                    r.instanceArn(instance)
                        .name("saml")
                        .trustedTokenIssuerType("SAML")
                        .trustedTokenIssuerConfiguration(
                            c -> c.oidcJwtConfiguration(config("https://idp.example.com")))));
    String arn = createIssuer("valid", "https://idp.example.com");
    try {
      fails(
          ValidationException.class,
          "claimAttributePath",
          () ->
              sso.updateTrustedTokenIssuer(
                  r ->
                      r.trustedTokenIssuerArn(arn)
                          .trustedTokenIssuerConfiguration(
                              u -> u.oidcJwtConfiguration(o -> o.claimAttributePath("a-b")))));
    } finally {
      sso.deleteTrustedTokenIssuer(r -> r.trustedTokenIssuerArn(arn));
    }
    String unknown =
        "arn:aws:sso::123456789012:trustedTokenIssuer/"
            + instanceId
            + "/tti-00000000-0000-4000-8000-000000000000";
    fails(
        ResourceNotFoundException.class,
        unknown,
        () -> sso.describeTrustedTokenIssuer(r -> r.trustedTokenIssuerArn(unknown)));
    fails(
        ResourceNotFoundException.class,
        unknown,
        () -> sso.updateTrustedTokenIssuer(r -> r.trustedTokenIssuerArn(unknown).name("x")));
  }

  @Test
  void anInstanceHoldsAtMostTenTrustedTokenIssuersAndListsThemPageByPage() {
    int existing = listAllIssuers(100).size();
    List<String> mine = new ArrayList<>();
    try {
      for (int n = existing; n < 10; n++) {
        mine.add(createIssuer("quota-" + n, "https://idp" + n + ".example.com"));
      }
      fails(
          ServiceQuotaExceededException.class,
          "10",
          () -> createIssuer("quota-eleventh", "https://idp11.example.com"));

      List<TrustedTokenIssuerMetadata> byThree = listAllIssuers(3);
      assertThat(byThree).hasSize(10);
      assertThat(byThree).isEqualTo(listAllIssuers(100));
      assertThat(sso.listTrustedTokenIssuers(r -> r.instanceArn(instance).maxResults(3)))
          .satisfies(
              page -> {
                assertThat(page.trustedTokenIssuers()).hasSize(3);
                assertThat(page.nextToken()).isNotBlank();
              });
      fails(
          ValidationException.class,
          "maxResults",
          () -> sso.listTrustedTokenIssuers(r -> r.instanceArn(instance).maxResults(101)));

      String freed = mine.remove(mine.size() - 1);
      sso.deleteTrustedTokenIssuer(r -> r.trustedTokenIssuerArn(freed));
      mine.add(createIssuer("quota-again", "https://idp-again.example.com"));
    } finally {
      mine.forEach(arn -> sso.deleteTrustedTokenIssuer(r -> r.trustedTokenIssuerArn(arn)));
    }
  }

  // ---------------------------------------------------------------- applications

  @Test
  void aCustomApplicationRoundTripsFieldByField() {
    var created =
        sso.createApplication(
            r ->
                r.instanceArn(instance)
                    .applicationProviderArn(CUSTOM)
                    .name("release-bot")
                    .description("Release automation acting for engineers")
                    .portalOptions(
                        p ->
                            p.visibility(ApplicationVisibility.ENABLED)
                                .signInOptions(
                                    s ->
                                        s.origin(SignInOrigin.APPLICATION)
                                            .applicationUrl("https://bot.example.com/login"))));
    String arn = created.applicationArn();
    assertThat(arn)
        .matches("arn:aws:sso::123456789012:application/" + instanceId + "/apl-[a-zA-Z0-9]{16}");
    DescribeApplicationResponse d = sso.describeApplication(r -> r.applicationArn(arn));
    assertThat(d.applicationArn()).isEqualTo(arn);
    assertThat(d.applicationProviderArn()).isEqualTo(CUSTOM);
    assertThat(d.name()).isEqualTo("release-bot");
    assertThat(d.description()).isEqualTo("Release automation acting for engineers");
    assertThat(d.applicationAccount()).isEqualTo("123456789012");
    assertThat(d.instanceArn()).isEqualTo(instance);
    assertThat(d.status()).isEqualTo(ApplicationStatus.ENABLED);
    assertThat(d.portalOptions().visibility()).isEqualTo(ApplicationVisibility.ENABLED);
    assertThat(d.portalOptions().signInOptions().origin()).isEqualTo(SignInOrigin.APPLICATION);
    assertThat(d.portalOptions().signInOptions().applicationUrl())
        .isEqualTo("https://bot.example.com/login");
    assertThat(d.createdDate()).isNotNull();

    Application listed = application(arn);
    assertThat(listed.applicationProviderArn()).isEqualTo(CUSTOM);
    assertThat(listed.name()).isEqualTo("release-bot");
    assertThat(listed.description()).isEqualTo("Release automation acting for engineers");
    assertThat(listed.status()).isEqualTo(ApplicationStatus.ENABLED);
    assertThat(listed.applicationAccount()).isEqualTo("123456789012");
    assertThat(listed.instanceArn()).isEqualTo(instance);
    assertThat(listed.portalOptions()).isEqualTo(d.portalOptions());
    assertThat(listed.createdDate()).isEqualTo(d.createdDate());

    sso.updateApplication(
        r ->
            r.applicationArn(arn)
                .name("release-bot-2")
                .description("Renamed")
                .status(ApplicationStatus.DISABLED)
                .portalOptions(p -> p.signInOptions(s -> s.origin(SignInOrigin.IDENTITY_CENTER))));
    DescribeApplicationResponse u = sso.describeApplication(r -> r.applicationArn(arn));
    assertThat(u.name()).isEqualTo("release-bot-2");
    assertThat(u.description()).isEqualTo("Renamed");
    assertThat(u.status()).isEqualTo(ApplicationStatus.DISABLED);
    assertThat(u.portalOptions().signInOptions().origin()).isEqualTo(SignInOrigin.IDENTITY_CENTER);
    assertThat(u.portalOptions().visibility()).isEqualTo(ApplicationVisibility.ENABLED);
    assertThat(u.createdDate()).isEqualTo(d.createdDate());

    // Members left out keep their value.
    sso.updateApplication(r -> r.applicationArn(arn).status(ApplicationStatus.ENABLED));
    DescribeApplicationResponse v = sso.describeApplication(r -> r.applicationArn(arn));
    assertThat(v.name()).isEqualTo("release-bot-2");
    assertThat(v.description()).isEqualTo("Renamed");
    assertThat(v.status()).isEqualTo(ApplicationStatus.ENABLED);

    sso.deleteApplication(r -> r.applicationArn(arn));
    fails(
        ResourceNotFoundException.class,
        arn,
        () -> sso.describeApplication(r -> r.applicationArn(arn)));
    fails(
        ResourceNotFoundException.class,
        arn,
        () -> sso.deleteApplication(r -> r.applicationArn(arn)));
    assertThat(listAllApplications(50)).noneMatch(a -> a.applicationArn().equals(arn));
  }

  @Test
  void aNewApplicationIsEnabledAndRequiresAssignments() {
    String arn = createApplication("defaults");
    assertThat(sso.describeApplication(r -> r.applicationArn(arn)).status())
        .isEqualTo(ApplicationStatus.ENABLED);
    assertThat(
            sso.getApplicationAssignmentConfiguration(r -> r.applicationArn(arn))
                .assignmentRequired())
        .isTrue();
    sso.putApplicationAssignmentConfiguration(r -> r.applicationArn(arn).assignmentRequired(false));
    assertThat(
            sso.getApplicationAssignmentConfiguration(r -> r.applicationArn(arn))
                .assignmentRequired())
        .isFalse();
    sso.putApplicationAssignmentConfiguration(r -> r.applicationArn(arn).assignmentRequired(true));
    assertThat(
            sso.getApplicationAssignmentConfiguration(r -> r.applicationArn(arn))
                .assignmentRequired())
        .isTrue();
    fails(
        ValidationException.class,
        "assignmentRequired",
        () -> sso.putApplicationAssignmentConfiguration(r -> r.applicationArn(arn)));
    sso.deleteApplication(r -> r.applicationArn(arn));
  }

  @Test
  void applicationRequestsAreValidated() {
    fails(
        ValidationException.class,
        "applicationProvider/custom",
        () ->
            sso.createApplication(
                r ->
                    r.instanceArn(instance)
                        .name("athena")
                        .applicationProviderArn("arn:aws:sso::aws:applicationProvider/athena")));
    fails(
        ValidationException.class,
        "applicationProviderArn",
        () ->
            sso.createApplication(
                r -> r.instanceArn(instance).name("bad").applicationProviderArn("custom")));
    fails(
        ValidationException.class,
        "name",
        () -> sso.createApplication(r -> r.instanceArn(instance).applicationProviderArn(CUSTOM)));
    fails(
        ValidationException.class,
        "description",
        () ->
            sso.createApplication(
                r ->
                    r.instanceArn(instance)
                        .name("long")
                        .applicationProviderArn(CUSTOM)
                        .description("x".repeat(129))));
    fails(
        ValidationException.class,
        "ApplicationUrl",
        () ->
            sso.createApplication(
                r ->
                    r.instanceArn(instance)
                        .name("no-url")
                        .applicationProviderArn(CUSTOM)
                        .portalOptions(
                            p -> p.signInOptions(s -> s.origin(SignInOrigin.APPLICATION)))));
    fails(
        ValidationException.class,
        "status",
        () ->
            sso.createApplication(
                r ->
                    r.instanceArn(instance)
                        .name("paused")
                        .applicationProviderArn(CUSTOM)
                        .status("PAUSED")));
    String unknown =
        "arn:aws:sso::123456789012:application/" + instanceId + "/apl-0000000000000000";
    fails(
        ResourceNotFoundException.class,
        unknown,
        () -> sso.describeApplication(r -> r.applicationArn(unknown)));
    fails(
        ResourceNotFoundException.class,
        unknown,
        () -> sso.updateApplication(r -> r.applicationArn(unknown).name("x")));
    fails(
        ValidationException.class,
        "applicationArn",
        () -> sso.describeApplication(r -> r.applicationArn("not-an-arn")));
  }

  @Test
  void anAwsManagedApplicationCanOnlyBeSeededThroughTheHookAndIsListedWithItsProvider() {
    String qProvider = "arn:aws:sso::aws:applicationProvider/qbusiness";
    fails(
        ValidationException.class,
        "applicationProvider/custom",
        () ->
            sso.createApplication(
                r -> r.instanceArn(instance).name("QBusiness").applicationProviderArn(qProvider)));
    String managed =
        sso.createApplication(
                r ->
                    r.instanceArn(instance)
                        .name("QBusiness")
                        .applicationProviderArn(qProvider)
                        .overrideConfiguration(o -> o.putHeader(SEED_HEADER, "true")))
            .applicationArn();
    String custom = createApplication("next-to-managed");
    try {
      assertThat(application(managed).applicationProviderArn()).isEqualTo(qProvider);
      assertThat(
              sso.listApplications(
                      r -> r.instanceArn(instance).filter(f -> f.applicationProvider(qProvider)))
                  .applications())
          .extracting(Application::applicationArn)
          .containsExactly(managed);
      assertThat(
              sso.listApplications(
                      r -> r.instanceArn(instance).filter(f -> f.applicationProvider(CUSTOM)))
                  .applications())
          .extracting(Application::applicationArn)
          .contains(custom)
          .doesNotContain(managed);
      assertThat(
              sso.listApplications(
                      r ->
                          r.instanceArn(instance).filter(f -> f.applicationAccount("210987654321")))
                  .applications())
          .isEmpty();
    } finally {
      sso.deleteApplication(r -> r.applicationArn(managed));
      sso.deleteApplication(r -> r.applicationArn(custom));
    }
  }

  @Test
  void listApplicationsPagesAtMostFiftyAndByMaxResults() {
    List<String> mine = new ArrayList<>();
    try {
      IntStream.range(0, 5).forEach(n -> mine.add(createApplication("paged-" + n)));
      List<Application> byTwo = listAllApplications(2);
      assertThat(byTwo).extracting(Application::applicationArn).containsAll(mine);
      assertThat(byTwo).isEqualTo(listAllApplications(50));
      ListApplicationsResponse first =
          sso.listApplications(r -> r.instanceArn(instance).maxResults(2));
      assertThat(first.applications()).hasSize(2);
      assertThat(first.nextToken()).isNotBlank();
      // ApplicationList holds at most 50, whatever MaxResults (1-100) asks.
      IntStream.range(0, 50).forEach(n -> mine.add(createApplication("bulk-" + n)));
      ListApplicationsResponse hundred =
          sso.listApplications(r -> r.instanceArn(instance).maxResults(100));
      assertThat(hundred.applications()).hasSize(50);
      assertThat(hundred.nextToken()).isNotBlank();
      assertThat(listAllApplications(100)).hasSizeGreaterThanOrEqualTo(55);
      fails(
          ValidationException.class,
          "maxResults",
          () -> sso.listApplications(r -> r.instanceArn(instance).maxResults(0)));
    } finally {
      mine.forEach(arn -> sso.deleteApplication(r -> r.applicationArn(arn)));
    }
  }

  // ---------------------------------------------------------------- grants

  @Test
  void grantsOfEveryTypeRoundTripAndAreReplacedAndDeleted() {
    String app = createApplication("grants");
    String corp = createIssuer("grant-corp", "https://corp.example.com");
    String partner = createIssuer("grant-partner", "https://partner.example.com");
    try {
      sso.putApplicationGrant(
          r ->
              r.applicationArn(app)
                  .grantType(JWT_BEARER)
                  .grant(
                      g ->
                          g.jwtBearer(
                              j ->
                                  j.authorizedTokenIssuers(
                                      issuer(corp, "release-bot", "release-bot-dev"),
                                      issuer(partner, "partner-bot")))));
      sso.putApplicationGrant(
          r -> r.applicationArn(app).grantType(REFRESH).grant(g -> g.refreshToken(t -> {})));
      sso.putApplicationGrant(
          r ->
              r.applicationArn(app).grantType(TOKEN_EXCHANGE).grant(g -> g.tokenExchange(t -> {})));
      sso.putApplicationGrant(
          r ->
              r.applicationArn(app)
                  .grantType(AUTH_CODE)
                  .grant(
                      g ->
                          g.authorizationCode(
                              c -> c.redirectUris("https://bot.example.com/callback"))));

      Grant jwt = grant(app, JWT_BEARER);
      assertThat(jwt.jwtBearer().authorizedTokenIssuers())
          .containsExactly(
              issuer(corp, "release-bot", "release-bot-dev"), issuer(partner, "partner-bot"));
      assertThat(grant(app, REFRESH).refreshToken()).isNotNull();
      assertThat(grant(app, TOKEN_EXCHANGE).tokenExchange()).isNotNull();
      assertThat(grant(app, AUTH_CODE).authorizationCode().redirectUris())
          .containsExactly("https://bot.example.com/callback");
      List<GrantItem> listed = sso.listApplicationGrants(r -> r.applicationArn(app)).grants();
      assertThat(listed)
          .extracting(GrantItem::grantTypeAsString)
          .containsExactlyInAnyOrder(JWT_BEARER, REFRESH, TOKEN_EXCHANGE, AUTH_CODE);
      assertThat(listed)
          .filteredOn(i -> i.grantTypeAsString().equals(JWT_BEARER))
          .extracting(GrantItem::grant)
          .containsExactly(jwt);

      // Put replaces the grant of that type.
      sso.putApplicationGrant(
          r ->
              r.applicationArn(app)
                  .grantType(JWT_BEARER)
                  .grant(g -> g.jwtBearer(j -> j.authorizedTokenIssuers(issuer(corp, "other")))));
      assertThat(grant(app, JWT_BEARER).jwtBearer().authorizedTokenIssuers())
          .containsExactly(issuer(corp, "other"));

      sso.deleteApplicationGrant(r -> r.applicationArn(app).grantType(REFRESH));
      fails(ResourceNotFoundException.class, REFRESH, () -> grant(app, REFRESH));
      assertThat(sso.listApplicationGrants(r -> r.applicationArn(app)).grants())
          .extracting(GrantItem::grantTypeAsString)
          .containsExactlyInAnyOrder(JWT_BEARER, TOKEN_EXCHANGE, AUTH_CODE);
      // Deleting a grant the application does not have: idempotent (assumed), no error.
      sso.deleteApplicationGrant(r -> r.applicationArn(app).grantType(REFRESH));
    } finally {
      sso.deleteApplication(r -> r.applicationArn(app));
      sso.deleteTrustedTokenIssuer(r -> r.trustedTokenIssuerArn(corp));
      sso.deleteTrustedTokenIssuer(r -> r.trustedTokenIssuerArn(partner));
    }
  }

  @Test
  void aJwtBearerGrantNamesOneToTenExistingIssuersWithOneToTenAudiencesEach() {
    String app = createApplication("grant-rules");
    String corp = createIssuer("rules-corp", "https://rules.example.com");
    String missing =
        "arn:aws:sso::123456789012:trustedTokenIssuer/"
            + instanceId
            + "/tti-00000000-0000-4000-8000-00000000000";
    try {
      fails(
          ValidationException.class, "authorizedTokenIssuers", () -> putJwtBearer(app, List.of()));
      List<AuthorizedTokenIssuer> eleven =
          IntStream.range(0, 11).mapToObj(n -> issuer(missing + (char) ('a' + n), "aud")).toList();
      fails(ValidationException.class, "authorizedTokenIssuers", () -> putJwtBearer(app, eleven));
      fails(
          ValidationException.class,
          "authorizedAudiences",
          () -> putJwtBearer(app, List.of(issuer(corp))));
      String[] elevenAudiences =
          IntStream.range(0, 11).mapToObj(n -> "aud" + n).toArray(String[]::new);
      fails(
          ValidationException.class,
          "authorizedAudiences",
          () -> putJwtBearer(app, List.of(issuer(corp, elevenAudiences))));
      fails(
          ResourceNotFoundException.class,
          missing + "0",
          () -> putJwtBearer(app, List.of(issuer(missing + "0", "aud"))));
      fails(
          ValidationException.class,
          "JwtBearer",
          () ->
              sso.putApplicationGrant(
                  r ->
                      r.applicationArn(app)
                          .grantType(JWT_BEARER)
                          .grant(g -> g.refreshToken(t -> {}))));
      fails(
          ValidationException.class,
          "grantType",
          () ->
              sso.putApplicationGrant(
                  r ->
                      r.applicationArn(app)
                          .grantType("client_credentials")
                          .grant(g -> g.refreshToken(t -> {}))));
      fails(
          ValidationException.class,
          "redirectUris",
          () ->
              sso.putApplicationGrant(
                  r ->
                      r.applicationArn(app)
                          .grantType(AUTH_CODE)
                          .grant(g -> g.authorizationCode(c -> c.redirectUris(List.of())))));
      // Ten issuers with ten audiences each is the maximum and accepted.
      List<String> ten = new ArrayList<>(List.of(corp));
      for (int n = 1; n < 10 && listAllIssuers(100).size() < 10; n++) {
        ten.add(createIssuer("rules-" + n, "https://rules" + n + ".example.com"));
      }
      String[] tenAudiences =
          IntStream.range(0, 10).mapToObj(n -> "aud" + n).toArray(String[]::new);
      putJwtBearer(app, ten.stream().map(t -> issuer(t, tenAudiences)).toList());
      assertThat(grant(app, JWT_BEARER).jwtBearer().authorizedTokenIssuers())
          .hasSize(ten.size())
          .allSatisfy(i -> assertThat(i.authorizedAudiences()).hasSize(10));
      ten.subList(1, ten.size())
          .forEach(t -> sso.deleteTrustedTokenIssuer(r -> r.trustedTokenIssuerArn(t)));

      String unknownApp =
          "arn:aws:sso::123456789012:application/" + instanceId + "/apl-0000000000000000";
      fails(
          ResourceNotFoundException.class,
          unknownApp,
          () -> putJwtBearer(unknownApp, List.of(issuer(corp, "aud"))));
      fails(
          ResourceNotFoundException.class,
          unknownApp,
          () -> sso.listApplicationGrants(r -> r.applicationArn(unknownApp)));
    } finally {
      sso.deleteApplication(r -> r.applicationArn(app));
      sso.deleteTrustedTokenIssuer(r -> r.trustedTokenIssuerArn(corp));
    }
  }

  @Test
  void deletingAnIssuerAGrantStillNamesIsAllowedAndTheGrantKeepsTheArn() {
    // DeleteTrustedTokenIssuer: "will cause users to lose access to any applications that are
    // configured to use the trusted token issuer" - allowed; what the grant shows afterwards is
    // undocumented (the emulator keeps the ARN).
    String app = createApplication("dangling");
    String tti = createIssuer("dangling-idp", "https://dangling.example.com");
    try {
      putJwtBearer(app, List.of(issuer(tti, "bot")));
      sso.deleteTrustedTokenIssuer(r -> r.trustedTokenIssuerArn(tti));
      assertThat(grant(app, JWT_BEARER).jwtBearer().authorizedTokenIssuers())
          .containsExactly(issuer(tti, "bot"));
      fails(
          ResourceNotFoundException.class,
          tti,
          () -> putJwtBearer(app, List.of(issuer(tti, "bot"))));
    } finally {
      sso.deleteApplication(r -> r.applicationArn(app));
    }
  }

  // ---------------------------------------------------------------- authentication methods

  @Test
  void theIamAuthenticationMethodKeepsTheActorPolicyAsAJsonDocument() {
    String app = createApplication("auth");
    Document policy = actorPolicy("arn:aws:iam::111122223333:role/release-bot");
    try {
      sso.putApplicationAuthenticationMethod(
          r ->
              r.applicationArn(app)
                  .authenticationMethodType("IAM")
                  .authenticationMethod(m -> m.iam(i -> i.actorPolicy(policy))));
      Document got =
          sso.getApplicationAuthenticationMethod(
                  r -> r.applicationArn(app).authenticationMethodType("IAM"))
              .authenticationMethod()
              .iam()
              .actorPolicy();
      assertThat(got.isMap()).isTrue();
      assertThat(got).isEqualTo(policy);
      assertThat(got.asMap().get("Statement").asList().get(0).asMap().get("Action").asString())
          .isEqualTo("sso-oauth:CreateTokenWithIAM");
      var items =
          sso.listApplicationAuthenticationMethods(r -> r.applicationArn(app))
              .authenticationMethods();
      assertThat(items).hasSize(1);
      assertThat(items.get(0).authenticationMethodTypeAsString()).isEqualTo("IAM");
      assertThat(items.get(0).authenticationMethod().iam().actorPolicy()).isEqualTo(policy);

      Document other = actorPolicy("arn:aws:iam::111122223333:role/other");
      sso.putApplicationAuthenticationMethod(
          r ->
              r.applicationArn(app)
                  .authenticationMethodType("IAM")
                  .authenticationMethod(m -> m.iam(i -> i.actorPolicy(other))));
      assertThat(
              sso.getApplicationAuthenticationMethod(
                      r -> r.applicationArn(app).authenticationMethodType("IAM"))
                  .authenticationMethod()
                  .iam()
                  .actorPolicy())
          .isEqualTo(other);

      fails(
          ValidationException.class,
          "actorPolicy",
          () ->
              sso.putApplicationAuthenticationMethod(
                  r ->
                      r.applicationArn(app)
                          .authenticationMethodType("IAM")
                          .authenticationMethod(m -> m.iam(i -> {}))));
      fails(
          ValidationException.class,
          "authenticationMethodType",
          () ->
              sso.putApplicationAuthenticationMethod(
                  r ->
                      r.applicationArn(app)
                          .authenticationMethodType("OIDC")
                          .authenticationMethod(m -> m.iam(i -> i.actorPolicy(policy)))));
      fails(
          ValidationException.class,
          "ActorPolicy",
          () ->
              sso.putApplicationAuthenticationMethod(
                  r ->
                      r.applicationArn(app)
                          .authenticationMethodType("IAM")
                          .authenticationMethod(
                              m -> m.iam(i -> i.actorPolicy(Document.fromString("{}"))))));

      sso.deleteApplicationAuthenticationMethod(
          r -> r.applicationArn(app).authenticationMethodType("IAM"));
      fails(
          ResourceNotFoundException.class,
          "IAM",
          () ->
              sso.getApplicationAuthenticationMethod(
                  r -> r.applicationArn(app).authenticationMethodType("IAM")));
      assertThat(
              sso.listApplicationAuthenticationMethods(r -> r.applicationArn(app))
                  .authenticationMethods())
          .isEmpty();
    } finally {
      sso.deleteApplication(r -> r.applicationArn(app));
    }
  }

  // ---------------------------------------------------------------- access scopes

  @Test
  void accessScopesFollowTheModelPatternAndStopAtTwentyFive() {
    String app = createApplication("scopes");
    String target = createApplication("scope-target");
    try {
      sso.putApplicationAccessScope(r -> r.applicationArn(app).scope("sts:identity_context"));
      sso.putApplicationAccessScope(
          r ->
              r.applicationArn(app)
                  .scope("s3:access_grants:read_write")
                  .authorizedTargets(target, instance));
      var plain =
          sso.getApplicationAccessScope(r -> r.applicationArn(app).scope("sts:identity_context"));
      assertThat(plain.scope()).isEqualTo("sts:identity_context");
      assertThat(plain.authorizedTargets()).isEmpty();
      var targeted =
          sso.getApplicationAccessScope(
              r -> r.applicationArn(app).scope("s3:access_grants:read_write"));
      assertThat(targeted.authorizedTargets()).containsExactly(target, instance);
      assertThat(sso.listApplicationAccessScopes(r -> r.applicationArn(app)).scopes())
          .containsExactly(
              ScopeDetails.builder().scope("sts:identity_context").build(),
              ScopeDetails.builder()
                  .scope("s3:access_grants:read_write")
                  .authorizedTargets(target, instance)
                  .build());
      // Put updates the targets of an existing scope.
      sso.putApplicationAccessScope(
          r ->
              r.applicationArn(app).scope("s3:access_grants:read_write").authorizedTargets(target));
      assertThat(
              sso.getApplicationAccessScope(
                      r -> r.applicationArn(app).scope("s3:access_grants:read_write"))
                  .authorizedTargets())
          .containsExactly(target);

      for (String bad : List.of("a:b:c:d", "has-dash", "", "x".repeat(51))) {
        fails(
            ValidationException.class,
            "scope",
            () -> sso.putApplicationAccessScope(r -> r.applicationArn(app).scope(bad)));
      }
      fails(
          ValidationException.class,
          "authorizedTargets",
          () ->
              sso.putApplicationAccessScope(
                  r -> r.applicationArn(app).scope("redshift:connect").authorizedTargets("bot")));
      fails(
          ValidationException.class,
          "authorizedTargets",
          () ->
              sso.putApplicationAccessScope(
                  r ->
                      r.applicationArn(app)
                          .scope("redshift:connect")
                          .authorizedTargets(
                              IntStream.range(0, 11).mapToObj(n -> target).toList())));

      for (int n = 2; n < 25; n++) {
        int i = n;
        sso.putApplicationAccessScope(r -> r.applicationArn(app).scope("custom:scope" + i));
      }
      fails(
          ValidationException.class,
          "25",
          () -> sso.putApplicationAccessScope(r -> r.applicationArn(app).scope("custom:overflow")));
      // Updating one of the 25 is still allowed.
      sso.putApplicationAccessScope(
          r -> r.applicationArn(app).scope("custom:scope2").authorizedTargets(target));

      List<ScopeDetails> all = new ArrayList<>();
      List<Integer> sizes = new ArrayList<>();
      String token = null;
      do {
        String t = token;
        var page =
            sso.listApplicationAccessScopes(r -> r.applicationArn(app).maxResults(10).nextToken(t));
        sizes.add(page.scopes().size());
        all.addAll(page.scopes());
        token = page.nextToken();
      } while (token != null);
      assertThat(sizes).containsExactly(10, 10, 5);
      assertThat(all).extracting(ScopeDetails::scope).doesNotHaveDuplicates().hasSize(25);
      assertThat(sso.listApplicationAccessScopes(r -> r.applicationArn(app)).scopes()).hasSize(10);
      fails(
          ValidationException.class,
          "maxResults",
          () -> sso.listApplicationAccessScopes(r -> r.applicationArn(app).maxResults(11)));

      sso.deleteApplicationAccessScope(r -> r.applicationArn(app).scope("sts:identity_context"));
      fails(
          ResourceNotFoundException.class,
          "sts:identity_context",
          () ->
              sso.getApplicationAccessScope(
                  r -> r.applicationArn(app).scope("sts:identity_context")));
      sso.putApplicationAccessScope(r -> r.applicationArn(app).scope("custom:overflow"));
    } finally {
      sso.deleteApplication(r -> r.applicationArn(app));
      sso.deleteApplication(r -> r.applicationArn(target));
    }
  }

  // ---------------------------------------------------------------- assignments

  @Test
  void assignmentsNeedAnExistingPrincipalAndAreUnique() {
    String app = createApplication("assignments");
    String other = createApplication("assignments-other");
    String group = world.group("platform-admins");
    String alice = world.user("alice@example.com");
    String bob = world.user("bob@example.com");
    try {
      assign(app, "GROUP", group);
      assign(app, "USER", alice);
      assign(app, "USER", bob);
      assign(other, "USER", alice);
      fails(ConflictException.class, alice, () -> assign(app, "USER", alice));
      String nobody = "00000000-0000-4000-8000-000000000000";
      fails(ResourceNotFoundException.class, nobody, () -> assign(app, "USER", nobody));
      // A group's id is not a user's.
      fails(ResourceNotFoundException.class, group, () -> assign(app, "USER", group));
      fails(ValidationException.class, "principalId", () -> assign(app, "USER", "alice"));
      fails(ValidationException.class, "principalType", () -> assign(app, "ROLE", alice));

      var described =
          sso.describeApplicationAssignment(
              r -> r.applicationArn(app).principalType("GROUP").principalId(group));
      assertThat(described.applicationArn()).isEqualTo(app);
      assertThat(described.principalTypeAsString()).isEqualTo("GROUP");
      assertThat(described.principalId()).isEqualTo(group);

      List<ApplicationAssignment> pages = new ArrayList<>();
      String token = null;
      int calls = 0;
      do {
        String t = token;
        var page =
            sso.listApplicationAssignments(r -> r.applicationArn(app).maxResults(1).nextToken(t));
        assertThat(page.applicationAssignments()).hasSize(1);
        pages.addAll(page.applicationAssignments());
        token = page.nextToken();
        calls++;
      } while (token != null);
      assertThat(calls).isEqualTo(3);
      assertThat(pages)
          .containsExactly(
              assignment(app, "GROUP", group),
              assignment(app, "USER", alice),
              assignment(app, "USER", bob));

      var forAlice =
          sso.listApplicationAssignmentsForPrincipal(
                  r -> r.instanceArn(instance).principalType("USER").principalId(alice))
              .applicationAssignments();
      assertThat(forAlice)
          .extracting(ApplicationAssignmentForPrincipal::applicationArn)
          .containsExactlyInAnyOrder(app, other);
      assertThat(
              sso.listApplicationAssignmentsForPrincipal(
                      r ->
                          r.instanceArn(instance)
                              .principalType("USER")
                              .principalId(alice)
                              .filter(f -> f.applicationArn(other)))
                  .applicationAssignments())
          .extracting(ApplicationAssignmentForPrincipal::applicationArn)
          .containsExactly(other);

      sso.deleteApplicationAssignment(
          r -> r.applicationArn(app).principalType("USER").principalId(bob));
      fails(
          ResourceNotFoundException.class,
          bob,
          () ->
              sso.describeApplicationAssignment(
                  r -> r.applicationArn(app).principalType("USER").principalId(bob)));
      assertThat(
              sso.listApplicationAssignments(r -> r.applicationArn(app)).applicationAssignments())
          .containsExactly(assignment(app, "GROUP", group), assignment(app, "USER", alice));
      // Assigned again after the delete.
      assign(app, "USER", bob);
    } finally {
      sso.deleteApplication(r -> r.applicationArn(app));
      sso.deleteApplication(r -> r.applicationArn(other));
    }
  }

  // ---------------------------------------------------------------- cascade

  @Test
  void deletingAnApplicationDeletesItsGrantsScopesAuthenticationMethodsAndAssignments() {
    String app = createApplication("cascade");
    String tti = createIssuer("cascade-idp", "https://cascade.example.com");
    String alice = world.user("alice@example.com");
    try {
      putJwtBearer(app, List.of(issuer(tti, "bot")));
      sso.putApplicationAuthenticationMethod(
          r ->
              r.applicationArn(app)
                  .authenticationMethodType("IAM")
                  .authenticationMethod(
                      m -> m.iam(i -> i.actorPolicy(actorPolicy("arn:aws:iam::1:role/x")))));
      sso.putApplicationAccessScope(r -> r.applicationArn(app).scope("sts:identity_context"));
      sso.putApplicationAssignmentConfiguration(
          r -> r.applicationArn(app).assignmentRequired(false));
      assign(app, "USER", alice);

      sso.deleteApplication(r -> r.applicationArn(app));

      List<ThrowingCallable> reads =
          List.of(
              () -> grant(app, JWT_BEARER),
              () -> sso.listApplicationGrants(r -> r.applicationArn(app)),
              () ->
                  sso.getApplicationAuthenticationMethod(
                      r -> r.applicationArn(app).authenticationMethodType("IAM")),
              () -> sso.listApplicationAuthenticationMethods(r -> r.applicationArn(app)),
              () ->
                  sso.getApplicationAccessScope(
                      r -> r.applicationArn(app).scope("sts:identity_context")),
              () -> sso.listApplicationAccessScopes(r -> r.applicationArn(app)),
              () -> sso.getApplicationAssignmentConfiguration(r -> r.applicationArn(app)),
              () -> sso.listApplicationAssignments(r -> r.applicationArn(app)),
              () ->
                  sso.describeApplicationAssignment(
                      r -> r.applicationArn(app).principalType("USER").principalId(alice)));
      for (ThrowingCallable read : reads) {
        fails(ResourceNotFoundException.class, app, read);
      }
      assertThat(
              sso.listApplicationAssignmentsForPrincipal(
                      r -> r.instanceArn(instance).principalType("USER").principalId(alice))
                  .applicationAssignments())
          .noneMatch(a -> a.applicationArn().equals(app));
      // The issuer the grant named is not the application's: it stays.
      assertThat(sso.describeTrustedTokenIssuer(r -> r.trustedTokenIssuerArn(tti)).name())
          .isEqualTo("cascade-idp");
    } finally {
      sso.deleteTrustedTokenIssuer(r -> r.trustedTokenIssuerArn(tti));
    }
  }

  // ---------------------------------------------------------------- helpers

  private static void fails(
      Class<? extends SsoAdminException> type, String messagePart, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(type)
        .satisfies(
            e ->
                assertThat(((SsoAdminException) e).awsErrorDetails().errorMessage())
                    .contains(messagePart));
  }

  private static OidcJwtConfiguration config(String url) {
    return OidcJwtConfiguration.builder()
        .issuerUrl(url)
        .claimAttributePath("email")
        .identityStoreAttributePath("emails.value")
        .jwksRetrievalOption("OPEN_ID_DISCOVERY")
        .build();
  }

  private static String createIssuer(String name, String url) {
    return createIssuer(name, url, "email", "emails.value");
  }

  private static String createIssuer(String name, String url, String claim, String storePath) {
    return sso.createTrustedTokenIssuer(
            r ->
                r.instanceArn(instance)
                    .name(name)
                    .trustedTokenIssuerType("OIDC_JWT")
                    .trustedTokenIssuerConfiguration(
                        c ->
                            c.oidcJwtConfiguration(
                                o ->
                                    o.issuerUrl(url)
                                        .claimAttributePath(claim)
                                        .identityStoreAttributePath(storePath)
                                        .jwksRetrievalOption("OPEN_ID_DISCOVERY"))))
        .trustedTokenIssuerArn();
  }

  private static List<TrustedTokenIssuerMetadata> listAllIssuers(int pageSize) {
    return collect(
        t ->
            sso.listTrustedTokenIssuers(
                r -> r.instanceArn(instance).maxResults(pageSize).nextToken(t)),
        r -> r.trustedTokenIssuers(),
        r -> r.nextToken());
  }

  private static String createApplication(String name) {
    return sso.createApplication(
            r -> r.instanceArn(instance).name(name).applicationProviderArn(CUSTOM))
        .applicationArn();
  }

  private static List<Application> listAllApplications(int pageSize) {
    return collect(
        t -> sso.listApplications(r -> r.instanceArn(instance).maxResults(pageSize).nextToken(t)),
        ListApplicationsResponse::applications,
        ListApplicationsResponse::nextToken);
  }

  private static Application application(String arn) {
    return listAllApplications(50).stream()
        .filter(a -> a.applicationArn().equals(arn))
        .findFirst()
        .orElseThrow(() -> new AssertionError("ListApplications lacks " + arn));
  }

  private static <R, T> List<T> collect(
      Function<String, R> call, Function<R, List<T>> items, Function<R, String> next) {
    List<T> out = new ArrayList<>();
    String token = null;
    do {
      R page = call.apply(token);
      out.addAll(items.apply(page));
      token = next.apply(page);
    } while (token != null);
    return out;
  }

  private static AuthorizedTokenIssuer issuer(String arn, String... audiences) {
    var b = AuthorizedTokenIssuer.builder().trustedTokenIssuerArn(arn);
    if (audiences.length > 0) {
      b.authorizedAudiences(audiences);
    }
    return b.build();
  }

  private static void putJwtBearer(String app, List<AuthorizedTokenIssuer> issuers) {
    sso.putApplicationGrant(
        r ->
            r.applicationArn(app)
                .grantType(JWT_BEARER)
                .grant(g -> g.jwtBearer(j -> j.authorizedTokenIssuers(issuers))));
  }

  private static Grant grant(String app, String type) {
    return sso.getApplicationGrant(r -> r.applicationArn(app).grantType(type)).grant();
  }

  private static Document actorPolicy(String caller) {
    return Document.fromMap(
        Map.of(
            "Version",
            Document.fromString("2012-10-17"),
            "Statement",
            Document.fromList(
                List.of(
                    Document.fromMap(
                        Map.of(
                            "Effect", Document.fromString("Allow"),
                            "Principal",
                                Document.fromMap(Map.of("AWS", Document.fromString(caller))),
                            "Action", Document.fromString("sso-oauth:CreateTokenWithIAM"),
                            "Resource", Document.fromString("*")))))));
  }

  private static void assign(String app, String type, String principal) {
    sso.createApplicationAssignment(
        r -> r.applicationArn(app).principalType(type).principalId(principal));
  }

  private static ApplicationAssignment assignment(String app, String type, String principal) {
    return ApplicationAssignment.builder()
        .applicationArn(app)
        .principalType(type)
        .principalId(principal)
        .build();
  }
}
