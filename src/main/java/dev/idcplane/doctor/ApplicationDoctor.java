package dev.idcplane.doctor;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.identitycenter.apps.ApplicationGrant;
import dev.idcplane.identitycenter.apps.GrantType;
import dev.idcplane.identitycenter.apps.LiveApplications;
import dev.idcplane.identitycenter.apps.LiveApplications.LiveApplication;
import dev.idcplane.identitycenter.apps.TrustedTokenIssuer;
import dev.idcplane.matrix.DeclaredApplication;
import dev.idcplane.matrix.DeclaredTrustedTokenIssuer;
import dev.idcplane.matrix.LocatedValue;
import dev.idcplane.matrix.Matrix;
import dev.idcplane.plan.apps.AppPlan;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.stream.StreamSupport;

/**
 * Diagnoses one declared application against the live instance, read-only: does its live
 * configuration equal the declaration (a plan of the matrix would change nothing on it), is the
 * issuer's discovery document reachable and consistent, does the grant name the issuer and
 * audiences, does the actor policy name the callers with {@code sso-oauth:}, can users use it
 * (assignment required with no assignees is a bare AccessDenied), is the scope count within the
 * quota, and (given a claim) does the identity store find exactly one user for it.
 */
public final class ApplicationDoctor {
  static final int SCOPE_QUOTA = 25;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final IssuerDiscovery discovery;

  /** Finds a user id by (identity store attribute path, value); empty when there is none. */
  private final BiFunction<String, String, Optional<String>> userByAttribute;

  public ApplicationDoctor(
      IssuerDiscovery discovery, BiFunction<String, String, Optional<String>> userByAttribute) {
    this.discovery = discovery;
    this.userByAttribute = userByAttribute;
  }

  /**
   * The checks of {@code app}; {@code plan} is the plan of the matrix's applications against {@code
   * live}, {@code claim} a user's claim value to look up, if given.
   */
  public List<DoctorCheck> examine(
      DeclaredApplication app,
      Matrix matrix,
      LiveApplications live,
      AppPlan plan,
      Optional<String> claim) {
    List<DoctorCheck> checks = new ArrayList<>();
    Optional<LiveApplication> found =
        live.applications().stream()
            .filter(a -> a.info().custom() && a.info().name().equals(app.name()))
            .findFirst();
    if (found.isEmpty()) {
      checks.add(DoctorCheck.missing(app));
      return checks;
    }
    LiveApplication a = found.get();
    checks.add(DoctorCheck.pass("exists", "The application exists", a.info().arn()));
    checks.add(configuration(app, plan));
    for (DeclaredApplication.JwtBearerGrant g : app.jwtBearer()) {
      Optional<TrustedTokenIssuer> issuer = liveIssuer(g.issuer().value(), live);
      checks.add(discovery(g, issuer, matrix));
      checks.add(grant(g, issuer, a));
      checks.add(claim(g, issuer, matrix, claim));
    }
    checks.add(actorPolicy(app, a));
    checks.add(assignments(a));
    checks.add(scopes(a));
    return checks;
  }

  /** The changes {@code plan} (of the matrix) would make to this application or its issuers. */
  private static DoctorCheck configuration(DeclaredApplication app, AppPlan plan) {
    List<String> prefixes = new ArrayList<>(List.of("application/" + app.name() + "/"));
    app.jwtBearer().forEach(g -> prefixes.add("issuer/" + g.issuer().value() + "/"));
    List<String> errors =
        plan.errors().stream()
            .filter(v -> v.location().equals(app.at()) || v.field().contains(app.name()))
            .map(Object::toString)
            .toList();
    return ConfigurationCheck.of(plan, prefixes, errors);
  }

  private static Optional<TrustedTokenIssuer> liveIssuer(String reference, LiveApplications live) {
    return live.issuers().stream()
        .filter(t -> reference.equals(t.arn()) || reference.equals(t.name()))
        .findFirst();
  }

  private DoctorCheck discovery(
      DeclaredApplication.JwtBearerGrant g, Optional<TrustedTokenIssuer> issuer, Matrix matrix) {
    String id = "issuer_discovery:" + g.issuer().value();
    String title = "The issuer's discovery document and keys are served over HTTPS";
    Optional<String> url =
        Optional.ofNullable(matrix.trustedTokenIssuers().get(g.issuer().value()))
            .map(DeclaredTrustedTokenIssuer::issuerUrl)
            .or(() -> issuer.map(TrustedTokenIssuer::issuerUrl));
    if (url.isEmpty()) {
      return DoctorCheck.fail(
          id, title, "no issuer " + g.issuer().value() + " is declared or live", "declare it");
    }
    IssuerDiscovery.Found f = discovery.check(url.get());
    return f.ok()
        ? DoctorCheck.pass(id, title, url.get() + ": " + f.keys() + " key(s) at " + f.jwksUri())
        : DoctorCheck.fail(
            id,
            title,
            f.problem(),
            "serve /.well-known/openid-configuration at the issuer URL over HTTPS, with issuer"
                + " equal to the URL and a jwks_uri holding the signing keys");
  }

