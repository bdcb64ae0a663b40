package dev.idcplane.matrix;

import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.matrix.NodeReader.Entry;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads one entry under {@code assignments}.
 *
 * <p>Decision: a GROUP rule may carry {@code owner} (who to ask about the access; kept for display)
 * but not {@code expires}, because only USER exceptions expire; an expiry silently ignored would
 * keep access beyond the date its author expected.
 */
final class RuleParser {
  static final Set<String> KEYS =
      new LinkedHashSet<>(
          List.of(
              "group",
              "user",
              "permission_set",
              "ous",
              "accounts",
              "exclude_accounts",
              "owner",
              "expires"));
  static final Pattern DIGITS = Pattern.compile("\\d+");
  static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");
  static final Pattern OU_ID = Pattern.compile("ou-[0-9a-z]{4,32}-[a-z0-9]{8,32}");
  static final Pattern ROOT_ID = Pattern.compile("r-[0-9a-z]{4,32}");
  static final Pattern DATE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}");

  /** The rule when it has no problems, and the permission set it names even when it has some. */
  record Parsed(Optional<AssignmentRule> rule, Optional<LocatedValue> permissionSet) {}

  private final NodeReader r;

  RuleParser(NodeReader r) {
    this.r = r;
  }

  Parsed parse(Node node, String field) {
    int before = r.problemCount();
    Map<String, Entry> e = r.mapping(node, field, KEYS).orElse(null);
    if (e == null) {
      return new Parsed(Optional.empty(), Optional.empty());
    }
    SourceLocation at = r.at(node);
    Optional<String> group = required(e, "group", field);
    Optional<String> user = required(e, "user", field);
    if (!e.containsKey("group") && !e.containsKey("user")) {
      r.report(
          ViolationKind.MISSING_PRINCIPAL,
          node,
          field,
          "a rule needs a group or a user",
          "add group: <group name> (or user: for an exception)");
    } else if (e.containsKey("group") && e.containsKey("user")) {
      r.report(
          ViolationKind.CONFLICTING_PRINCIPALS,
          e.get("user").keyNode(),
          field + ".user",
          "a rule has either a group or a user, not both",
          "split it into two rules");
    }
    Optional<LocatedValue> permissionSet = Optional.empty();
    if (!e.containsKey("permission_set")) {
      r.report(
          ViolationKind.MISSING_FIELD,
          node,
          field + ".permission_set",
          "a rule needs a permission_set",
          "add permission_set: <name declared under permission_sets>");
    } else {
      Node psNode = e.get("permission_set").value();
      permissionSet =
          r.requiredScalar(psNode, field + ".permission_set")
              .map(v -> new LocatedValue(v, r.at(psNode), field + ".permission_set"));
    }
    List<LocatedValue> ous = list(e, "ous", field);
    List<LocatedValue> accounts = list(e, "accounts", field);
    List<LocatedValue> excluded = list(e, "exclude_accounts", field);
    ous.forEach(this::checkOu);
    accounts.forEach(this::checkAccount);
    excluded.forEach(this::checkAccount);
    if (ous.isEmpty() && accounts.isEmpty() && !hasBadList(e)) {
      r.report(
          ViolationKind.MISSING_TARGETS,
          node,
          field,
          "a rule targets no OU and no account",
          "add ous: [...] and/or accounts: [...]");
    }
    Optional<String> owner = required(e, "owner", field);
    if (owner.filter(AssignmentRule.TODO::equals).isPresent()) {
      r.report(
          ViolationKind.UNFILLED_IMPORT,
          e.get("owner").value(),
          field + ".owner",
          "an imported USER exception has no owner yet (TODO)",
          "replace TODO with who answers for this access, or delete the rule to remove it");
    }
    Optional<LocalDate> expires =
        e.containsKey("expires")
            ? date(e.get("expires").value(), field + ".expires")
            : Optional.empty();
    boolean isUser = user.isPresent() && !e.containsKey("group");
    if (isUser && !e.containsKey("owner")) {
      r.report(
          ViolationKind.MISSING_OWNER,
          node,
          field + ".owner",
          "a USER rule is an exception and needs an owner",
          "add owner: <who answers for this access>");
    }
    if (isUser && !e.containsKey("expires")) {
      r.report(
          ViolationKind.MISSING_EXPIRES,
          node,
          field + ".expires",
          "a USER rule is an exception and needs an expiry date",
          "add expires: YYYY-MM-DD");
    }
    if (e.containsKey("group") && e.containsKey("expires")) {
      r.report(
          ViolationKind.EXPIRES_ON_GROUP_RULE,
          e.get("expires").keyNode(),
          field + ".expires",
          "only USER exceptions expire; a GROUP rule stays until removed",
          "remove expires (delete the rule when the access should end)");
    }
    if (r.problemCount() != before) {
      return new Parsed(Optional.empty(), permissionSet);
    }
    AssignmentRule rule =
        new AssignmentRule(
            at,
            field,
            isUser ? PrincipalType.USER : PrincipalType.GROUP,
            isUser ? user.get() : group.get(),
            permissionSet.get().value(),
            ous,
            accounts,
            excluded,
            owner,
            expires);
    return new Parsed(Optional.of(rule), permissionSet);
  }

  private Optional<String> required(Map<String, Entry> e, String key, String field) {
    return e.containsKey(key)
        ? r.requiredScalar(e.get(key).value(), field + "." + key)
        : Optional.empty();
  }

  private List<LocatedValue> list(Map<String, Entry> e, String key, String field) {
    return e.containsKey(key)
        ? r.scalarList(e.get(key).value(), field + "." + key).orElse(List.of())
        : List.of();
  }

  /** A target list that is present but not a list was already reported; don't add "no targets". */
  private static boolean hasBadList(Map<String, Entry> e) {
    return List.of("ous", "accounts").stream()
        .filter(e::containsKey)
        .map(k -> e.get(k).value())
        .anyMatch(
            n -> !(n instanceof org.yaml.snakeyaml.nodes.SequenceNode) && !NodeReader.isNull(n));
  }

  private void checkOu(LocatedValue ou) {
    String v = ou.value();
    if (AssignmentRule.isOuId(v) && !OU_ID.matcher(v).matches() && !ROOT_ID.matcher(v).matches()) {
      r.report(
          ViolationKind.INVALID_OU_ID,
          ou,
          "'" + v + "' looks like an OU id but is not one",
          "write an OU id as ou-xxxx-xxxxxxxx, a root id as r-xxxx, or use the OU path, e.g."
              + " Workloads/NonProd");
    }
  }

  private void checkAccount(LocatedValue account) {
    String v = account.value();
    if (DIGITS.matcher(v).matches() && !ACCOUNT_ID.matcher(v).matches()) {
      r.report(
          ViolationKind.INVALID_ACCOUNT_ID,
          account,
          "'" + v + "' has " + v.length() + " digits; account ids have 12",
          "write the full 12-digit id in quotes (leading zeros count), e.g. \"012345678901\"");
    }
  }

  private Optional<LocalDate> date(Node node, String field) {
    Optional<String> text = r.scalar(node, field);
    if (text.filter(t -> AssignmentRule.TODO.equals(t.strip())).isPresent()) {
      r.report(
          ViolationKind.UNFILLED_IMPORT,
          node,
          field,
          "an imported USER exception has no expiry date yet (TODO)",
          "replace TODO with the last valid day, YYYY-MM-DD, or delete the rule to remove it");
      return Optional.empty();
    }
    if (text.isEmpty()) {
      r.report(
          ViolationKind.INVALID_DATE,
          node,
          field,
          field + " is empty",
          "write the last valid day as YYYY-MM-DD");
      return Optional.empty();
    }
    try {
      if (DATE.matcher(text.get().strip()).matches()) {
        return Optional.of(LocalDate.parse(text.get().strip()));
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    r.report(
        ViolationKind.INVALID_DATE,
        node,
        field,
        "'" + text.get() + "' is not a YYYY-MM-DD date",
        "write the last valid day as YYYY-MM-DD, e.g. 2027-01-31");
    return Optional.empty();
  }
}
