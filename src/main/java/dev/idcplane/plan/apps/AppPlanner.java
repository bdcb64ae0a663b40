package dev.idcplane.plan.apps;

import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.apps.AccessScope;
import dev.idcplane.identitycenter.apps.ApplicationAssignment;
import dev.idcplane.identitycenter.apps.ApplicationGrant;
import dev.idcplane.identitycenter.apps.ApplicationInfo;
import dev.idcplane.identitycenter.apps.GrantType;
import dev.idcplane.identitycenter.apps.LiveApplications;
import dev.idcplane.identitycenter.apps.LiveApplications.LiveApplication;
import dev.idcplane.identitycenter.apps.TrustedTokenIssuer;
import dev.idcplane.matrix.DeclaredApplication;
import dev.idcplane.matrix.DeclaredTrustedTokenIssuer;
import dev.idcplane.matrix.LocatedValue;
import dev.idcplane.matrix.Matrix;
import dev.idcplane.matrix.Violation;
import dev.idcplane.plan.apps.AppChange.CreateApplication;
import dev.idcplane.plan.apps.AppChange.CreateAssignment;
import dev.idcplane.plan.apps.AppChange.CreateIssuer;
import dev.idcplane.plan.apps.AppChange.DeleteActorPolicy;
import dev.idcplane.plan.apps.AppChange.DeleteApplication;
import dev.idcplane.plan.apps.AppChange.DeleteAssignment;
import dev.idcplane.plan.apps.AppChange.DeleteGrant;
import dev.idcplane.plan.apps.AppChange.DeleteIssuer;
import dev.idcplane.plan.apps.AppChange.DeleteScope;
import dev.idcplane.plan.apps.AppChange.GrantIssuer;
import dev.idcplane.plan.apps.AppChange.PutActorPolicy;
import dev.idcplane.plan.apps.AppChange.PutAssignmentRequired;
import dev.idcplane.plan.apps.AppChange.PutGrant;
import dev.idcplane.plan.apps.AppChange.PutScope;
import dev.idcplane.plan.apps.AppChange.UpdateApplication;
import dev.idcplane.plan.apps.AppChange.UpdateIssuer;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Plans the convergence of the matrix's trusted token issuers and customer-managed applications
 * against a {@link LiveApplications} snapshot. Pure: no I/O.
 *
 * <p>Declared issuers and applications (by name) are managed and converge exactly; what the matrix
 * does not declare on them is removed. Undeclared ones, and applications of other providers, are
 * reported as {@link AppDrift} and never changed. {@code absent: true} deletes a live one.
 *
 * <p>Order: issuers, applications, grants, authentication methods, scopes, assignment settings,
 * assignments, then removals: grants, scopes, assignments and authentication methods, then
 * applications, then issuers, and last the renames that give replacement issuers their names.
 *
 * <p>An {@code issuer_url} change replaces the issuer (AWS cannot update the URL, and refuses a
 * second issuer of the same name): the new one is created under {@link #replacementName(String)},
 * every managed grant is re-pointed to it, the old one is deleted, and the new one is renamed to
 * the declared name. An interrupted replacement is picked up by the next plan: a live issuer named
 * {@code replacementName(x)} belongs to declared issuer {@code x}.
 */
public final class AppPlanner {
  /** The suffix of a replacement issuer's name until the issuer it replaces is deleted. */
  public static final String REPLACEMENT_SUFFIX = ".replacement";

  private static final int MAX_ISSUER_NAME = 255;

  private final Matrix matrix;
  private final LiveApplications live;
  private final PrincipalLookup principals;

  private final List<AppChange> issuers = new ArrayList<>();
  private final List<AppChange> applications = new ArrayList<>();
  private final List<AppChange> grants = new ArrayList<>();
  private final List<AppChange> methods = new ArrayList<>();
  private final List<AppChange> scopes = new ArrayList<>();
  private final List<AppChange> settings = new ArrayList<>();
  private final List<AppChange> assignments = new ArrayList<>();
  private final List<AppChange> grantRemovals = new ArrayList<>();
  private final List<AppChange> scopeRemovals = new ArrayList<>();
  private final List<AppChange> assignmentRemovals = new ArrayList<>();
  private final List<AppChange> methodRemovals = new ArrayList<>();
  private final List<AppChange> applicationRemovals = new ArrayList<>();
  private final List<AppChange> issuerRemovals = new ArrayList<>();
  private final List<AppChange> issuerRenames = new ArrayList<>();
  private final List<AppDrift> drift = new ArrayList<>();
  private final List<Violation> errors = new ArrayList<>();

  /** Declared issuer name -> how grants name it (its live ARN, or its replacement's). */
  private final Map<String, ArnRef> issuerRefs = new HashMap<>();

  /** Declared application name -> its live ARN or its name (created by this plan). */
  private final Map<String, ArnRef> applicationRefs = new HashMap<>();

  private final Set<String> claimedIssuers = new HashSet<>();
  private final Set<String> claimedApplications = new HashSet<>();
  private final Map<String, String> issuerNamesByArn = new HashMap<>();
  private final Map<String, String> applicationNamesByArn = new HashMap<>();

  private AppPlanner(Matrix matrix, LiveApplications live, PrincipalLookup principals) {
    this.matrix = matrix;
    this.live = live;
    this.principals = principals;
  }

  public static AppPlan plan(Matrix matrix, LiveApplications live, PrincipalLookup principals) {
    return new AppPlanner(
            Objects.requireNonNull(matrix, "matrix"),
            Objects.requireNonNull(live, "live"),
            Objects.requireNonNull(principals, "principals"))
        .plan();
  }

  /** The temporary name of the issuer replacing {@code name} (at most 255 characters). */
  public static String replacementName(String name) {
    String base =
        name.length() + REPLACEMENT_SUFFIX.length() <= MAX_ISSUER_NAME
            ? name
            : name.substring(0, MAX_ISSUER_NAME - REPLACEMENT_SUFFIX.length());
    return base + REPLACEMENT_SUFFIX;
  }

  private AppPlan plan() {
    live.issuers().forEach(i -> issuerNamesByArn.put(i.arn(), i.name()));
    live.applications().forEach(a -> applicationNamesByArn.put(a.info().arn(), a.info().name()));
    planIssuers();
    planApplications();
    reportUnmanaged();
    List<AppChange> changes = new ArrayList<>();
    for (List<AppChange> phase :
        List.of(
            issuers,
            applications,
            grants,
            methods,
            scopes,
            settings,
            assignments,
            grantRemovals,
            scopeRemovals,
            assignmentRemovals,
            methodRemovals,
            applicationRemovals,
            issuerRemovals,
            issuerRenames)) {
      changes.addAll(phase);
    }
    errors.sort(Comparator.naturalOrder());
    return new AppPlan(changes, drift, errors);
  }

  // ---- issuers

  private void planIssuers() {
    Map<String, TrustedTokenIssuer> byName = new LinkedHashMap<>();
    live.issuers().forEach(i -> byName.putIfAbsent(i.name(), i));
    for (DeclaredTrustedTokenIssuer d : matrix.trustedTokenIssuers().values()) {
      String at = "declared at " + d.at();
      String tmp = replacementName(d.name());
      TrustedTokenIssuer current = byName.get(d.name());
      TrustedTokenIssuer replacement = byName.get(tmp);
      if (current != null) {
        claimedIssuers.add(current.arn());
      }
      if (replacement != null) {
        claimedIssuers.add(replacement.arn());
      }
      if (d.absent()) {
        if (current != null) {
          issuerRemovals.add(
              new DeleteIssuer(
                  ref(current), "trusted token issuer " + d.name() + " is absent: true, " + at));
        }
        if (replacement != null) {
          issuerRemovals.add(
              new DeleteIssuer(
                  ref(replacement),
                  "replacement of trusted token issuer "
                      + d.name()
                      + " left by an interrupted run, "
                      + d.name()
                      + " is absent: true, "
                      + at));
        }
        continue;
      }
      if (current == null && replacement == null) {
        issuers.add(createIssuer(d, at));
        issuerRefs.put(d.name(), ArnRef.byName(d.name()));
      } else if (current == null) {
        // An interrupted replacement deleted the old issuer but did not rename the new one.
        if (replacement.issuerUrl().equals(d.issuerUrl())) {
          issuers.add(
              new UpdateIssuer(
                  ref(replacement),
                  d.name(),
                  d.claimAttributePath(),
                  d.identityStoreAttributePath(),
                  "the replacement of trusted token issuer "
                      + d.name()
                      + " takes its name (an earlier run was interrupted), "
                      + at));
          issuerRefs.put(d.name(), ArnRef.known(replacement.arn(), d.name()));
        } else {
          issuers.add(createIssuer(d, at));
          issuerRefs.put(d.name(), ArnRef.byName(d.name()));
          issuerRemovals.add(staleReplacement(d, replacement, at));
        }
      } else if (current.issuerUrl().equals(d.issuerUrl())) {
        List<String> diffs = claimDiffs(d, current);
        if (!diffs.isEmpty()) {
          issuers.add(
              new UpdateIssuer(
                  ref(current),
                  d.name(),
                  d.claimAttributePath(),
                  d.identityStoreAttributePath(),
                  String.join("; ", diffs) + ", " + at));
        }
        issuerRefs.put(d.name(), ArnRef.known(current.arn(), d.name()));
        if (replacement != null) {
          issuerRemovals.add(
              new DeleteIssuer(
                  ref(replacement),
                  "unused replacement of trusted token issuer " + d.name() + ", " + at));
        }
      } else {
        String why =
            "issuer_url of "
                + d.name()
                + " changed from "
                + current.issuerUrl()
                + " to "
                + d.issuerUrl()
                + ", "
                + at;
        ArnRef next;
        if (replacement != null && replacement.issuerUrl().equals(d.issuerUrl())) {
          next = ArnRef.known(replacement.arn(), tmp);
        } else {
          if (replacement != null) {
            issuers.add(staleReplacement(d, replacement, at));
          }
          issuers.add(
              new CreateIssuer(
                  tmp,
                  d.issuerUrl(),
                  d.claimAttributePath(),
                  d.identityStoreAttributePath(),
                  why
                      + ": AWS cannot update it, a new issuer replaces it (named "
                      + tmp
                      + " until the old one is deleted)"));
          next = ArnRef.byName(tmp);
        }
        issuerRefs.put(d.name(), next);
        issuerRemovals.add(
            new DeleteIssuer(ref(current), why + ": the replaced issuer is deleted"));
        issuerRenames.add(
            new UpdateIssuer(
                next,
                d.name(),
                d.claimAttributePath(),
                d.identityStoreAttributePath(),
                why + ": the replacement takes the name " + d.name()));
      }
    }
  }

  private static List<String> claimDiffs(DeclaredTrustedTokenIssuer d, TrustedTokenIssuer live) {
    List<String> diffs = new ArrayList<>();
    if (!d.claimAttributePath().equals(live.claimAttributePath())) {
      diffs.add(
          "claim_attribute_path of "
              + d.name()
              + " changed from "
              + live.claimAttributePath()
              + " to "
              + d.claimAttributePath());
    }
    if (!d.identityStoreAttributePath().equals(live.identityStoreAttributePath())) {
      diffs.add(
          "identity_store_attribute_path of "
              + d.name()
              + " changed from "
              + live.identityStoreAttributePath()
              + " to "
              + d.identityStoreAttributePath());
    }
    return diffs;
  }

  private static ArnRef ref(TrustedTokenIssuer issuer) {
    return ArnRef.known(issuer.arn(), issuer.name());
  }

  private static ArnRef ref(ApplicationInfo info) {
    return ArnRef.known(info.arn(), info.name());
  }

  // ---- applications

  private void planApplications() {
    Map<String, LiveApplication> byName = new LinkedHashMap<>();
    // A customer-managed application wins over another provider's of the same name.
    live.applications().stream()
        .filter(a -> a.info().custom())
        .forEach(a -> byName.putIfAbsent(a.info().name(), a));
    Map<String, LiveApplication> foreign = new HashMap<>();
    live.applications().stream()
        .filter(a -> !a.info().custom())
        .forEach(a -> foreign.putIfAbsent(a.info().name(), a));
    for (DeclaredApplication d : matrix.applications().values()) {
      LiveApplication la = byName.get(d.name());
      if (la == null && foreign.containsKey(d.name())) {
        ApplicationInfo f = foreign.get(d.name()).info();
        errors.add(
            new Violation(
                d.at(),
                "applications." + d.name(),
                AppPlanKind.NOT_A_CUSTOM_APPLICATION.id(),
                "application '"
                    + d.name()
                    + "' is live with provider "
                    + f.providerArn()
                    + " (not customer-managed); the service never changes it",
                "rename the declared application, or remove it from the matrix"));
        continue;
      }
      if (la != null) {
        claimedApplications.add(la.info().arn());
      }
      if (!d.absent()) {
        applicationRefs.put(d.name(), la == null ? ArnRef.byName(d.name()) : ref(la.info()));
      }
    }
    for (DeclaredApplication d : matrix.applications().values()) {
      if (foreign.containsKey(d.name()) && !byName.containsKey(d.name())) {
        continue;
      }
      LiveApplication la = byName.get(d.name());
      String at = "declared at " + d.at();
      if (d.absent()) {
        if (la != null) {
          applicationRemovals.add(
              new DeleteApplication(
                  ref(la.info()), "application " + d.name() + " is absent: true, " + at));
        }
        continue;
      }
      planApplication(d, la, at);
    }
  }

  private void planApplication(DeclaredApplication d, LiveApplication la, String at) {
    ArnRef app = applicationRefs.get(d.name());
    String description = d.description().filter(s -> !s.isEmpty()).orElse(null);
    String status = d.status().name();
    if (la == null) {
      applications.add(
          new CreateApplication(
              d.name(), description, status, "application " + d.name() + " " + at + ", not live"));
    } else {
      List<String> diffs = new ArrayList<>();
      String liveDescription = la.info().description();
      if (liveDescription != null && liveDescription.isEmpty()) {
        liveDescription = null;
      }
      if (!Objects.equals(description, liveDescription)) {
        diffs.add("description of " + d.name() + " changed");
      }
      if (!status.equals(la.info().status())) {
        diffs.add(
            "status of " + d.name() + " changed from " + la.info().status() + " to " + status);
      }
      if (!diffs.isEmpty()) {
        applications.add(
            new UpdateApplication(app, description, status, String.join("; ", diffs) + ", " + at));
      }
    }
    planGrants(d, la, app, at);
    planActorPolicy(d, la, app, at);
    planScopes(d, la, app, at);
    boolean liveRequired = la == null || la.assignmentRequired();
    if (liveRequired != d.assignmentRequired()) {
      settings.add(
          new PutAssignmentRequired(
              app,
              d.assignmentRequired(),
              "assignment_required of "
                  + d.name()
                  + " is "
                  + liveRequired
                  + (la == null ? " for a new application" : " live")
                  + ", declared "
                  + d.assignmentRequired()
                  + ", "
                  + at));
    }
    planAssignments(d, la, app, at);
  }

  // ---- grants

  private void planGrants(DeclaredApplication d, LiveApplication la, ArnRef app, String at) {
    Map<GrantType, List<GrantIssuer>> desired = new EnumMap<>(GrantType.class);
    if (!d.jwtBearer().isEmpty()) {
      List<GrantIssuer> list = new ArrayList<>();
      for (DeclaredApplication.JwtBearerGrant g : d.jwtBearer()) {
        List<String> audiences =
            g.audiences().stream().map(LocatedValue::value).distinct().sorted().toList();
        list.add(new GrantIssuer(issuerRef(g.issuer().value()), audiences));
      }
      desired.put(GrantType.JWT_BEARER, list);
    }
    if (d.refreshToken()) {
      desired.put(GrantType.REFRESH_TOKEN, List.of());
    }
    if (d.tokenExchange()) {
      desired.put(GrantType.TOKEN_EXCHANGE, List.of());
    }
    Map<GrantType, ApplicationGrant> liveGrants = new EnumMap<>(GrantType.class);
    if (la != null) {
      la.grants().forEach(g -> liveGrants.put(g.type(), g));
    }
    for (Map.Entry<GrantType, List<GrantIssuer>> e : desired.entrySet()) {
      GrantType type = e.getKey();
      ApplicationGrant current = liveGrants.get(type);
      String field = grantField(type);
      if (current == null) {
        grants.add(
            new PutGrant(
                app,
                type,
                List.copyOf(e.getValue()),
                field + " grant of " + d.name() + " " + at + ", not live"));
      } else if (type == GrantType.JWT_BEARER) {
        List<String> diffs = jwtDiffs(d.name(), e.getValue(), current);
        if (!diffs.isEmpty()) {
          grants.add(
              new PutGrant(
                  app, type, List.copyOf(e.getValue()), String.join("; ", diffs) + ", " + at));
        }
      }
    }
    for (GrantType type : liveGrants.keySet()) {
      if (!desired.containsKey(type)) {
        grantRemovals.add(
            new DeleteGrant(
                app,
                type,
                "grant "
                    + type.awsName()
                    + " of "
                    + d.name()
                    + " is not declared (added outside the matrix), "
                    + at));
      }
    }
  }

  private static String grantField(GrantType type) {
    return switch (type) {
      case JWT_BEARER -> "jwt_bearer";
      case REFRESH_TOKEN -> "refresh_token";
      case TOKEN_EXCHANGE -> "token_exchange";
      case AUTHORIZATION_CODE -> "authorization_code";
    };
  }

  private ArnRef issuerRef(String reference) {
    if (DeclaredTrustedTokenIssuer.isArn(reference)) {
      return ArnRef.known(reference, issuerNamesByArn.getOrDefault(reference, reference));
    }
    return issuerRefs.getOrDefault(reference, ArnRef.byName(reference));
  }

  private List<String> jwtDiffs(String app, List<GrantIssuer> desired, ApplicationGrant current) {
    List<String> diffs = new ArrayList<>();
    Map<String, List<String>> liveByArn = new LinkedHashMap<>();
    current
        .issuers()
        .forEach(i -> liveByArn.put(i.issuerArn(), i.audiences().stream().sorted().toList()));
    Set<String> desiredArns = new HashSet<>();
    for (GrantIssuer g : desired) {
      if (!g.issuer().resolved()) {
        diffs.add(
            "jwt_bearer grant of "
                + app
                + " names issuer "
                + g.issuer().name()
                + ", created by this plan");
        continue;
      }
      desiredArns.add(g.issuer().arn());
      List<String> liveAudiences = liveByArn.get(g.issuer().arn());
      if (liveAudiences == null) {
        diffs.add(
            "jwt_bearer grant of " + app + " does not name issuer " + g.issuer().name() + " live");
      } else if (!liveAudiences.equals(g.audiences())) {
        diffs.add(
            "audiences of "
                + g.issuer().name()
                + " in the jwt_bearer grant of "
                + app
                + " changed from "
                + liveAudiences
                + " to "
                + g.audiences());
      }
    }
    for (String arn : liveByArn.keySet()) {
      if (!desiredArns.contains(arn)) {
        diffs.add(
            "jwt_bearer grant of "
                + app
                + " names issuer "
                + issuerNamesByArn.getOrDefault(arn, arn)
                + " outside the matrix");
      }
    }
    return diffs;
  }

  // ---- the IAM authentication method

  private void planActorPolicy(DeclaredApplication d, LiveApplication la, ArnRef app, String at) {
    Optional<String> current = la == null ? Optional.empty() : la.actorPolicy();
    if (d.callers().isEmpty()) {
      if (current.isPresent()) {
        methodRemovals.add(
            new DeleteActorPolicy(
                app,
                "IAM authentication method of "
                    + d.name()
                    + " is live but no callers are declared, "
                    + at));
      }
      return;
    }
    String desired =
        ActorPolicies.forCallers(d.callers().stream().map(LocatedValue::value).toList());
    if (current.isEmpty()) {
      methods.add(
          new PutActorPolicy(
              app, desired, "callers of " + d.name() + " " + at + ", no actor policy live"));
    } else if (!ActorPolicies.equivalent(desired, current.get())) {
      methods.add(
          new PutActorPolicy(
              app,
              desired,
              "actor policy of " + d.name() + " differs from the declared callers, " + at));
    }
  }

  // ---- scopes

  private void planScopes(DeclaredApplication d, LiveApplication la, ArnRef app, String at) {
    Map<String, AccessScope> liveScopes = new LinkedHashMap<>();
    if (la != null) {
      la.scopes().forEach(s -> liveScopes.put(s.scope(), s));
    }
    Set<String> declared = new HashSet<>();
    for (DeclaredApplication.AccessScope s : d.scopes()) {
      declared.add(s.name());
      List<ArnRef> targets =
          s.targets().stream().map(t -> applicationRef(t.value())).distinct().toList();
      AccessScope current = liveScopes.get(s.name());
      String where = "declared at " + s.scope().at();
      if (current == null) {
        scopes.add(
            new PutScope(
                app,
                s.name(),
                List.copyOf(targets),
                "scope " + s.name() + " of " + d.name() + " " + where + ", not live"));
        continue;
      }
      boolean unresolved = targets.stream().anyMatch(t -> !t.resolved());
      Set<String> want = new TreeSet<>();
      targets.stream().filter(ArnRef::resolved).forEach(t -> want.add(t.arn()));
      Set<String> have = new TreeSet<>(current.targets());
      if (unresolved || !want.equals(have)) {
        scopes.add(
            new PutScope(
                app,
                s.name(),
                List.copyOf(targets),
                "targets of scope "
                    + s.name()
                    + " of "
                    + d.name()
                    + " changed from "
                    + names(have)
                    + " to "
                    + targets.stream().map(ArnRef::name).sorted().toList()
                    + ", "
                    + where));
      }
    }
    for (String scope : liveScopes.keySet()) {
      if (!declared.contains(scope)) {
        scopeRemovals.add(
            new DeleteScope(
                app,
                scope,
                "scope " + scope + " of " + d.name() + " added outside the matrix, " + at));
      }
    }
  }

  private DeleteIssuer staleReplacement(
      DeclaredTrustedTokenIssuer d, TrustedTokenIssuer replacement, String at) {
    return new DeleteIssuer(
        ref(replacement),
        "stale replacement of trusted token issuer "
            + d.name()
            + " (issuer_url "
            + replacement.issuerUrl()
            + "), "
            + at);
  }

  private static CreateIssuer createIssuer(DeclaredTrustedTokenIssuer d, String at) {
    return new CreateIssuer(
        d.name(),
        d.issuerUrl(),
        d.claimAttributePath(),
        d.identityStoreAttributePath(),
        "trusted token issuer " + d.name() + " " + at + ", not live");
  }

  private ArnRef applicationRef(String reference) {
    if (DeclaredApplication.isArn(reference)) {
      return ArnRef.known(reference, applicationNamesByArn.getOrDefault(reference, reference));
    }
    return applicationRefs.getOrDefault(reference, ArnRef.byName(reference));
  }

  private List<String> names(Set<String> arns) {
    return arns.stream().map(a -> applicationNamesByArn.getOrDefault(a, a)).sorted().toList();
  }

  // ---- assignments

  /** Adds the principal's assignment to {@code desired}, or an error when it does not exist. */
  private void principal(
      LocatedValue name,
      PrincipalType type,
      Optional<String> id,
      Map<ApplicationAssignment, String> desired) {
    if (id.isPresent()) {
      desired.putIfAbsent(new ApplicationAssignment(type, id.get()), name.value());
      return;
    }
    boolean group = type == PrincipalType.GROUP;
    errors.add(
        new Violation(
            name.at(),
            name.field(),
            (group ? AppPlanKind.UNKNOWN_GROUP : AppPlanKind.UNKNOWN_USER).id(),
            "the identity store has no " + (group ? "group" : "user") + " '" + name.value() + "'",
            group
                ? "check the group's display name in the identity source (SCIM may not have synced"
                    + " it yet)"
                : "check the user name in the identity source"));
  }

  private void planAssignments(DeclaredApplication d, LiveApplication la, ArnRef app, String at) {
    Map<ApplicationAssignment, String> desired = new LinkedHashMap<>();
    for (LocatedValue g : d.groups()) {
      principal(g, PrincipalType.GROUP, principals.groupId(g.value()), desired);
    }
    for (LocatedValue u : d.users()) {
      principal(u, PrincipalType.USER, principals.userId(u.value()), desired);
    }
    Set<ApplicationAssignment> current = la == null ? Set.of() : new HashSet<>(la.assignments());
    desired.forEach(
        (a, name) -> {
          if (!current.contains(a)) {
            assignments.add(
                new CreateAssignment(
                    app,
                    a.principalType(),
                    a.principalId(),
                    name,
                    a.principalType().name().toLowerCase(java.util.Locale.ROOT)
                        + " "
                        + name
                        + " assigned to "
                        + d.name()
                        + " "
                        + at
                        + ", not live"));
          }
        });
    if (la != null) {
      for (ApplicationAssignment a : la.assignments()) {
        if (!desired.containsKey(a)) {
          assignmentRemovals.add(
              new DeleteAssignment(
                  app,
                  a.principalType(),
                  a.principalId(),
                  a.principalType().name().toLowerCase(java.util.Locale.ROOT)
                      + " "
                      + a.principalId()
                      + " assigned to "
                      + d.name()
                      + " outside the matrix, "
                      + at));
        }
      }
    }
  }

  // ---- what is left alone

  private void reportUnmanaged() {
    for (TrustedTokenIssuer i : live.issuers()) {
      if (!claimedIssuers.contains(i.arn())) {
        drift.add(
            new AppDrift(
                AppDrift.Kind.UNMANAGED_TRUSTED_TOKEN_ISSUER,
                i.name(),
                i.arn(),
                "trusted token issuer "
                    + i.name()
                    + " is not declared in the matrix; it is left alone"));
      }
    }
    for (LiveApplication a : live.applications()) {
      ApplicationInfo info = a.info();
      if (!claimedApplications.contains(info.arn())) {
        drift.add(
            new AppDrift(
                AppDrift.Kind.UNMANAGED_APPLICATION,
                info.name(),
                info.arn(),
                info.custom()
                    ? "application "
                        + info.name()
                        + " is not declared in the matrix; it is left"
                        + " alone"
                    : "application "
                        + info.name()
                        + " belongs to provider "
                        + info.providerArn()
                        + "; the service never changes it"));
      }
    }
  }
}
