package dev.idcplane.identitycenter.sandbox;

import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.IdentityCenterException.Kind;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.apps.AccessScope;
import dev.idcplane.identitycenter.apps.ApplicationAssignment;
import dev.idcplane.identitycenter.apps.ApplicationGrant;
import dev.idcplane.identitycenter.apps.ApplicationInfo;
import dev.idcplane.identitycenter.apps.Applications;
import dev.idcplane.identitycenter.apps.GrantType;
import dev.idcplane.identitycenter.apps.TrustedTokenIssuer;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * The sandbox's trusted token issuers and applications of its one instance, in memory, with the
 * rules of AWS's sso-admin API reference and botocore's model: OIDC_JWT issuers (at most 10 per
 * instance, an https issuer URL, claim paths in the model's patterns, the URL not updatable);
 * customer-managed applications only (provider custom; AWS-managed ones can be seeded and are
 * listed); grants (a jwt-bearer grant names 1-10 existing issuers with 1-10 audiences each); scopes
 * (the model's pattern, at most 25 per application); {@code AssignmentRequired} true for a new
 * application; assignments of principals the identity store has. Deleting an application deletes
 * what hangs off it; deleting a grant, authentication method, scope or assignment that is not there
 * succeeds (botocore's model marks those deletes idempotent). Where the API reference is silent it
 * assumes what the moto launcher assumes (deploy/moto/application_patches.py, ASSUMED): issuer and
 * application names need not be unique, and scope targets are not checked for existence.
 * Thread-safe.
 */
public final class SandboxApplications implements Applications {
  static final int MAX_ISSUERS = 10;
  static final int MAX_SCOPES = 25;
  static final int MAX_GRANT_ISSUERS = 10;
  static final int MAX_AUDIENCES = 10;
  private static final Pattern ISSUER_NAME = Pattern.compile("[\\w+=,.@-]{1,255}");
  private static final Pattern ISSUER_URL =
      Pattern.compile("https://[-a-zA-Z0-9+&@/%=~_|!:,.;]*[-a-zA-Z0-9+&@/%=~_|]");
  private static final Pattern CLAIM_PATH = Pattern.compile("\\p{L}+(?:(\\.|_)\\p{L}+){0,2}");
  private static final Pattern STORE_PATH = Pattern.compile("\\p{L}+(?:\\.\\p{L}+){0,2}");
  private static final Pattern SCOPE =
      Pattern.compile("[A-Za-z0-9_]{1,50}(:[A-Za-z0-9_]{1,50}){0,2}");

  private final String accountId;
  private final String instanceArn;
  private final String instanceId;
  private final BiPredicate<PrincipalType, String> principalExists;
  private final Map<String, TrustedTokenIssuer> issuers = new LinkedHashMap<>();
  private final Map<String, App> apps = new LinkedHashMap<>();

  /** What hangs off one application. */
  private static final class App {
    ApplicationInfo info;
    final Map<GrantType, ApplicationGrant> grants = new EnumMap<>(GrantType.class);
    String actorPolicy;
    final Map<String, AccessScope> scopes = new LinkedHashMap<>();
    boolean assignmentRequired = true;
    final Set<ApplicationAssignment> assignments = new LinkedHashSet<>();

    App(ApplicationInfo info) {
      this.info = info;
    }
  }

  /**
   * The issuers and applications of {@code instanceArn}, owned by {@code accountId}; {@code
   * principalExists} answers whether the instance's identity store has a principal.
   */
  public SandboxApplications(
      String accountId, String instanceArn, BiPredicate<PrincipalType, String> principalExists) {
    this.accountId = accountId;
    this.instanceArn = instanceArn;
    this.instanceId = instanceArn.substring(instanceArn.lastIndexOf('/') + 1);
    this.principalExists = principalExists;
  }

  // ---- trusted token issuers

  @Override
  public synchronized List<TrustedTokenIssuer> listTrustedTokenIssuers(String instance) {
    instance("ListTrustedTokenIssuers", instance);
    return List.copyOf(issuers.values());
  }

  @Override
  public synchronized String createTrustedTokenIssuer(String instance, TrustedTokenIssuer t) {
    String op = "CreateTrustedTokenIssuer";
    instance(op, instance);
    check(op, ISSUER_NAME.matcher(t.name()).matches(), "Name must match [\\w+=,.@-]+");
    check(
        op,
        ISSUER_URL.matcher(t.issuerUrl()).matches() && t.issuerUrl().length() <= 512,
        "IssuerUrl must be an https URL");
    claimPaths(op, t.claimAttributePath(), t.identityStoreAttributePath());
    if (issuers.size() >= MAX_ISSUERS) {
      throw new IdentityCenterException(
          Kind.VALIDATION,
          op,
          "ServiceQuotaExceededException: an instance has at most "
              + MAX_ISSUERS
              + " trusted token issuers");
    }
    String arn =
        "arn:aws:sso::"
            + accountId
            + ":trustedTokenIssuer/"
            + instanceId
            + "/tti-"
            + UUID.randomUUID();
    issuers.put(arn, t.withArn(arn));
    return arn;
  }

  @Override
  public synchronized void updateTrustedTokenIssuer(
      String issuerArn, String name, String claimAttributePath, String identityStoreAttributePath) {
    String op = "UpdateTrustedTokenIssuer";
    TrustedTokenIssuer t = issuer(op, issuerArn);
    check(op, ISSUER_NAME.matcher(name).matches(), "Name must match [\\w+=,.@-]+");
    claimPaths(op, claimAttributePath, identityStoreAttributePath);
    issuers.put(
        issuerArn,
        new TrustedTokenIssuer(
            issuerArn, name, t.issuerUrl(), claimAttributePath, identityStoreAttributePath));
  }

  @Override
  public synchronized void deleteTrustedTokenIssuer(String issuerArn) {
    issuer("DeleteTrustedTokenIssuer", issuerArn);
    issuers.remove(issuerArn);
  }

  // ---- applications

  @Override
  public synchronized List<ApplicationInfo> listApplications(String instance) {
    instance("ListApplications", instance);
    return apps.values().stream().map(a -> a.info).toList();
  }

  @Override
  public synchronized String createApplication(
      String instance, String name, String description, String status) {
    return add(
        "CreateApplication", instance, name, ApplicationInfo.CUSTOM_PROVIDER, description, status);
  }

  /**
   * Seeds an application of another provider (an AWS-managed one), as AWS creates them when a
   * service is connected; the API cannot create those.
   */
  public synchronized String seedApplication(String name, String providerArn) {
    return add("SeedApplication", instanceArn, name, providerArn, null, ApplicationInfo.ENABLED);
  }

  private String add(
      String op, String instance, String name, String provider, String description, String status) {
    instance(op, instance);
    check(op, !name.isEmpty() && name.length() <= 100, "Name must be 1-100 characters");
    description(op, description);
    status(op, status);
    String arn =
        "arn:aws:sso::"
            + accountId
            + ":application/"
            + instanceId
            + "/apl-"
            + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    apps.put(arn, new App(new ApplicationInfo(arn, name, provider, description, status)));
    return arn;
  }

  @Override
  public synchronized void updateApplication(
      String applicationArn, String description, String status) {
    String op = "UpdateApplication";
    App a = app(op, applicationArn);
    description(op, description);
    status(op, status);
    ApplicationInfo i = a.info;
    a.info = new ApplicationInfo(i.arn(), i.name(), i.providerArn(), description, status);
  }

  @Override
  public synchronized void deleteApplication(String applicationArn) {
    app("DeleteApplication", applicationArn);
    apps.remove(applicationArn);
  }

  @Override
  public synchronized List<ApplicationGrant> listGrants(String applicationArn) {
    return List.copyOf(app("ListApplicationGrants", applicationArn).grants.values());
  }

  @Override
  public synchronized void putGrant(String applicationArn, ApplicationGrant grant) {
    String op = "PutApplicationGrant";
    App a = app(op, applicationArn);
    if (grant.type() == GrantType.JWT_BEARER) {
      int n = grant.issuers().size();
      check(op, n >= 1 && n <= MAX_GRANT_ISSUERS, "AuthorizedTokenIssuers must have 1-10 members");
      for (ApplicationGrant.AuthorizedIssuer i : grant.issuers()) {
        int audiences = i.audiences().size();
        check(
            op,
            audiences >= 1 && audiences <= MAX_AUDIENCES,
            "AuthorizedAudiences must have 1-10 members");
        if (!issuers.containsKey(i.issuerArn())) {
          throw new IdentityCenterException(
              Kind.NOT_FOUND,
              op,
              "ResourceNotFoundException: no trusted token issuer " + i.issuerArn());
        }
      }
    }
    a.grants.put(grant.type(), grant);
  }

  @Override
  public synchronized void deleteGrant(String applicationArn, GrantType type) {
    String op = "DeleteApplicationGrant";
    app(op, applicationArn).grants.remove(type);
  }

  @Override
  public synchronized Optional<String> getActorPolicy(String applicationArn) {
    return Optional.ofNullable(
        app("ListApplicationAuthenticationMethods", applicationArn).actorPolicy);
  }

  @Override
  public synchronized void putActorPolicy(String applicationArn, String policyJson) {
    app("PutApplicationAuthenticationMethod", applicationArn).actorPolicy = policyJson;
  }

  @Override
  public synchronized void deleteActorPolicy(String applicationArn) {
    String op = "DeleteApplicationAuthenticationMethod";
    app(op, applicationArn).actorPolicy = null;
  }

  @Override
  public synchronized List<AccessScope> listAccessScopes(String applicationArn) {
    return List.copyOf(app("ListApplicationAccessScopes", applicationArn).scopes.values());
  }

  @Override
  public synchronized void putAccessScope(String applicationArn, AccessScope scope) {
    String op = "PutApplicationAccessScope";
    App a = app(op, applicationArn);
    check(op, SCOPE.matcher(scope.scope()).matches(), "Scope must match seg(:seg){0,2}");
    check(op, scope.targets().size() <= 10, "AuthorizedTargets must have at most 10 members");
    if (!a.scopes.containsKey(scope.scope()) && a.scopes.size() >= MAX_SCOPES) {
      throw new IdentityCenterException(
          Kind.VALIDATION,
          op,
          "ServiceQuotaExceededException: an application has at most " + MAX_SCOPES + " scopes");
    }
    a.scopes.put(scope.scope(), scope);
  }

  @Override
  public synchronized void deleteAccessScope(String applicationArn, String scope) {
    String op = "DeleteApplicationAccessScope";
    app(op, applicationArn).scopes.remove(scope);
  }

  @Override
  public synchronized boolean assignmentRequired(String applicationArn) {
    return app("GetApplicationAssignmentConfiguration", applicationArn).assignmentRequired;
  }

  @Override
  public synchronized void putAssignmentRequired(String applicationArn, boolean required) {
    app("PutApplicationAssignmentConfiguration", applicationArn).assignmentRequired = required;
  }

  @Override
  public synchronized List<ApplicationAssignment> listAssignments(String applicationArn) {
    return new ArrayList<>(app("ListApplicationAssignments", applicationArn).assignments);
  }

  @Override
  public synchronized void createAssignment(String applicationArn, ApplicationAssignment a) {
    String op = "CreateApplicationAssignment";
    App app = app(op, applicationArn);
    if (!principalExists.test(a.principalType(), a.principalId())) {
      throw notFound(
          op, "no " + a.principalType() + " " + a.principalId() + " in the identity store");
    }
    if (!app.assignments.add(a)) {
      throw new IdentityCenterException(
          Kind.CONFLICT, op, "ConflictException: " + a.principalId() + " is already assigned");
    }
  }

  @Override
  public synchronized void deleteAssignment(String applicationArn, ApplicationAssignment a) {
    String op = "DeleteApplicationAssignment";
    app(op, applicationArn).assignments.remove(a);
  }

  // ---- rules

  private void instance(String op, String instance) {
    if (!instanceArn.equals(instance)) {
      throw notFound(op, "no instance " + instance);
    }
  }

  private TrustedTokenIssuer issuer(String op, String arn) {
    TrustedTokenIssuer t = issuers.get(arn);
    if (t == null) {
      throw notFound(op, "no trusted token issuer " + arn);
    }
    return t;
  }

  private App app(String op, String arn) {
    App a = apps.get(arn);
    if (a == null) {
      throw notFound(op, "no application " + arn);
    }
    return a;
  }

  private static void claimPaths(String op, String claim, String store) {
    check(
        op,
        claim.length() <= 255 && CLAIM_PATH.matcher(claim).matches(),
        "ClaimAttributePath must match \\p{L}+(?:(\\.|\\_)\\p{L}+){0,2}");
    check(
        op,
        store.length() <= 255 && STORE_PATH.matcher(store).matches(),
        "IdentityStoreAttributePath must match \\p{L}+(?:\\.\\p{L}+){0,2}");
  }

  private static void description(String op, String description) {
    check(
        op,
        description == null || (!description.isEmpty() && description.length() <= 128),
        "Description must be 1-128 characters");
  }

  private static void status(String op, String status) {
    check(
        op,
        ApplicationInfo.ENABLED.equals(status) || ApplicationInfo.DISABLED.equals(status),
        "Status must be ENABLED or DISABLED");
  }

  private static void check(String op, boolean ok, String rule) {
    if (!ok) {
      throw new IdentityCenterException(Kind.VALIDATION, op, "ValidationException: " + rule);
    }
  }

  private static IdentityCenterException notFound(String op, String what) {
    return new IdentityCenterException(Kind.NOT_FOUND, op, "ResourceNotFoundException: " + what);
  }
}
