package dev.idcplane.plan.apps;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.apply.AppExecutor;
import dev.idcplane.identitycenter.AccountStatus;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.apps.AccessScope;
import dev.idcplane.identitycenter.apps.ApplicationAssignment;
import dev.idcplane.identitycenter.apps.ApplicationGrant;
import dev.idcplane.identitycenter.apps.ApplicationInfo;
import dev.idcplane.identitycenter.apps.GrantType;
import dev.idcplane.identitycenter.apps.LiveApplications;
import dev.idcplane.identitycenter.apps.LiveApplications.LiveApplication;
import dev.idcplane.identitycenter.apps.TrustedTokenIssuer;
import dev.idcplane.identitycenter.sandbox.SandboxApplications;
import dev.idcplane.identitycenter.sandbox.SandboxBehaviour;
import dev.idcplane.identitycenter.sandbox.SandboxIdentityCenter;
import dev.idcplane.matrix.Matrix;
import dev.idcplane.matrix.MatrixLoad;
import dev.idcplane.matrix.MatrixLoader;
import dev.idcplane.matrix.SourceLocation;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Planning and executing issue 11's issuers and applications against the sandbox. */
class AppPlannerTest {
  static final String INSTANCE = "arn:aws:sso:::instance/ssoins-0123456789abcdef";
  static final String STORE = "d-0123456789";
  static final String ADMINS_ID = "90670001-0000-0000-0000-000000000000";
  static final String ANALYSTS_ID = "90670002-0000-0000-0000-000000000000";
  static final String ALICE_ID = "90670003-1111-1111-1111-111111111111";
  static final String URL = "https://idp.example.com/oauth2/default";
  static final String CALLER_CI = "arn:aws:iam::111122223333:role/ci";
  static final String CALLER_BOT = "arn:aws:iam::111122223333:role/release-bot";

  static final String EXAMPLE =
      """
      trusted_token_issuers:
        corp-idp:
          issuer_url: %s
          claim_attribute_path: %s
          identity_store_attribute_path: emails.value
      applications:
        release-bot:
          description: Release automation acting for engineers
          callers: [arn:aws:iam::111122223333:role/release-bot, arn:aws:iam::111122223333:role/ci]
          jwt_bearer:
            - issuer: corp-idp
              audiences: [release-bot]
          refresh_token: true
          scopes:
            - sts:identity_context
            - {scope: s3:access_grants:read_write, targets: [data-notebook]}
          assignments: {groups: [aws-platform-admins], users: [alice@example.com]}
        data-notebook:
          description: Notebooks for analysts
          jwt_bearer:
            - issuer: corp-idp
              audiences: [notebook, notebook-staging]
          assignment_required: false
          assignments: {groups: [data-analysts]}
      """;

  private SandboxIdentityCenter sandbox;
  private SandboxApplications port;
  private PrincipalLookup principals;

  @BeforeEach
  void sandbox() {
    sandbox =
        SandboxIdentityCenter.builder()
            .clock(Clock.systemUTC())
            .behaviour(SandboxBehaviour.fast().toBuilder().requestsPerSecond(0).build())
            .instance(INSTANCE, STORE)
            .organization("o-apps000001", "100000000000", "r-ap01")
            .account("", "100000000000", "management", null, AccountStatus.ACTIVE)
            .group("aws-platform-admins", ADMINS_ID)
            .group("data-analysts", ANALYSTS_ID)
            .user("alice@example.com", ALICE_ID)
            .build();
    port = sandbox.applications();
    principals =
        new PrincipalLookup() {
          @Override
          public Optional<String> groupId(String displayName) {
            return sandbox.findGroupId(STORE, displayName);
          }

          @Override
          public Optional<String> userId(String userName) {
            return sandbox.findUserId(STORE, userName);
          }
        };
  }

  private static Matrix matrix(String yaml) {
    MatrixLoad load = new MatrixLoader().load(Map.of("apps.yaml", yaml));
    assertThat(load.violations()).isEmpty();
    return load.matrix();
  }

