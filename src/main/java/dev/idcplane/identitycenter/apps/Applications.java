package dev.idcplane.identitycenter.apps;

import java.util.List;
import java.util.Optional;

/**
 * The port to an instance's trusted token issuers and applications (sso-admin), for the
 * impersonation flow of trusted identity propagation: an application exchanges a user's IdP token,
 * issued by a trusted token issuer, with {@code sso-oauth:CreateTokenWithIAM}. Every call is
 * synchronous. Failures are {@link dev.idcplane.identitycenter.IdentityCenterException}s: NOT_FOUND
 * for an unknown ARN, VALIDATION for a request AWS refuses (a quota, a pattern, a provider other
 * than custom), CONFLICT for a duplicate.
 */
public interface Applications {

  // ---- trusted token issuers

  /** Every trusted token issuer of the instance, described. */
  List<TrustedTokenIssuer> listTrustedTokenIssuers(String instanceArn);

  /** Creates an OIDC_JWT issuer ({@code issuer.arn()} is ignored); returns its ARN. */
  String createTrustedTokenIssuer(String instanceArn, TrustedTokenIssuer issuer);

  /** Updates the name and claim mapping of an issuer; its URL cannot change. */
  void updateTrustedTokenIssuer(
      String issuerArn, String name, String claimAttributePath, String identityStoreAttributePath);

  void deleteTrustedTokenIssuer(String issuerArn);

  // ---- applications

  /** Every application of the instance, of every provider. */
  List<ApplicationInfo> listApplications(String instanceArn);

  /** Creates a customer-managed application (provider custom); returns its ARN. */
  String createApplication(String instanceArn, String name, String description, String status);

  void updateApplication(String applicationArn, String description, String status);

  /** Deletes the application with its grants, scopes, authentication methods and assignments. */
  void deleteApplication(String applicationArn);

  List<ApplicationGrant> listGrants(String applicationArn);

  /** Creates or replaces the application's grant of {@code grant.type()}. */
  void putGrant(String applicationArn, ApplicationGrant grant);

  void deleteGrant(String applicationArn, GrantType type);

  /** The actor policy of the IAM authentication method (a JSON document), if it has one. */
  Optional<String> getActorPolicy(String applicationArn);

  /** Creates or replaces the IAM authentication method with this actor policy. */
  void putActorPolicy(String applicationArn, String policyJson);

  void deleteActorPolicy(String applicationArn);

  List<AccessScope> listAccessScopes(String applicationArn);

  /** Creates or replaces a scope with its targets. */
  void putAccessScope(String applicationArn, AccessScope scope);

  void deleteAccessScope(String applicationArn, String scope);

  /** Whether users need an assignment to use the application (true for a new one). */
  boolean assignmentRequired(String applicationArn);

  void putAssignmentRequired(String applicationArn, boolean required);

  List<ApplicationAssignment> listAssignments(String applicationArn);

  void createAssignment(String applicationArn, ApplicationAssignment assignment);

  void deleteAssignment(String applicationArn, ApplicationAssignment assignment);
}
