package dev.idcplane.identitycenter.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.IdentityCenterException.Kind;
import dev.idcplane.identitycenter.PrincipalType;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * One contract for every {@link Applications} (the sandbox; the AWS adapter on moto): trusted token
 * issuers and customer-managed applications round-trip field by field, and each rule of AWS's API
 * refuses what it should with the same kind of error. Every test deletes what it created.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ApplicationsContractTest {
  static final String URL = "https://idp.example.com/oauth2/default";
  static final ObjectMapper JSON = new ObjectMapper();

  /** A backend with one instance whose identity store has {@code groupId} and {@code userId}. */
  public record Backend(Applications apps, String instanceArn, String groupId, String userId) {}

  protected abstract Backend backend();

  private Applications apps;
  private String instance;
  private Backend backend;
  private final List<String> createdApps = new ArrayList<>();
  private final List<String> createdIssuers = new ArrayList<>();

  @BeforeAll
  void start() {
    backend = backend();
    apps = backend.apps();
    instance = backend.instanceArn();
  }

  @AfterEach
  void cleanUp() {
    createdApps.forEach(a -> ignoreNotFound(() -> apps.deleteApplication(a)));
    createdIssuers.forEach(t -> ignoreNotFound(() -> apps.deleteTrustedTokenIssuer(t)));
    createdApps.clear();
    createdIssuers.clear();
  }

  private static void ignoreNotFound(Runnable r) {
    try {
      r.run();
    } catch (IdentityCenterException e) {
      if (e.kind() != Kind.NOT_FOUND) {
        throw e;
      }
    }
  }

  private String issuer(String name) {
    String arn =
        apps.createTrustedTokenIssuer(
            instance, new TrustedTokenIssuer(null, name, URL, "email", "emails.value"));
    createdIssuers.add(arn);
    return arn;
  }

  private String app(String name) {
    String arn = apps.createApplication(instance, name, "acts for engineers", "ENABLED");
    createdApps.add(arn);
    return arn;
  }

  private static void refused(Kind kind, ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOfSatisfying(
            IdentityCenterException.class, e -> assertThat(e.kind()).isEqualTo(kind));
  }

  @Test
  void anIssuerRoundTripsAndItsUrlCannotChange() {
    String arn = issuer("corp-idp");

    assertThat(apps.listTrustedTokenIssuers(instance))
        .containsExactly(new TrustedTokenIssuer(arn, "corp-idp", URL, "email", "emails.value"));
    apps.updateTrustedTokenIssuer(arn, "corp-idp-2", "preferred_username", "userName");
    assertThat(apps.listTrustedTokenIssuers(instance))
        .containsExactly(
            new TrustedTokenIssuer(arn, "corp-idp-2", URL, "preferred_username", "userName"));
    apps.deleteTrustedTokenIssuer(arn);
    assertThat(apps.listTrustedTokenIssuers(instance)).isEmpty();
    refused(Kind.NOT_FOUND, () -> apps.deleteTrustedTokenIssuer(arn));
  }

  @Test
  void issuersFollowAwsRules() {
    refused(
        Kind.VALIDATION,
        () ->
            apps.createTrustedTokenIssuer(
                instance,
                new TrustedTokenIssuer(
                    null, "plain", "http://idp.example.com", "email", "emails.value")));
    refused(
        Kind.VALIDATION,
        () ->
            apps.createTrustedTokenIssuer(
                instance, new TrustedTokenIssuer(null, "deep", URL, "a.b.c.d", "emails.value")));
    refused(
        Kind.VALIDATION,
        () ->
            apps.createTrustedTokenIssuer(
                instance, new TrustedTokenIssuer(null, "store", URL, "email", "emails[0].value")));
    IntStream.range(0, 10).forEach(i -> issuer("idp-" + i));
    refused(Kind.VALIDATION, () -> issuer("idp-10"));
  }

  @Test
  void anApplicationRoundTripsWithAssignmentRequiredByDefault() {
    String arn = app("release-bot");

    assertThat(apps.listApplications(instance))
        .contains(
            new ApplicationInfo(
                arn,
                "release-bot",
                ApplicationInfo.CUSTOM_PROVIDER,
                "acts for engineers",
                "ENABLED"));
    assertThat(apps.assignmentRequired(arn)).isTrue();
    apps.putAssignmentRequired(arn, false);
    assertThat(apps.assignmentRequired(arn)).isFalse();
    apps.updateApplication(arn, "now disabled", "DISABLED");
    assertThat(apps.listApplications(instance))
        .filteredOn(a -> a.arn().equals(arn))
        .singleElement()
        .satisfies(
            a -> {
              assertThat(a.description()).isEqualTo("now disabled");
              assertThat(a.status()).isEqualTo("DISABLED");
            });
    refused(Kind.VALIDATION, () -> apps.updateApplication(arn, "x", "PAUSED"));
  }

  @Test
  void grantsAreReplacedByTypeAndNameExistingIssuers() {
    String app = app("grants");
    String idp = issuer("grants-idp");
    var jwt =
        ApplicationGrant.jwtBearer(
            List.of(new ApplicationGrant.AuthorizedIssuer(idp, List.of("release-bot"))));

    apps.putGrant(app, jwt);
    apps.putGrant(app, ApplicationGrant.of(GrantType.REFRESH_TOKEN));
    assertThat(apps.listGrants(app))
        .containsExactlyInAnyOrder(jwt, ApplicationGrant.of(GrantType.REFRESH_TOKEN));
    var other =
        ApplicationGrant.jwtBearer(
            List.of(new ApplicationGrant.AuthorizedIssuer(idp, List.of("other", "release-bot"))));
    apps.putGrant(app, other);
    assertThat(apps.listGrants(app))
        .containsExactlyInAnyOrder(other, ApplicationGrant.of(GrantType.REFRESH_TOKEN));
    apps.deleteGrant(app, GrantType.REFRESH_TOKEN);
    assertThat(apps.listGrants(app)).containsExactly(other);
    apps.deleteGrant(app, GrantType.TOKEN_EXCHANGE); // idempotent: nothing to delete is no error
    assertThat(apps.listGrants(app)).containsExactly(other);
    refused(
        Kind.VALIDATION,
        () ->
            apps.putGrant(
                app,
                ApplicationGrant.jwtBearer(
                    List.of(new ApplicationGrant.AuthorizedIssuer(idp, List.of())))));
    refused(Kind.VALIDATION, () -> apps.putGrant(app, ApplicationGrant.jwtBearer(List.of())));
  }

  @Test
  void theActorPolicyIsAJsonDocument() throws Exception {
    String app = app("actor");
    String policy =
        "{\"Version\": \"2012-10-17\", \"Statement\": [{\"Effect\": \"Allow\","
            + " \"Principal\": {\"AWS\": [\"arn:aws:iam::111122223333:role/release-bot\"]},"
            + " \"Action\": \"sso-oauth:CreateTokenWithIAM\", \"Resource\": \"*\"}]}";

    assertThat(apps.getActorPolicy(app)).isEmpty();
    apps.putActorPolicy(app, policy);
    assertThat(JSON.readTree(apps.getActorPolicy(app).orElseThrow()))
        .isEqualTo(JSON.readTree(policy));
    apps.deleteActorPolicy(app);
    assertThat(apps.getActorPolicy(app)).isEmpty();
    apps.deleteActorPolicy(app); // idempotent
    assertThat(apps.getActorPolicy(app)).isEmpty();
  }

  @Test
  void scopesFollowTheSyntaxAndTheQuota() {
    String app = app("scopes");
    String target = app("notebook");

    apps.putAccessScope(app, new AccessScope("sts:identity_context", List.of()));
    apps.putAccessScope(app, new AccessScope("s3:access_grants:read_write", List.of(target)));
    assertThat(apps.listAccessScopes(app))
        .containsExactlyInAnyOrder(
            new AccessScope("sts:identity_context", List.of()),
            new AccessScope("s3:access_grants:read_write", List.of(target)));
    refused(Kind.VALIDATION, () -> apps.putAccessScope(app, new AccessScope("a:b:c:d", List.of())));
    IntStream.range(0, 23)
        .forEach(i -> apps.putAccessScope(app, new AccessScope("custom:scope" + i, List.of())));
    refused(
        Kind.VALIDATION,
        () -> apps.putAccessScope(app, new AccessScope("custom:one_more", List.of())));
    apps.deleteAccessScope(app, "sts:identity_context");
    assertThat(apps.listAccessScopes(app)).hasSize(24);
    apps.deleteAccessScope(app, "sts:identity_context"); // idempotent
    assertThat(apps.listAccessScopes(app)).hasSize(24);
  }

  @Test
  void assignmentsNameIdentityStorePrincipals() {
    String app = app("assigned");
    var group = new ApplicationAssignment(PrincipalType.GROUP, backend.groupId());
    var user = new ApplicationAssignment(PrincipalType.USER, backend.userId());

    apps.createAssignment(app, group);
    apps.createAssignment(app, user);
    assertThat(apps.listAssignments(app)).containsExactlyInAnyOrder(group, user);
    refused(Kind.CONFLICT, () -> apps.createAssignment(app, group));
    refused(
        Kind.NOT_FOUND,
        () ->
            apps.createAssignment(
                app,
                new ApplicationAssignment(
                    PrincipalType.USER, "00000000-0000-0000-0000-000000000000")));
    apps.deleteAssignment(app, user);
    assertThat(apps.listAssignments(app)).containsExactly(group);
    apps.deleteAssignment(app, user); // idempotent
    assertThat(apps.listAssignments(app)).containsExactly(group);
  }

  @Test
  void deletingAnApplicationDeletesWhatHangsOffIt() {
    String app = app("short-lived");
    apps.putGrant(app, ApplicationGrant.of(GrantType.TOKEN_EXCHANGE));
    apps.putAccessScope(app, new AccessScope("sts:identity_context", List.of()));

    apps.deleteApplication(app);

    assertThat(apps.listApplications(instance)).noneMatch(a -> a.arn().equals(app));
    refused(Kind.NOT_FOUND, () -> apps.listGrants(app));
    refused(Kind.NOT_FOUND, () -> apps.listAccessScopes(app));
  }
}