  private static Matrix example() {
    return matrix(EXAMPLE.formatted(URL, "email"));
  }

  private LiveApplications live() {
    return LiveApplications.read(port, INSTANCE);
  }

  private AppPlan plan(Matrix m) {
    return AppPlanner.plan(m, live(), principals);
  }

  private AppExecutor.Result execute(AppPlan plan) {
    AppExecutor.Result result = new AppExecutor(port, INSTANCE).execute(plan);
    assertThat(result.outcomes())
        .allSatisfy(
            o -> assertThat(o.status()).as(o.toString()).isEqualTo(AppExecutor.Status.SUCCEEDED));
    return result;
  }

  private static List<String> keys(AppPlan plan) {
    return plan.changes().stream().map(AppChange::key).toList();
  }

  private LiveApplication app(String name) {
    return live().applications().stream()
        .filter(a -> a.info().name().equals(name))
        .findFirst()
        .orElseThrow();
  }

  private TrustedTokenIssuer issuer(String name) {
    return live().issuers().stream().filter(i -> i.name().equals(name)).findFirst().orElseThrow();
  }

  private void applyExample() {
    AppPlan plan = plan(example());
    assertThat(plan.errors()).isEmpty();
    execute(plan);
    assertThat(plan(example()).changes()).isEmpty();
  }

  @Test
  void fromAnEmptyInstanceTheExamplePlansTheOrderedChanges() {
    AppPlan plan = plan(example());

    assertThat(plan.errors()).isEmpty();
    assertThat(plan.drift()).isEmpty();
    assertThat(keys(plan))
        .containsExactly(
            "issuer/corp-idp/create",
            "application/data-notebook/create",
            "application/release-bot/create",
            "application/data-notebook/grant/urn:ietf:params:oauth:grant-type:jwt-bearer/put",
            "application/release-bot/grant/urn:ietf:params:oauth:grant-type:jwt-bearer/put",
            "application/release-bot/grant/refresh_token/put",
            "application/release-bot/authentication-method/iam/put",
            "application/release-bot/scope/sts:identity_context/put",
            "application/release-bot/scope/s3:access_grants:read_write/put",
            "application/data-notebook/assignment-required/false",
            "application/data-notebook/assignment/GROUP/" + ANALYSTS_ID + "/create",
            "application/release-bot/assignment/GROUP/" + ADMINS_ID + "/create",
            "application/release-bot/assignment/USER/" + ALICE_ID + "/create");
    assertThat(plan.changes().get(0).reason()).contains("apps.yaml:2");
    assertThat(plan.changes().get(2).reason()).contains("apps.yaml:7");
    // the scope target is created by the same plan: named, not an ARN
    AppChange.PutScope scope = (AppChange.PutScope) plan.changes().get(8);
    assertThat(scope.targets()).containsExactly(ArnRef.byName("data-notebook"));
  }