  private static DoctorCheck grant(
      DeclaredApplication.JwtBearerGrant g,
      Optional<TrustedTokenIssuer> issuer,
      LiveApplication a) {
    String id = "grant:" + g.issuer().value();
    String title = "The jwt-bearer grant names the issuer and its audiences";
    if (issuer.isEmpty()) {
      return DoctorCheck.fail(
          id, title, "the issuer " + g.issuer().value() + " does not exist", "apply the matrix");
    }
    Optional<ApplicationGrant.AuthorizedIssuer> authorized =
        a.grants().stream()
            .filter(x -> x.type() == GrantType.JWT_BEARER)
            .flatMap(x -> x.issuers().stream())
            .filter(i -> i.issuerArn().equals(issuer.get().arn()))
            .findFirst();
    if (authorized.isEmpty()) {
      return DoctorCheck.fail(
          id,
          title,
          "no jwt-bearer grant names " + issuer.get().arn(),
          "apply the matrix: tokens of this issuer are refused");
    }
    TreeSet<String> missing =
        new TreeSet<>(g.audiences().stream().map(LocatedValue::value).toList());
    missing.removeAll(authorized.get().audiences());
    return missing.isEmpty()
        ? DoctorCheck.pass(id, title, "audiences " + authorized.get().audiences())
        : DoctorCheck.fail(
            id,
            title,
            "the grant does not accept audience(s) " + missing,
            "apply the matrix: tokens with that aud are refused");
  }

  private DoctorCheck claim(
      DeclaredApplication.JwtBearerGrant g,
      Optional<TrustedTokenIssuer> issuer,
      Matrix matrix,
      Optional<String> claim) {
    String id = "claim_lookup:" + g.issuer().value();
    String title = "The identity store finds exactly one user for the claim";
    if (claim.isEmpty()) {
      return DoctorCheck.warn(
          id, title, "not checked: no claim given", "add ?claim=<a user's claim value>");
    }
    Optional<String> path =
        Optional.ofNullable(matrix.trustedTokenIssuers().get(g.issuer().value()))
            .map(DeclaredTrustedTokenIssuer::identityStoreAttributePath)
            .or(() -> issuer.map(TrustedTokenIssuer::identityStoreAttributePath));
    if (path.isEmpty()) {
      return DoctorCheck.fail(id, title, "the issuer is unknown", "declare it");
    }
    try {
      return userByAttribute
          .apply(path.get(), claim.get())
          .map(u -> DoctorCheck.pass(id, title, path.get() + " = " + claim.get() + ": user " + u))
          .orElseGet(
              () ->
                  DoctorCheck.fail(
                      id,
                      title,
                      "no user has " + path.get() + " = " + claim.get(),
                      "create the user, or map the claim to an attribute users have"));
    } catch (RuntimeException e) {
      return DoctorCheck.warn(
          id,
          title,
          "the identity store cannot be searched by " + path.get() + ": " + e.getMessage(),
          "GetUserId searches userName and emails.value only");
    }
  }

  private static DoctorCheck actorPolicy(DeclaredApplication app, LiveApplication a) {
    String id = "actor_policy";
    String title = "The actor policy lets the callers call sso-oauth:CreateTokenWithIAM";
    if (a.actorPolicy().isEmpty()) {
      return app.callers().isEmpty()
          ? DoctorCheck.warn(
              id,
              title,
              "no IAM authentication method: nobody may exchange tokens",
              "declare callers")
          : DoctorCheck.fail(id, title, "no IAM authentication method", "apply the matrix");
    }
    JsonNode policy;
    try {
      policy = JSON.readTree(a.actorPolicy().get());
    } catch (Exception e) {
      return DoctorCheck.fail(id, title, "the actor policy is not JSON", "apply the matrix");
    }
    List<String> actions = new ArrayList<>();
    List<String> principals = new ArrayList<>();
    for (JsonNode st : iterable(policy.path("Statement"))) {
      if (!"Allow".equals(st.path("Effect").asText())) {
        continue;
      }
      iterable(st.path("Action")).forEach(x -> actions.add(x.asText()));
      iterable(st.path("Principal").path("AWS")).forEach(x -> principals.add(x.asText()));
    }
    if (actions.stream().anyMatch(x -> x.startsWith("sso:"))) {
      return DoctorCheck.fail(
          id,
          title,
          "the policy allows " + actions + ": the action is sso-oauth:CreateTokenWithIAM, not sso:",
          "apply the matrix");
    }
    if (!actions.contains("sso-oauth:CreateTokenWithIAM")) {
      return DoctorCheck.fail(
          id, title, "the policy does not allow sso-oauth:CreateTokenWithIAM", "apply the matrix");
    }
    TreeSet<String> missing =
        new TreeSet<>(app.callers().stream().map(LocatedValue::value).toList());
    missing.removeAll(principals);
    return missing.isEmpty()
        ? DoctorCheck.pass(id, title, "callers " + principals)
        : DoctorCheck.fail(id, title, "the policy does not name " + missing, "apply the matrix");
  }

  private static DoctorCheck assignments(LiveApplication a) {
    String id = "assignments";
    String title = "Users can reach the application";
    if (a.assignmentRequired() && a.assignments().isEmpty()) {
      return DoctorCheck.fail(
          id,
          title,
          "assignment is required and nobody is assigned: every user gets a bare AccessDenied",
          "assign groups or users, or set assignment_required: false");
    }
    return DoctorCheck.pass(
        id,
        title,
        a.assignmentRequired()
            ? a.assignments().size() + " assignment(s)"
            : "assignment not required");
  }

  private static DoctorCheck scopes(LiveApplication a) {
    String id = "scope_quota";
    String title = "Scopes are within the quota of " + SCOPE_QUOTA;
    int n = a.scopes().size();
    return n <= SCOPE_QUOTA
        ? DoctorCheck.pass(id, title, n + " scope(s)")
        : DoctorCheck.fail(id, title, n + " scopes", "remove scopes down to " + SCOPE_QUOTA);
  }

  private static Iterable<JsonNode> iterable(JsonNode n) {
    if (n.isMissingNode() || n.isNull()) {
      return List.of();
    }
    return n.isArray() ? () -> StreamSupport.stream(n.spliterator(), false).iterator() : List.of(n);
  }
}
