package dev.idcplane.apply;

import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.apps.AccessScope;
import dev.idcplane.identitycenter.apps.ApplicationAssignment;
import dev.idcplane.identitycenter.apps.ApplicationGrant;
import dev.idcplane.identitycenter.apps.ApplicationInfo;
import dev.idcplane.identitycenter.apps.Applications;
import dev.idcplane.identitycenter.apps.GrantType;
import dev.idcplane.identitycenter.apps.TrustedTokenIssuer;
import dev.idcplane.plan.apps.AppChange;
import dev.idcplane.plan.apps.AppPlan;
import dev.idcplane.plan.apps.ArnRef;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Executes an {@link AppPlan}'s changes in order through the {@link Applications} port,
 * synchronously. Issuers and applications a change names by name (created by the same plan) are
 * resolved to ARNs from the creates done in this run, else from a fresh listing of the instance.
 * The first failure stops the run: that change is FAILED, the rest SKIPPED; a re-plan continues
 * from what is live.
 */
public final class AppExecutor {

  public enum Status {
    SUCCEEDED,
    FAILED,
    SKIPPED
  }

  /** What became of one change; {@code error} is set for FAILED only. */
  public record Outcome(AppChange change, Status status, String error) {
    public Outcome {
      Objects.requireNonNull(change, "change");
      Objects.requireNonNull(status, "status");
    }
  }

  /** Every change's outcome, in plan order. */
  public record Result(List<Outcome> outcomes) {
    public Result {
      outcomes = List.copyOf(outcomes);
    }

    public boolean succeeded() {
      return outcomes.stream().allMatch(o -> o.status() == Status.SUCCEEDED);
    }
  }

  /** How each sso-admin call is made: paced and retried (apply's call gate), or as it is. */
  interface Calls {
    <T> T once(Supplier<T> call) throws InterruptedException;

    int maxAttempts();

    void pause(int attempt) throws InterruptedException;
  }

  private static final Calls DIRECT =
      new Calls() {
        @Override
        public <T> T once(Supplier<T> call) {
          return call.get();
        }

        @Override
        public int maxAttempts() {
          return 1;
        }

        @Override
        public void pause(int attempt) {}
      };

  private final Applications port;
  private final String instanceArn;
  private final Calls calls;
  private final Fence fence;
  private final Map<String, String> issuers = new HashMap<>();
  private final Map<String, String> applications = new HashMap<>();

  /** An executor whose calls are made as they are: one attempt, no pacing, no fence. */
  public AppExecutor(Applications port, String instanceArn) {
    this(port, instanceArn, DIRECT, Fence.NONE);
  }

  AppExecutor(Applications port, String instanceArn, Calls calls, Fence fence) {
    this.port = Objects.requireNonNull(port, "port");
    this.instanceArn = Objects.requireNonNull(instanceArn, "instanceArn");
    this.calls = Objects.requireNonNull(calls, "calls");
    this.fence = Objects.requireNonNull(fence, "fence");
  }

