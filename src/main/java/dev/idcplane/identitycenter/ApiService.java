package dev.idcplane.identitycenter;

/**
 * The three AWS services behind the {@link IdentityCenter} port. AWS throttles each on its own
 * request-rate quota per account and Region, so each has its own request budget.
 */
public enum ApiService {
  /** IAM Identity Center's sso-admin API (instances, permission sets, assignments). */
  SSO_ADMIN,
  /** The Identity Center identity store (users and groups). */
  IDENTITY_STORE,
  /** AWS Organizations (the organization, OUs, accounts). */
  ORGANIZATIONS
}
