package dev.idcplane.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idcplane.identitycenter.AccountStatus;
import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.apps.ApplicationAssignment;
import dev.idcplane.identitycenter.apps.TrustedTokenIssuer;
import dev.idcplane.identitycenter.sandbox.SandboxApplications;
import dev.idcplane.identitycenter.sandbox.SandboxBehaviour;
import dev.idcplane.identitycenter.sandbox.SandboxIdentityCenter;
import dev.idcplane.plan.apps.AppChange;
import dev.idcplane.plan.apps.ArnRef;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the application executor does when a call may already have reached AWS: a resumed change (an
 * earlier run was interrupted mid-call) or a create that failed with a timeout. Nothing is created
 * twice, and what is already gone counts as deleted only when an earlier attempt may have deleted
 * it.
 */
class AppExecutorTest {
  static final String INSTANCE = "arn:aws:sso:::instance/ssoins-0123456789abcdef";
  static final String STORE = "d-0123456789";
  static final String ADMINS_ID = "90670001-0000-0000-0000-000000000000";
  static final String URL = "https://idp.example.com/oauth2/default";

  private SandboxApplications port;

  @BeforeEach
  void sandbox() {
    port =
        SandboxIdentityCenter.builder()
            .clock(Clock.systemUTC())
            .behaviour(SandboxBehaviour.fast().toBuilder().requestsPerSecond(0).build())
            .instance(INSTANCE, STORE)
            .organization("o-apps000001", "100000000000", "r-ap01")
            .account("", "100000000000", "management", null, AccountStatus.ACTIVE)
            .group("aws-platform-admins", ADMINS_ID)
            .build()
            .applications();
  }

  /** Calls as apply's gate makes them: up to three attempts; every call is counted. */
  static class CountingCalls implements AppExecutor.Calls {
    final List<Integer> pauses = new ArrayList<>();
    int calls;

    @Override
    public <T> T once(Supplier<T> call) {
      calls++;
      return call.get();
    }

    @Override
    public int maxAttempts() {
      return 3;
    }

    @Override
    public void pause(int attempt) {
      pauses.add(attempt);
    }
  }

  private AppExecutor executor(AppExecutor.Calls calls) {
    return new AppExecutor(port, INSTANCE, calls, Fence.NONE);
  }

  private static AppChange.CreateIssuer createIssuer() {
    return new AppChange.CreateIssuer("corp-idp", URL, "email", "emails.value", "declared");
  }

  @Test
  void aResumedCreateAdoptsWhatTheInterruptedAttemptMade() throws Exception {
    String first = executor(new CountingCalls()).apply(createIssuer(), false);

    String resumed = executor(new CountingCalls()).apply(createIssuer(), true);

    assertThat(resumed).isEqualTo(first);
    assertThat(port.listTrustedTokenIssuers(INSTANCE)).hasSize(1);
  }

  @Test
  void aCreateIsNotSentAgainBlindlyAfterATimeoutThatReachedAws() throws Exception {
    // The first CreateApplication reaches the sandbox, then the answer is lost (a timeout).
    AppExecutor.Calls lossy =
        new CountingCalls() {
          boolean lost;

          @Override
          public <T> T once(Supplier<T> call) {
            T result = super.once(call);
            if (!lost && result instanceof String arn && arn.contains(":application/")) {
              lost = true;
              throw new IdentityCenterException(
                  IdentityCenterException.Kind.TIMEOUT, "CreateApplication", "read timed out");
            }
            return result;
          }
        };

    String arn =
        executor(lossy)
            .apply(new AppChange.CreateApplication("release-bot", "bot", "ENABLED", "r"), false);

    assertThat(port.listApplications(INSTANCE))
        .filteredOn(a -> a.name().equals("release-bot"))
        .singleElement()
        .satisfies(a -> assertThat(a.arn()).isEqualTo(arn));
  }

  @Test
  void aThrottledCreateIsSentAgainWithoutLooking() throws Exception {
    CountingCalls throttledOnce =
        new CountingCalls() {
          boolean throttled;

          @Override
          public <T> T once(Supplier<T> call) {
            if (!throttled) {
              throttled = true;
              calls++;
              throw new IdentityCenterException(
                  IdentityCenterException.Kind.THROTTLED, "CreateTrustedTokenIssuer", "slow down");
            }
            return super.once(call);
          }
        };

    executor(throttledOnce).apply(createIssuer(), false);

    assertThat(throttledOnce.calls).as("the throttled call and the create, no list").isEqualTo(2);
    assertThat(throttledOnce.pauses).containsExactly(1);
    assertThat(port.listTrustedTokenIssuers(INSTANCE)).hasSize(1);
  }

  @Test
  void aResumedDeleteOfWhatIsGoneIsDoneButAFreshOneIsNot() throws Exception {
    String arn = port.createApplication(INSTANCE, "old-portal", "old", "ENABLED");
    port.deleteApplication(arn);
    AppChange.DeleteApplication delete =
        new AppChange.DeleteApplication(ArnRef.known(arn, "old-portal"), "absent");

    assertThat(executor(new CountingCalls()).apply(delete, true)).isEqualTo(arn);
    assertThatThrownBy(() -> executor(new CountingCalls()).apply(delete, false))
        .isInstanceOfSatisfying(
            IdentityCenterException.class,
            e -> assertThat(e.kind()).isEqualTo(IdentityCenterException.Kind.NOT_FOUND));
  }

  @Test
  void aResumedAssignmentThatExistsIsNotCreatedAgain() throws Exception {
    String app = port.createApplication(INSTANCE, "release-bot", "bot", "ENABLED");
    ApplicationAssignment admins = new ApplicationAssignment(PrincipalType.GROUP, ADMINS_ID);
    port.createAssignment(app, admins);
    AppChange.CreateAssignment create =
        new AppChange.CreateAssignment(
            ArnRef.known(app, "release-bot"),
            PrincipalType.GROUP,
            ADMINS_ID,
            "aws-platform-admins",
            "r");

    CountingCalls resumed = new CountingCalls();
    executor(resumed).apply(create, true);

    assertThat(port.listAssignments(app)).containsExactly(admins);
    assertThat(resumed.calls).as("one look, no create").isEqualTo(1);

    // Sent blindly, the create meets a conflict; the retry looks first and finds it.
    CountingCalls fresh = new CountingCalls();
    executor(fresh).apply(create, false);
    assertThat(port.listAssignments(app)).containsExactly(admins);
    assertThat(fresh.calls).as("the conflicting create, then one look").isEqualTo(2);
    assertThat(fresh.pauses).containsExactly(1);
  }

  @Test
  void anIssuerUpdateResumedAfterTheRenameFindsItUnderItsNewName() throws Exception {
    String arn =
        port.createTrustedTokenIssuer(
            INSTANCE,
            new TrustedTokenIssuer(null, "corp-idp.replacement", URL, "email", "emails.value"));
    port.updateTrustedTokenIssuer(arn, "corp-idp", "email", "emails.value");
    AppChange.UpdateIssuer rename =
        new AppChange.UpdateIssuer(
            ArnRef.byName("corp-idp.replacement"), "corp-idp", "email", "emails.value", "r");

    assertThat(executor(new CountingCalls()).apply(rename, true)).isEqualTo(arn);
    assertThat(port.listTrustedTokenIssuers(INSTANCE))
        .extracting(TrustedTokenIssuer::name)
        .containsExactly("corp-idp");
  }
}