  @Test
  void executingTheExampleCreatesEverythingExactlyAndTheReplanIsEmpty() {
    AppPlan plan = plan(example());
    AppExecutor.Result result = execute(plan);
    assertThat(result.outcomes()).hasSize(plan.changes().size());

    LiveApplications live = live();
    assertThat(live.issuers()).hasSize(1);
    TrustedTokenIssuer idp = live.issuers().get(0);
    assertThat(idp.name()).isEqualTo("corp-idp");
    assertThat(idp.issuerUrl()).isEqualTo(URL);
    assertThat(idp.claimAttributePath()).isEqualTo("email");
    assertThat(idp.identityStoreAttributePath()).isEqualTo("emails.value");
    assertThat(live.applications()).hasSize(2);

    LiveApplication notebook = app("data-notebook");
    LiveApplication bot = app("release-bot");
    assertThat(bot.info().custom()).isTrue();
    assertThat(bot.info().description()).isEqualTo("Release automation acting for engineers");
    assertThat(bot.info().status()).isEqualTo(ApplicationInfo.ENABLED);
    assertThat(bot.grants())
        .containsExactlyInAnyOrder(
            ApplicationGrant.jwtBearer(
                List.of(new ApplicationGrant.AuthorizedIssuer(idp.arn(), List.of("release-bot")))),
            ApplicationGrant.of(GrantType.REFRESH_TOKEN));
    assertThat(bot.actorPolicy()).isPresent();
    assertThat(
            ActorPolicies.equivalent(
                bot.actorPolicy().get(),
                """
                {"Version":"2012-10-17","Statement":[{"Effect":"Allow",
                 "Principal":{"AWS":["%s","%s"]},
                 "Action":"sso-oauth:CreateTokenWithIAM","Resource":"*"}]}"""
                    .formatted(CALLER_CI, CALLER_BOT)))
        .isTrue();
    assertThat(bot.scopes())
        .containsExactlyInAnyOrder(
            new AccessScope("sts:identity_context", List.of()),
            new AccessScope("s3:access_grants:read_write", List.of(notebook.info().arn())));
    assertThat(bot.assignmentRequired()).isTrue();
    assertThat(bot.assignments())
        .containsExactlyInAnyOrder(
            new ApplicationAssignment(PrincipalType.GROUP, ADMINS_ID),
            new ApplicationAssignment(PrincipalType.USER, ALICE_ID));

    assertThat(notebook.info().description()).isEqualTo("Notebooks for analysts");
    assertThat(notebook.grants())
        .containsExactly(
            ApplicationGrant.jwtBearer(
                List.of(
                    new ApplicationGrant.AuthorizedIssuer(
                        idp.arn(), List.of("notebook", "notebook-staging")))));
    assertThat(notebook.actorPolicy()).isEmpty();
    assertThat(notebook.scopes()).isEmpty();
    assertThat(notebook.assignmentRequired()).isFalse();
    assertThat(notebook.assignments())
        .containsExactly(new ApplicationAssignment(PrincipalType.GROUP, ANALYSTS_ID));

    AppPlan replan = plan(example());
    assertThat(replan.changes()).isEmpty();
    assertThat(replan.drift()).isEmpty();
  }

  @Test
  void aScopeAddedInTheConsoleIsRemoved() {
    applyExample();
    String bot = app("release-bot").info().arn();
    port.putAccessScope(bot, new AccessScope("s3:access_grants:read", List.of()));

    AppPlan plan = plan(example());
    assertThat(keys(plan))
        .containsExactly("application/release-bot/scope/s3:access_grants:read/delete");
    assertThat(plan.changes().get(0).reason())
        .contains("scope s3:access_grants:read of release-bot added outside the matrix")
        .contains("apps.yaml:7");
    execute(plan);
    assertThat(plan(example()).changes()).isEmpty();
    assertThat(app("release-bot").scopes()).hasSize(2);
  }

  @Test
  void anAudienceChangedInTheConsoleIsReverted() {
    applyExample();
    String bot = app("release-bot").info().arn();
    String idp = issuer("corp-idp").arn();
    port.putGrant(
        bot,
        ApplicationGrant.jwtBearer(
            List.of(new ApplicationGrant.AuthorizedIssuer(idp, List.of("someone-else")))));

    AppPlan plan = plan(example());
    assertThat(keys(plan))
        .containsExactly(
            "application/release-bot/grant/urn:ietf:params:oauth:grant-type:jwt-bearer/put");
    assertThat(plan.changes().get(0).reason()).contains("audiences of corp-idp");
    execute(plan);
    assertThat(plan(example()).changes()).isEmpty();
    assertThat(app("release-bot").grants())
        .contains(
            ApplicationGrant.jwtBearer(
                List.of(new ApplicationGrant.AuthorizedIssuer(idp, List.of("release-bot")))));
  }

  @Test
  void anAssignmentRemovedInTheConsoleIsRecreated() {
    applyExample();
    String bot = app("release-bot").info().arn();
    port.deleteAssignment(bot, new ApplicationAssignment(PrincipalType.USER, ALICE_ID));

    AppPlan plan = plan(example());
    assertThat(keys(plan))
        .containsExactly("application/release-bot/assignment/USER/" + ALICE_ID + "/create");
    execute(plan);
    assertThat(plan(example()).changes()).isEmpty();
  }

