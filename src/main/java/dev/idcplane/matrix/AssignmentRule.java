package dev.idcplane.matrix;

import dev.idcplane.identitycenter.PrincipalType;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One entry under {@code assignments}: a group or a user gets a permission set in the accounts the
 * OUs and accounts name, minus the excluded accounts. A USER rule is an exception and always has an
 * owner and an expiry date (the last day it is valid); a GROUP rule may name an owner but never
 * expires.
 *
 * @param at file and line of the rule (its first key)
 * @param field dotted path of the rule within its file, e.g. {@code assignments[2]}
 * @param principalType GROUP or USER
 * @param principalName group display name or user name, as written
 * @param permissionSet name of a permission set declared under {@code permission_sets}
 * @param ous OU paths from the root, {@code _root_}, or OU/root ids
 * @param accounts account ids or names
 * @param excludeAccounts account ids or names never targeted by this rule
 */
public record AssignmentRule(
    SourceLocation at,
    String field,
    PrincipalType principalType,
    String principalName,
    String permissionSet,
    List<LocatedValue> ous,
    List<LocatedValue> accounts,
    List<LocatedValue> excludeAccounts,
    Optional<String> owner,
    Optional<LocalDate> expires) {
  /** What an import writes where only a person can answer (a USER exception's owner, expiry). */
  public static final String TODO = "TODO";

  /** The OU entry that means every account of the organization. */
  public static final String ROOT_OU = "_root_";

  public AssignmentRule {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(field, "field");
    Objects.requireNonNull(principalType, "principalType");
    Objects.requireNonNull(principalName, "principalName");
    Objects.requireNonNull(permissionSet, "permissionSet");
    ous = List.copyOf(ous);
    accounts = List.copyOf(accounts);
    excludeAccounts = List.copyOf(excludeAccounts);
    owner = Objects.requireNonNullElse(owner, Optional.empty());
    expires = Objects.requireNonNullElse(expires, Optional.empty());
    if (ous.isEmpty() && accounts.isEmpty()) {
      throw new IllegalArgumentException(at + ": a rule targets at least one OU or account");
    }
    if (principalType == PrincipalType.USER && (owner.isEmpty() || expires.isEmpty())) {
      throw new IllegalArgumentException(at + ": a USER rule has an owner and an expiry date");
    }
    if (principalType == PrincipalType.GROUP && expires.isPresent()) {
      throw new IllegalArgumentException(at + ": a GROUP rule does not expire");
    }
  }

  /**
   * Whether an OU entry is written as an id ({@code ou-…} or {@code r-…}, no {@code /}) rather than
   * as a path of OU names from the root.
   */
  public static boolean isOuId(String ouEntry) {
    return !ouEntry.contains("/") && (ouEntry.startsWith("ou-") || ouEntry.startsWith("r-"));
  }

  /** Path of a sub-field of this rule, e.g. {@code assignments[2].group}. */
  public String field(String name) {
    return field + "." + name;
  }

  /** Whether this rule wants the same thing as another, ignoring where each is written. */
  public boolean sameWantAs(AssignmentRule o) {
    return principalType == o.principalType
        && principalName.equals(o.principalName)
        && permissionSet.equals(o.permissionSet)
        && values(ous).equals(values(o.ous))
        && values(accounts).equals(values(o.accounts))
        && values(excludeAccounts).equals(values(o.excludeAccounts))
        && owner.equals(o.owner)
        && expires.equals(o.expires);
  }

  private static java.util.Set<String> values(List<LocatedValue> items) {
    return items.stream()
        .map(LocatedValue::value)
        .collect(java.util.stream.Collectors.toCollection(java.util.TreeSet::new));
  }
}