  /**
   * Executes {@code plan}, which must have no errors.
   *
   * @throws IllegalArgumentException if the plan has errors
   */
  public Result execute(AppPlan plan) {
    if (!plan.executable()) {
      throw new IllegalArgumentException("a plan with errors cannot be executed: " + plan.errors());
    }
    List<Outcome> outcomes = new ArrayList<>();
    boolean failed = false;
    for (AppChange change : plan.changes()) {
      if (failed) {
        outcomes.add(new Outcome(change, Status.SKIPPED, null));
        continue;
      }
      try {
        apply(change, false);
        outcomes.add(new Outcome(change, Status.SUCCEEDED, null));
      } catch (RuntimeException | InterruptedException e) {
        failed = true;
        outcomes.add(
            new Outcome(
                change,
                Status.FAILED,
                e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
      }
    }
    return new Result(outcomes);
  }

  /**
   * Makes one change. {@code resumed}: an earlier attempt of it may have reached AWS (a run
   * interrupted mid-call): a create first looks for what it would create and adopts it, and a
   * delete of what is gone is done. Within one attempt, a create that failed in a way that may have
   * reached AWS (a timeout, a 5xx) looks before it is sent again, so nothing is created twice.
   * Returns the ARN of the issuer or application the change made or changed.
   */
  String apply(AppChange change, boolean resumed) throws InterruptedException {
    if (change instanceof AppChange.CreateIssuer c) {
      String arn =
          create(
              "CreateTrustedTokenIssuer " + c.name(),
              () -> findIssuer(c.name()),
              () ->
                  port.createTrustedTokenIssuer(
                      instanceArn,
                      new TrustedTokenIssuer(
                          null,
                          c.name(),
                          c.issuerUrl(),
                          c.claimAttributePath(),
                          c.identityStoreAttributePath())),
              resumed);
      issuers.put(c.name(), arn);
      return arn;
    }
    if (change instanceof AppChange.UpdateIssuer u) {
      String arn = resumed ? issuerOrRenamed(u) : issuer(u.issuer());
      put(
          () ->
              port.updateTrustedTokenIssuer(
                  arn, u.newName(), u.claimAttributePath(), u.identityStoreAttributePath()));
      issuers.remove(u.issuer().name());
      issuers.put(u.newName(), arn);
      return arn;
    }
    if (change instanceof AppChange.DeleteIssuer d) {
      String arn = issuer(d.issuer());
      delete(() -> port.deleteTrustedTokenIssuer(arn), resumed);
      issuers.values().remove(arn);
      return arn;
    }
    if (change instanceof AppChange.CreateApplication c) {
      String arn =
          create(
              "CreateApplication " + c.name(),
              () -> findApplication(c.name()),
              () -> port.createApplication(instanceArn, c.name(), c.description(), c.status()),
              resumed);
      applications.put(c.name(), arn);
      return arn;
    }
    if (change instanceof AppChange.DeleteApplication d) {
      String arn = application(d.application());
      delete(() -> port.deleteApplication(arn), resumed);
      applications.values().remove(arn);
      return arn;
    }
    if (change instanceof AppChange.DeleteGrant d) {
      String arn = application(d.application());
      delete(() -> port.deleteGrant(arn, d.type()), resumed);
      return arn;
    }
    if (change instanceof AppChange.DeleteActorPolicy d) {
      String arn = application(d.application());
      delete(() -> port.deleteActorPolicy(arn), resumed);
      return arn;
    }
    if (change instanceof AppChange.DeleteScope d) {
      String arn = application(d.application());
      delete(() -> port.deleteAccessScope(arn, d.scope()), resumed);
      return arn;
    }
    if (change instanceof AppChange.CreateAssignment c) {
      String arn = application(c.application());
      ApplicationAssignment a = new ApplicationAssignment(c.principalType(), c.principalId());
      create(
          "CreateApplicationAssignment " + c.principalId(),
          () -> port.listAssignments(arn).contains(a) ? Optional.of(arn) : Optional.empty(),
          () -> {
            port.createAssignment(arn, a);
            return arn;
          },
          resumed);
      return arn;
    }
    if (change instanceof AppChange.DeleteAssignment d) {
      String arn = application(d.application());
      delete(
          () ->
              port.deleteAssignment(
                  arn, new ApplicationAssignment(d.principalType(), d.principalId())),
          resumed);
      return arn;
    }
    String arn = application(applicationOf(change));
    if (change instanceof AppChange.UpdateApplication u) {
      put(() -> port.updateApplication(arn, u.description(), u.status()));
    } else if (change instanceof AppChange.PutGrant g) {
      List<ApplicationGrant.AuthorizedIssuer> authorized = new ArrayList<>();
      for (AppChange.GrantIssuer i : g.issuers()) {
        authorized.add(new ApplicationGrant.AuthorizedIssuer(issuer(i.issuer()), i.audiences()));
      }
      ApplicationGrant grant =
          g.type() == GrantType.JWT_BEARER
              ? ApplicationGrant.jwtBearer(authorized)
              : ApplicationGrant.of(g.type());
      put(() -> port.putGrant(arn, grant));
    } else if (change instanceof AppChange.PutActorPolicy p) {
      put(() -> port.putActorPolicy(arn, p.policyJson()));
    } else if (change instanceof AppChange.PutScope s) {
      List<String> targets = new ArrayList<>();
      for (ArnRef t : s.targets()) {
        targets.add(application(t));
      }
      put(() -> port.putAccessScope(arn, new AccessScope(s.scope(), targets)));
    } else if (change instanceof AppChange.PutAssignmentRequired p) {
      put(() -> port.putAssignmentRequired(arn, p.required()));
    } else {
      throw new IllegalArgumentException("unknown change " + change);
    }
    return arn;
  }

  private static ArnRef applicationOf(AppChange change) {
    if (change instanceof AppChange.UpdateApplication u) {
      return u.application();
    }
    if (change instanceof AppChange.PutGrant g) {
      return g.application();
    }
    if (change instanceof AppChange.PutActorPolicy p) {
      return p.application();
    }
    if (change instanceof AppChange.PutScope s) {
      return s.application();
    }
    if (change instanceof AppChange.PutAssignmentRequired p) {
      return p.application();
    }
    throw new IllegalArgumentException("unknown change " + change);
  }

  /**
   * A create, sent at most once per thing: throttled attempts (never applied) are sent again; after
   * a failure that may have reached AWS, or when {@code resumed}, {@code find} looks first.
   */
  private String create(
      String what, Supplier<Optional<String>> find, Supplier<String> create, boolean resumed)
      throws InterruptedException {
    boolean look = resumed;
    for (int attempt = 1; ; attempt++) {
      if (look) {
        Optional<String> found = calls.once(find);
        if (found.isPresent()) {
          return found.get();
        }
      }
      fence.check();
      try {
        return calls.once(create);
      } catch (IdentityCenterException e) {
        if (!e.retryable() || attempt >= calls.maxAttempts()) {
          throw e;
        }
        look = look || e.kind() != IdentityCenterException.Kind.THROTTLED;
        calls.pause(attempt);
      }
    }
  }

  /** A put (create or replace): the same request twice leaves the same state, so it is retried. */
  private void put(Runnable call) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      fence.check();
      try {
        calls.once(
            () -> {
              call.run();
              return null;
            });
        return;
      } catch (IdentityCenterException e) {
        if (!e.retryable() || attempt >= calls.maxAttempts()) {
          throw e;
        }
        calls.pause(attempt);
      }
    }
  }