  @Test
  void aClaimPathChangedInTheConsoleIsReverted() {
    applyExample();
    TrustedTokenIssuer idp = issuer("corp-idp");
    port.updateTrustedTokenIssuer(idp.arn(), "corp-idp", "sub", "emails.value");

    AppPlan plan = plan(example());
    assertThat(keys(plan)).containsExactly("issuer/corp-idp/update");
    assertThat(plan.changes().get(0).reason())
        .contains("claim_attribute_path of corp-idp changed from sub to email");
    execute(plan);
    assertThat(plan(example()).changes()).isEmpty();
    assertThat(issuer("corp-idp").claimAttributePath()).isEqualTo("email");
    assertThat(issuer("corp-idp").arn()).isEqualTo(idp.arn());
  }

  @Test
  void anIssuerUrlChangeReplacesTheIssuerAndRepointsEveryGrant() {
    applyExample();
    String oldArn = issuer("corp-idp").arn();
    String newUrl = "https://login.example.org/oauth2/v2";
    Matrix changed = matrix(EXAMPLE.formatted(newUrl, "email"));

    AppPlan plan = plan(changed);
    String tmp = AppPlanner.replacementName("corp-idp");
    assertThat(keys(plan))
        .containsExactly(
            "issuer/" + tmp + "/create",
            "application/data-notebook/grant/urn:ietf:params:oauth:grant-type:jwt-bearer/put",
            "application/release-bot/grant/urn:ietf:params:oauth:grant-type:jwt-bearer/put",
            "issuer/corp-idp/delete/" + oldArn,
            "issuer/" + tmp + "/update");
    assertThat(plan.changes().get(0).reason())
        .contains("issuer_url of corp-idp changed from " + URL + " to " + newUrl);
    execute(plan);

    LiveApplications live = live();
    assertThat(live.issuers()).hasSize(1);
    TrustedTokenIssuer now = live.issuers().get(0);
    assertThat(now.name()).isEqualTo("corp-idp");
    assertThat(now.issuerUrl()).isEqualTo(newUrl);
    assertThat(now.arn()).isNotEqualTo(oldArn);
    Set<String> named =
        live.applications().stream()
            .flatMap(a -> a.grants().stream())
            .flatMap(g -> g.issuers().stream())
            .map(ApplicationGrant.AuthorizedIssuer::issuerArn)
            .collect(Collectors.toSet());
    assertThat(named).containsExactly(now.arn());
    assertThat(plan(changed).changes()).isEmpty();
  }

  @Test
  void anInterruptedReplacementIsContinuedByTheReplan() {
    applyExample();
    Matrix changed = matrix(EXAMPLE.formatted("https://login.example.org/oauth2/v2", "email"));
    AppPlan plan = plan(changed);
    // only the create of the replacement ran
    execute(new AppPlan(plan.changes().subList(0, 1), List.of(), List.of()));

    AppPlan replan = plan(changed);
    String tmp = AppPlanner.replacementName("corp-idp");
    assertThat(keys(replan)).doesNotContain("issuer/" + tmp + "/create");
    assertThat(replan.drift()).isEmpty();
    execute(replan);
    assertThat(plan(changed).changes()).isEmpty();
    assertThat(live().issuers()).extracting(TrustedTokenIssuer::name).containsExactly("corp-idp");
  }

  @Test
  void aReplacementInterruptedBeforeTheRenameIsFinishedByTheReplan() {
    applyExample();
    Matrix changed = matrix(EXAMPLE.formatted("https://login.example.org/oauth2/v2", "email"));
    AppPlan plan = plan(changed);
    // everything but the rename ran: the old issuer is gone, the new one has its temporary name
    execute(
        new AppPlan(plan.changes().subList(0, plan.changes().size() - 1), List.of(), List.of()));
    String tmp = AppPlanner.replacementName("corp-idp");
    String replacement = issuer(tmp).arn();

    AppPlan replan = plan(changed);
    assertThat(keys(replan)).containsExactly("issuer/" + tmp + "/update");
    execute(replan);
    assertThat(issuer("corp-idp").arn()).isEqualTo(replacement);
    assertThat(plan(changed).changes()).isEmpty();
  }

