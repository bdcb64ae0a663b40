package dev.idcplane.identitycenter.apps;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * An instance's trusted token issuers and applications as read at one moment. Customer-managed
 * applications are read whole (grants, actor policy, scopes, assignment setting, assignments);
 * applications of other providers only by their summary, since the service never changes them.
 */
public record LiveApplications(
    List<TrustedTokenIssuer> issuers, List<LiveApplication> applications) {

  /** One application and, for a customer-managed one, everything set on it. */
  public record LiveApplication(
      ApplicationInfo info,
      List<ApplicationGrant> grants,
      Optional<String> actorPolicy,
      List<AccessScope> scopes,
      boolean assignmentRequired,
      List<ApplicationAssignment> assignments) {
    public LiveApplication {
      grants = List.copyOf(grants);
      scopes = List.copyOf(scopes);
      assignments = List.copyOf(assignments);
    }
  }

  public LiveApplications {
    issuers = List.copyOf(issuers);
    applications = List.copyOf(applications);
  }

  /**
   * The instance's applications by their summary only (one ListApplications, no issuers, no
   * details): enough for checks of names and providers, such as the planner's errors, not for its
   * changes.
   */
  public static LiveApplications summaries(Applications port, String instanceArn) {
    return new LiveApplications(
        List.of(),
        port.listApplications(instanceArn).stream().map(LiveApplications::summary).toList());
  }

  private static LiveApplication summary(ApplicationInfo info) {
    return new LiveApplication(info, List.of(), Optional.empty(), List.of(), false, List.of());
  }

  /** Reads every issuer and application of {@code instanceArn} through {@code port}. */
  public static LiveApplications read(Applications port, String instanceArn) {
    return read(port, instanceArn, name -> true);
  }

  /**
   * Reads every issuer, and every application of {@code instanceArn}: the customer-managed ones
   * whose name {@code detailed} accepts with their grants, actor policy, scopes, assignment setting
   * and assignments, the others by their summary.
   */
  public static LiveApplications read(
      Applications port, String instanceArn, java.util.function.Predicate<String> detailed) {
    List<LiveApplication> apps = new ArrayList<>();
    for (ApplicationInfo info : port.listApplications(instanceArn)) {
      if (!info.custom() || !detailed.test(info.name())) {
        apps.add(summary(info));
        continue;
      }
      String arn = info.arn();
      apps.add(
          new LiveApplication(
              info,
              port.listGrants(arn),
              port.getActorPolicy(arn),
              port.listAccessScopes(arn),
              port.assignmentRequired(arn),
              port.listAssignments(arn)));
    }
    return new LiveApplications(port.listTrustedTokenIssuers(instanceArn), apps);
  }
}
