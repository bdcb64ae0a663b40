package dev.idcplane.identitycenter;

/**
 * The page size each list operation asks for: AWS's documented maximum {@code MaxResults}. The AWS
 * adapter sends these so a read makes as few calls as AWS allows; the sandbox pages by the same
 * numbers so its call counts match what the adapter would spend against AWS.
 */
public final class PageSizes {
  /** sso-admin List* operations accept MaxResults 1–100. */
  public static final int SSO_ADMIN = 100;

  /** Organizations ListRoots / ListOrganizationalUnitsForParent / ListAccountsForParent: 1–20. */
  public static final int ORGANIZATIONS = 20;

  /**
   * sso-admin ListTagsForResource takes no MaxResults; a permission set holds at most 50 tags, so
   * one page always holds them all.
   */
  public static final int TAGS = 50;

  private PageSizes() {}
}