  @Test
  void undeclaredAndAwsManagedApplicationsAreDriftAndNeverTouched() {
    applyExample();
    String stray = port.createApplication(INSTANCE, "stray-app", "clicked together", "ENABLED");
    port.putAccessScope(stray, new AccessScope("sts:identity_context", List.of()));
    String managed =
        port.seedApplication("QuickSight", "arn:aws:sso::aws:applicationProvider/quicksight");
    String strayIssuer =
        port.createTrustedTokenIssuer(
            INSTANCE,
            new TrustedTokenIssuer(
                null, "other-idp", "https://other.example.com", "email", "emails.value"));
    LiveApplication strayBefore = app("stray-app");
    LiveApplication managedBefore = app("QuickSight");

    AppPlan plan = plan(example());
    assertThat(plan.changes()).isEmpty();
    assertThat(plan.drift())
        .extracting(AppDrift::kind, AppDrift::arn)
        .containsExactlyInAnyOrder(
            org.assertj.core.api.Assertions.tuple(
                AppDrift.Kind.UNMANAGED_TRUSTED_TOKEN_ISSUER, strayIssuer),
            org.assertj.core.api.Assertions.tuple(AppDrift.Kind.UNMANAGED_APPLICATION, stray),
            org.assertj.core.api.Assertions.tuple(AppDrift.Kind.UNMANAGED_APPLICATION, managed));
    assertThat(AppDrift.Kind.UNMANAGED_APPLICATION.id()).isEqualTo("unmanaged_application");
    execute(plan);
    assertThat(app("stray-app")).isEqualTo(strayBefore);
    assertThat(app("QuickSight")).isEqualTo(managedBefore);

    // declaring the AWS-managed application's name is an error at its line
    AppPlan claimed =
        AppPlanner.plan(
            matrix("applications:\n  QuickSight:\n    description: mine\n"), live(), principals);
    assertThat(claimed.errors())
        .singleElement()
        .satisfies(
            v -> {
              assertThat(v.kind()).isEqualTo("not_a_custom_application");
              assertThat(v.location()).isEqualTo(new SourceLocation("apps.yaml", 2));
            });
    assertThat(claimed.changes()).isEmpty();
  }

  @Test
  void absentDeletesTheLiveOneAndNothingWhenNotLive() {
    applyExample();
    Matrix withoutBot =
        matrix(
            """
            trusted_token_issuers:
              corp-idp:
                issuer_url: %s
                claim_attribute_path: email
                identity_store_attribute_path: emails.value
              never-was: {absent: true}
            applications:
              release-bot: {absent: true}
              ghost-app: {absent: true}
              data-notebook:
                description: Notebooks for analysts
                jwt_bearer:
                  - issuer: corp-idp
                    audiences: [notebook, notebook-staging]
                assignment_required: false
                assignments: {groups: [data-analysts]}
            """
                .formatted(URL));
    AppPlan plan = plan(withoutBot);
    assertThat(keys(plan)).containsExactly("application/release-bot/delete");
    assertThat(plan.changes().get(0).reason()).contains("absent: true").contains("apps.yaml:8");
    execute(plan);
    assertThat(live().applications())
        .extracting(a -> a.info().name())
        .containsExactly("data-notebook");
    assertThat(plan(withoutBot).changes()).isEmpty();

    Matrix noIssuer =
        matrix(
            """
            trusted_token_issuers:
              corp-idp: {absent: true}
            applications:
              data-notebook: {absent: true}
            """);
    AppPlan removal = plan(noIssuer);
    assertThat(keys(removal))
        .containsExactly(
            "application/data-notebook/delete",
            "issuer/corp-idp/delete/" + issuer("corp-idp").arn());
    execute(removal);
    assertThat(live().issuers()).isEmpty();
    assertThat(live().applications()).isEmpty();
  }

