package dev.idcplane.apply;

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

  private final Applications port;
  private final String instanceArn;
  private final Map<String, String> issuers = new HashMap<>();
  private final Map<String, String> applications = new HashMap<>();

  public AppExecutor(Applications port, String instanceArn) {
    this.port = Objects.requireNonNull(port, "port");
    this.instanceArn = Objects.requireNonNull(instanceArn, "instanceArn");
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
        apply(change);
        outcomes.add(new Outcome(change, Status.SUCCEEDED, null));
      } catch (RuntimeException e) {
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

  private void apply(AppChange change) {
    if (change instanceof AppChange.CreateIssuer c) {
      issuers.put(
          c.name(),
          port.createTrustedTokenIssuer(
              instanceArn,
              new TrustedTokenIssuer(
                  null,
                  c.name(),
                  c.issuerUrl(),
                  c.claimAttributePath(),
                  c.identityStoreAttributePath())));
    } else if (change instanceof AppChange.UpdateIssuer u) {
      String arn = issuer(u.issuer());
      port.updateTrustedTokenIssuer(
          arn, u.newName(), u.claimAttributePath(), u.identityStoreAttributePath());
      issuers.remove(u.issuer().name());
      issuers.put(u.newName(), arn);
    } else if (change instanceof AppChange.DeleteIssuer d) {
      String arn = issuer(d.issuer());
      port.deleteTrustedTokenIssuer(arn);
      issuers.values().remove(arn);
    } else if (change instanceof AppChange.CreateApplication c) {
      applications.put(
          c.name(), port.createApplication(instanceArn, c.name(), c.description(), c.status()));
    } else if (change instanceof AppChange.UpdateApplication u) {
      port.updateApplication(application(u.application()), u.description(), u.status());
    } else if (change instanceof AppChange.DeleteApplication d) {
      String arn = application(d.application());
      port.deleteApplication(arn);
      applications.values().remove(arn);
    } else if (change instanceof AppChange.PutGrant g) {
      ApplicationGrant grant =
          g.type() == GrantType.JWT_BEARER
              ? ApplicationGrant.jwtBearer(
                  g.issuers().stream()
                      .map(
                          i ->
                              new ApplicationGrant.AuthorizedIssuer(
                                  issuer(i.issuer()), i.audiences()))
                      .toList())
              : ApplicationGrant.of(g.type());
      port.putGrant(application(g.application()), grant);
    } else if (change instanceof AppChange.DeleteGrant d) {
      port.deleteGrant(application(d.application()), d.type());
    } else if (change instanceof AppChange.PutActorPolicy p) {
      port.putActorPolicy(application(p.application()), p.policyJson());
    } else if (change instanceof AppChange.DeleteActorPolicy d) {
      port.deleteActorPolicy(application(d.application()));
    } else if (change instanceof AppChange.PutScope s) {
      port.putAccessScope(
          application(s.application()),
          new AccessScope(s.scope(), s.targets().stream().map(this::application).toList()));
    } else if (change instanceof AppChange.DeleteScope d) {
      port.deleteAccessScope(application(d.application()), d.scope());
    } else if (change instanceof AppChange.PutAssignmentRequired p) {
      port.putAssignmentRequired(application(p.application()), p.required());
    } else if (change instanceof AppChange.CreateAssignment c) {
      port.createAssignment(
          application(c.application()),
          new ApplicationAssignment(c.principalType(), c.principalId()));
    } else if (change instanceof AppChange.DeleteAssignment d) {
      port.deleteAssignment(
          application(d.application()),
          new ApplicationAssignment(d.principalType(), d.principalId()));
    } else {
      throw new IllegalArgumentException("unknown change " + change);
    }
  }

  private String issuer(ArnRef ref) {
    if (ref.resolved()) {
      return ref.arn();
    }
    String created = issuers.get(ref.name());
    if (created != null) {
      return created;
    }
    return port.listTrustedTokenIssuers(instanceArn).stream()
        .filter(i -> i.name().equals(ref.name()))
        .map(TrustedTokenIssuer::arn)
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("no trusted token issuer named " + ref.name()));
  }

  private String application(ArnRef ref) {
    if (ref.resolved()) {
      return ref.arn();
    }
    String created = applications.get(ref.name());
    if (created != null) {
      return created;
    }
    return port.listApplications(instanceArn).stream()
        .filter(a -> a.custom() && a.name().equals(ref.name()))
        .map(ApplicationInfo::arn)
        .findFirst()
        .orElseThrow(
            () -> new IllegalStateException("no customer-managed application named " + ref.name()));
  }
}
