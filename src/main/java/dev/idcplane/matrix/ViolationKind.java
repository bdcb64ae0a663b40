package dev.idcplane.matrix;

import java.util.Locale;

/**
 * Every kind of problem loading a matrix can report. {@link #id()} is the stable {@link
 * Violation#kind()} string clients may match on; never rename one.
 */
public enum ViolationKind {
  /** The folder cannot be listed or a file cannot be read as UTF-8. */
  UNREADABLE_MATRIX,
  /** No {@code *.yaml} or {@code *.yml} file was found. */
  NO_MATRIX_FILES,
  /** The YAML parser rejected the file. */
  YAML_SYNTAX,
  /** A YAML document is not a mapping. */
  NOT_A_MAPPING,
  /** A key this format does not know (the fix names the closest known key). */
  UNKNOWN_KEY,
  /** A value of the wrong YAML type, e.g. a scalar where a list is expected. */
  WRONG_TYPE,
  /** The same key twice in one mapping. */
  DUPLICATE_KEY,
  /** An empty string where a value is needed. */
  BLANK_VALUE,
  /** A required key is absent. */
  MISSING_FIELD,
  /** A permission set declared in two documents or files. */
  DUPLICATE_PERMISSION_SET,
  /** A permission set name AWS would reject. */
  INVALID_PERMISSION_SET_NAME,
  /** {@code external: true} together with definition fields. */
  EXTERNAL_WITH_DEFINITION,
  /** A description AWS would reject (too long or bad characters). */
  INVALID_DESCRIPTION,
  /** Not an ISO-8601 duration, or outside PT1H..PT12H. */
  INVALID_SESSION_DURATION,
  /** Not {@code arn:aws:iam::aws:policy/...} or {@code arn:aws:iam::<12 digits>:policy/...}. */
  INVALID_MANAGED_POLICY_ARN,
  /** More than 10 managed policies and customer-managed policy references together. */
  TOO_MANY_MANAGED_POLICIES,
  /** An inline policy that is not a JSON object. */
  INVALID_INLINE_POLICY,
  /**
   * An inline policy over the IAM Identity Center quota: 32,768 bytes, or 10,240 bytes of
   * non-whitespace characters.
   */
  INLINE_POLICY_TOO_LONG,
  /** A relay state that is not an http(s) URL AWS would accept (at most 240 characters). */
  INVALID_RELAY_STATE,
  /** A customer-managed policy name AWS would reject. */
  INVALID_CMP_NAME,
  /** A customer-managed policy path not of the form {@code /} or {@code /a/b/}. */
  INVALID_CMP_PATH,
  /** A permissions boundary with both or neither of its forms. */
  INVALID_PERMISSIONS_BOUNDARY,
  /** A tag key or value AWS would reject. */
  INVALID_TAG,
  /** More than 50 tags. */
  TOO_MANY_TAGS,
  /** A rule with neither {@code group} nor {@code user}. */
  MISSING_PRINCIPAL,
  /** A rule with both {@code group} and {@code user}. */
  CONFLICTING_PRINCIPALS,
  /** A rule with neither {@code ous} nor {@code accounts} (or both empty). */
  MISSING_TARGETS,
  /** A rule names a permission set no file declares. */
  UNDECLARED_PERMISSION_SET,
  /** A rule identical to an earlier one. */
  DUPLICATE_RULE,
  /** {@code expires} is not a YYYY-MM-DD date. */
  INVALID_DATE,
  /** A USER rule without {@code owner}. */
  MISSING_OWNER,
  /** An owner or expiry an import left as TODO for a person to fill in. */
  UNFILLED_IMPORT,
  /** A USER rule without {@code expires}. */
  MISSING_EXPIRES,
  /** A GROUP rule with {@code expires}: only USER exceptions expire. */
  EXPIRES_ON_GROUP_RULE,
  /** An account entry made of digits that is not 12 digits long. */
  INVALID_ACCOUNT_ID,
  /** An OU entry written as an id ({@code ou-…}, {@code r-…}) that is not a valid id. */
  INVALID_OU_ID,
  /** A trusted token issuer declared in two documents or files. */
  DUPLICATE_TRUSTED_TOKEN_ISSUER,
  /** An application declared in two documents or files. */
  DUPLICATE_APPLICATION,
  /** {@code absent: true} together with other keys. */
  ABSENT_WITH_DEFINITION,
  /** A trusted token issuer name AWS would reject. */
  INVALID_TRUSTED_TOKEN_ISSUER_NAME,
  /** More than 10 trusted token issuers: an IAM Identity Center quota that cannot be raised. */
  TOO_MANY_TRUSTED_TOKEN_ISSUERS,
  /** An issuer URL that is not an {@code https://} URL AWS would accept. */
  INVALID_ISSUER_URL,
  /**
   * A {@code claim_attribute_path} or {@code identity_store_attribute_path} outside AWS's pattern.
   */
  INVALID_ATTRIBUTE_PATH,
  /** An application name AWS would reject (more than 100 characters). */
  INVALID_APPLICATION_NAME,
  /** An application status other than ENABLED or DISABLED. */
  INVALID_APPLICATION_STATUS,
  /** A caller that is not an IAM role, user or account root ARN. */
  INVALID_CALLER,
  /** A {@code jwt_bearer} grant without issuers or with more than 10. */
  INVALID_JWT_BEARER_GRANT,
  /** A grant issuer without audiences, with more than 10, or with one over 512 characters. */
  INVALID_AUDIENCES,
  /** More than 25 access scopes on one application. */
  TOO_MANY_SCOPES,
  /** A scope not of the form {@code seg}, {@code seg:seg} or {@code seg:seg:seg}. */
  INVALID_SCOPE,
  /** A scope with more than 10 targets. */
  TOO_MANY_SCOPE_TARGETS,
  /** A grant names an issuer that is neither declared (and not absent) nor an issuer ARN. */
  UNDECLARED_TRUSTED_TOKEN_ISSUER,
  /** A scope target that is neither a declared (not absent) application nor an application ARN. */
  UNDECLARED_APPLICATION,
  /**
   * The same entry twice in one list (callers, audiences, issuers, scopes, targets, principals).
   */
  DUPLICATE_ENTRY;

  /** The stable string used as {@link Violation#kind()}, e.g. {@code unknown_key}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  public Violation at(SourceLocation location, String field, String message, String fix) {
    return new Violation(location, field, id(), message, fix);
  }
}
