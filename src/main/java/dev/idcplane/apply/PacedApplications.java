package dev.idcplane.apply;

import static dev.idcplane.identitycenter.ApiService.SSO_ADMIN;

import dev.idcplane.identitycenter.RequestPacer;
import dev.idcplane.identitycenter.apps.AccessScope;
import dev.idcplane.identitycenter.apps.ApplicationAssignment;
import dev.idcplane.identitycenter.apps.ApplicationGrant;
import dev.idcplane.identitycenter.apps.ApplicationInfo;
import dev.idcplane.identitycenter.apps.Applications;
import dev.idcplane.identitycenter.apps.GrantType;
import dev.idcplane.identitycenter.apps.TrustedTokenIssuer;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.random.RandomGenerator;

/**
 * The {@link Applications} plans, drift scans and the doctor read through: every call takes a token
 * from the shared sso-admin budget (these calls share the instance's request quota with assignments
 * and permission sets), throttled reads are retried, writes are sent once. Apply does not use it:
 * its call gate paces and retries its own calls.
 */
public final class PacedApplications implements Applications {
  private final Applications delegate;
  private final PacedCalls calls;

  public PacedApplications(
      Applications delegate,
      RequestPacer pacer,
      ReadRetry retry,
      Clock clock,
      Sleeper sleeper,
      RandomGenerator random) {
    this.delegate = delegate;
    this.calls = new PacedCalls(pacer, retry, clock, sleeper, random);
  }

  @Override
  public List<TrustedTokenIssuer> listTrustedTokenIssuers(String instanceArn) {
    return calls.read(
        SSO_ADMIN, "ListTrustedTokenIssuers", () -> delegate.listTrustedTokenIssuers(instanceArn));
  }

  @Override
  public String createTrustedTokenIssuer(String instanceArn, TrustedTokenIssuer issuer) {
    return calls.once(
        "CreateTrustedTokenIssuer", () -> delegate.createTrustedTokenIssuer(instanceArn, issuer));
  }

  @Override
  public void updateTrustedTokenIssuer(
      String issuerArn, String name, String claimAttributePath, String identityStoreAttributePath) {
    calls.once(
        "UpdateTrustedTokenIssuer",
        () ->
            delegate.updateTrustedTokenIssuer(
                issuerArn, name, claimAttributePath, identityStoreAttributePath));
  }

  @Override
  public void deleteTrustedTokenIssuer(String issuerArn) {
    calls.once("DeleteTrustedTokenIssuer", () -> delegate.deleteTrustedTokenIssuer(issuerArn));
  }

  @Override
  public List<ApplicationInfo> listApplications(String instanceArn) {
    return calls.read(SSO_ADMIN, "ListApplications", () -> delegate.listApplications(instanceArn));
  }

  @Override
  public String createApplication(
      String instanceArn, String name, String description, String status) {
    return calls.once(
        "CreateApplication",
        () -> delegate.createApplication(instanceArn, name, description, status));
  }

  @Override
  public void updateApplication(String applicationArn, String description, String status) {
    calls.once(
        "UpdateApplication", () -> delegate.updateApplication(applicationArn, description, status));
  }

  @Override
  public void deleteApplication(String applicationArn) {
    calls.once("DeleteApplication", () -> delegate.deleteApplication(applicationArn));
  }

  @Override
  public List<ApplicationGrant> listGrants(String applicationArn) {
    return calls.read(
        SSO_ADMIN, "ListApplicationGrants", () -> delegate.listGrants(applicationArn));
  }

  @Override
  public void putGrant(String applicationArn, ApplicationGrant grant) {
    calls.once("PutApplicationGrant", () -> delegate.putGrant(applicationArn, grant));
  }

  @Override
  public void deleteGrant(String applicationArn, GrantType type) {
    calls.once("DeleteApplicationGrant", () -> delegate.deleteGrant(applicationArn, type));
  }

  @Override
  public Optional<String> getActorPolicy(String applicationArn) {
    return calls.read(
        SSO_ADMIN,
        "GetApplicationAuthenticationMethod",
        () -> delegate.getActorPolicy(applicationArn));
  }

  @Override
  public void putActorPolicy(String applicationArn, String policyJson) {
    calls.once(
        "PutApplicationAuthenticationMethod",
        () -> delegate.putActorPolicy(applicationArn, policyJson));
  }

  @Override
  public void deleteActorPolicy(String applicationArn) {
    calls.once(
        "DeleteApplicationAuthenticationMethod", () -> delegate.deleteActorPolicy(applicationArn));
  }

  @Override
  public List<AccessScope> listAccessScopes(String applicationArn) {
    return calls.read(
        SSO_ADMIN, "ListApplicationAccessScopes", () -> delegate.listAccessScopes(applicationArn));
  }

  @Override
  public void putAccessScope(String applicationArn, AccessScope scope) {
    calls.once("PutApplicationAccessScope", () -> delegate.putAccessScope(applicationArn, scope));
  }

  @Override
  public void deleteAccessScope(String applicationArn, String scope) {
    calls.once(
        "DeleteApplicationAccessScope", () -> delegate.deleteAccessScope(applicationArn, scope));
  }

  @Override
  public boolean assignmentRequired(String applicationArn) {
    return calls.read(
        SSO_ADMIN,
        "GetApplicationAssignmentConfiguration",
        () -> delegate.assignmentRequired(applicationArn));
  }

  @Override
  public void putAssignmentRequired(String applicationArn, boolean required) {
    calls.once(
        "PutApplicationAssignmentConfiguration",
        () -> delegate.putAssignmentRequired(applicationArn, required));
  }

  @Override
  public List<ApplicationAssignment> listAssignments(String applicationArn) {
    return calls.read(
        SSO_ADMIN, "ListApplicationAssignments", () -> delegate.listAssignments(applicationArn));
  }

  @Override
  public void createAssignment(String applicationArn, ApplicationAssignment assignment) {
    calls.once(
        "CreateApplicationAssignment", () -> delegate.createAssignment(applicationArn, assignment));
  }

  @Override
  public void deleteAssignment(String applicationArn, ApplicationAssignment assignment) {
    calls.once(
        "DeleteApplicationAssignment", () -> delegate.deleteAssignment(applicationArn, assignment));
  }
}