  @Test
  void anUnknownGroupIsAnErrorAtItsLine() {
    Matrix m =
        matrix(
            """
            applications:
              lonely-app:
                assignments:
                  groups: [aws-platform-admins, no-such-group]
                  users: [nobody@example.com]
            """);
    AppPlan plan = plan(m);
    assertThat(plan.executable()).isFalse();
    assertThat(plan.errors())
        .extracting(v -> v.kind(), v -> v.location().line())
        .containsExactly(
            org.assertj.core.api.Assertions.tuple("unknown_group", 4),
            org.assertj.core.api.Assertions.tuple("unknown_user", 5));
    assertThat(plan.errors().get(0).message()).contains("no-such-group");
  }

  @Test
  void policyKeyOrderWhitespaceAndASingleStringPrincipalProduceNoDiff() {
    applyExample();
    String bot = app("release-bot").info().arn();
    port.putActorPolicy(
        bot,
        """
        {
          "Statement": [ { "Resource": "*", "Action": ["sso-oauth:CreateTokenWithIAM"],
            "Principal": {"AWS": ["%s", "%s"]}, "Effect": "Allow" } ],
          "Version": "2012-10-17"
        }"""
            .formatted(CALLER_BOT, CALLER_CI));
    assertThat(plan(example()).changes()).isEmpty();

    assertThat(
            ActorPolicies.equivalent(
                ActorPolicies.forCallers(List.of(CALLER_BOT)),
                "{\"Statement\":[{\"Principal\":{\"AWS\":\""
                    + CALLER_BOT
                    + "\"},\"Effect\":\"Allow\","
                    + "\"Action\":\"sso-oauth:CreateTokenWithIAM\",\"Resource\":\"*\"}],"
                    + "\"Version\":\"2012-10-17\"}"))
        .isTrue();
    // but a different caller is a change
    port.putActorPolicy(bot, ActorPolicies.forCallers(List.of(CALLER_BOT)));
    AppPlan plan = plan(example());
    assertThat(keys(plan)).containsExactly("application/release-bot/authentication-method/iam/put");
    execute(plan);
    assertThat(plan(example()).changes()).isEmpty();
  }

  @Test
  void theExecutorStopsAtTheFirstFailureAndTheReplanContinues() {
    PrincipalLookup ghostly =
        new PrincipalLookup() {
          @Override
          public Optional<String> groupId(String displayName) {
            return displayName.equals("data-analysts")
                ? Optional.of("99999999-0000-0000-0000-000000000000")
                : principals.groupId(displayName);
          }

          @Override
          public Optional<String> userId(String userName) {
            return principals.userId(userName);
          }
        };
    AppPlan plan = AppPlanner.plan(example(), live(), ghostly);
    AppExecutor.Result result = new AppExecutor(port, INSTANCE).execute(plan);
    int failed =
        keys(plan)
            .indexOf(
                "application/data-notebook/assignment/GROUP/99999999-0000-0000-0000-000000000000/create");
    assertThat(result.outcomes().get(failed).status()).isEqualTo(AppExecutor.Status.FAILED);
    assertThat(result.outcomes().get(failed).error()).isNotBlank();
    assertThat(result.outcomes().subList(0, failed))
        .allSatisfy(o -> assertThat(o.status()).isEqualTo(AppExecutor.Status.SUCCEEDED));
    assertThat(result.outcomes().subList(failed + 1, result.outcomes().size()))
        .isNotEmpty()
        .allSatisfy(o -> assertThat(o.status()).isEqualTo(AppExecutor.Status.SKIPPED));
    assertThat(result.succeeded()).isFalse();

    AppPlan replan = plan(example());
    assertThat(keys(replan))
        .containsExactly(
            "application/data-notebook/assignment/GROUP/" + ANALYSTS_ID + "/create",
            "application/release-bot/assignment/GROUP/" + ADMINS_ID + "/create",
            "application/release-bot/assignment/USER/" + ALICE_ID + "/create");
    execute(replan);
    assertThat(plan(example()).changes()).isEmpty();
  }
}