  /**
   * A delete, retried; what is already gone is deleted when an earlier attempt may have deleted it
   * (a retry, or a resumed change).
   */
  private void delete(Runnable call, boolean resumed) throws InterruptedException {
    for (int attempt = 1; ; attempt++) {
      fence.check();
      try {
        calls.once(
            () -> {
              call.run();
              return null;
            });
        return;
      } catch (IdentityCenterException e) {
        if (e.kind() == IdentityCenterException.Kind.NOT_FOUND && (resumed || attempt > 1)) {
          return;
        }
        if (!e.retryable() || attempt >= calls.maxAttempts()) {
          throw e;
        }
        calls.pause(attempt);
      }
    }
  }

  /**
   * The issuer a resumed rename acts on: by its name before the rename, else (the interrupted
   * attempt renamed it) by its new name.
   */
  private String issuerOrRenamed(AppChange.UpdateIssuer u) throws InterruptedException {
    if (u.issuer().resolved()) {
      return u.issuer().arn();
    }
    Optional<String> before = calls.once(() -> findIssuer(u.issuer().name()));
    if (before.isPresent()) {
      return before.get();
    }
    return issuer(ArnRef.byName(u.newName()));
  }

  private Optional<String> findIssuer(String name) {
    return port.listTrustedTokenIssuers(instanceArn).stream()
        .filter(i -> i.name().equals(name))
        .map(TrustedTokenIssuer::arn)
        .findFirst();
  }

  private Optional<String> findApplication(String name) {
    return port.listApplications(instanceArn).stream()
        .filter(a -> a.custom() && a.name().equals(name))
        .map(ApplicationInfo::arn)
        .findFirst();
  }

  private String issuer(ArnRef ref) throws InterruptedException {
    if (ref.resolved()) {
      return ref.arn();
    }
    String created = issuers.get(ref.name());
    if (created != null) {
      return created;
    }
    return calls
        .once(() -> findIssuer(ref.name()))
        .orElseThrow(
            () -> new IllegalStateException("no trusted token issuer named " + ref.name()));
  }

  private String application(ArnRef ref) throws InterruptedException {
    if (ref.resolved()) {
      return ref.arn();
    }
    String created = applications.get(ref.name());
    if (created != null) {
      return created;
    }
    return calls
        .once(() -> findApplication(ref.name()))
        .orElseThrow(
            () -> new IllegalStateException("no customer-managed application named " + ref.name()));
  }
}
