package dev.idcplane.plan;

import dev.idcplane.identitycenter.Account;
import dev.idcplane.identitycenter.OrgTree;
import dev.idcplane.identitycenter.OrgUnit;
import dev.idcplane.matrix.AssignmentRule;
import dev.idcplane.matrix.LocatedValue;
import dev.idcplane.matrix.Suggestions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * Expands a rule's {@code ous}, {@code accounts} and {@code exclude_accounts} into the ACTIVE
 * accounts it targets. Accounts reached through an OU that are not ACTIVE are skipped silently; one
 * named under {@code accounts} is a warning. Unknown or ambiguous entries are errors.
 */
final class AccountTargets {
  private static final Pattern ACCOUNT_ID = Pattern.compile("\\d{12}");

  private final OrgTree tree;
  private final Findings findings;

  AccountTargets(OrgTree tree, Findings findings) {
    this.tree = tree;
    this.findings = findings;
  }

  /** The active accounts the rule targets, by id order. */
  List<Account> of(AssignmentRule rule) {
    int errorsBefore = findings.errorCount();
    Map<String, Account> targets = new TreeMap<>();
    for (LocatedValue ou : rule.ous()) {
      unit(ou)
          .ifPresent(
              u ->
                  tree.accountsUnder(u.id()).stream()
                      .filter(Account::active)
                      .forEach(a -> targets.put(a.id(), a)));
    }
    for (LocatedValue entry : rule.accounts()) {
      account(entry)
          .ifPresent(
              a -> {
                if (a.active()) {
                  targets.put(a.id(), a);
                } else {
                  findings.warning(
                      ResolutionKind.INACTIVE_ACCOUNT,
                      entry.at(),
                      entry.field(),
                      "account "
                          + a.name()
                          + " ("
                          + a.id()
                          + ") is "
                          + a.status()
                          + " and is not assigned",
                      "remove it from accounts once it is closed");
                }
              });
    }
    for (LocatedValue entry : rule.excludeAccounts()) {
      account(entry).ifPresent(a -> targets.remove(a.id()));
    }
    if (targets.isEmpty() && findings.errorCount() == errorsBefore) {
      findings.warning(
          ResolutionKind.NO_TARGET_ACCOUNTS,
          rule.at(),
          rule.field(),
          "this rule reaches no active account",
          "check its OUs, accounts and exclusions");
    }
    return new ArrayList<>(targets.values());
  }

  private Optional<OrgUnit> unit(LocatedValue entry) {
    String v = entry.value();
    Optional<OrgUnit> unit =
        v.equals(AssignmentRule.ROOT_OU)
            ? Optional.of(tree.root())
            : AssignmentRule.isOuId(v) ? tree.unit(v) : tree.unitAtPath(v);
    if (unit.isEmpty()) {
      String fix =
          Suggestions.closest(v, knownPaths())
              .map(p -> "did you mean '" + p + "'?")
              .orElse(
                  "write the OU path from the root, e.g. Workloads/NonProd, an OU id, or _root_");
      findings.error(
          ResolutionKind.UNKNOWN_OU, entry, "the organization has no OU '" + v + "'", fix);
    }
    return unit;
  }

  private Optional<Account> account(LocatedValue entry) {
    String v = entry.value();
    if (ACCOUNT_ID.matcher(v).matches()) {
      Optional<Account> byId = tree.account(v);
      if (byId.isEmpty()) {
        findings.error(
            ResolutionKind.UNKNOWN_ACCOUNT,
            entry,
            "the organization has no account " + v,
            "check the id, or remove the entry");
      }
      return byId;
    }
    List<Account> named = tree.accountsNamed(v);
    if (named.size() == 1) {
      return Optional.of(named.get(0));
    }
    if (named.isEmpty()) {
      findings.error(
          ResolutionKind.UNKNOWN_ACCOUNT,
          entry,
          "the organization has no account named '" + v + "'",
          Suggestions.closest(v, tree.accounts().stream().map(Account::name).toList())
              .map(n -> "did you mean '" + n + "'?")
              .orElse("use the account's 12-digit id or its exact name"));
    } else {
      findings.error(
          ResolutionKind.AMBIGUOUS_ACCOUNT_NAME,
          entry,
          named.size()
              + " accounts are named '"
              + v
              + "': "
              + named.stream().map(Account::id).sorted().toList(),
          "name the account by its 12-digit id");
    }
    return Optional.empty();
  }

  /** Paths of every OU that holds an account, and their ancestors (for "did you mean"). */
  private List<String> knownPaths() {
    TreeSet<String> paths = new TreeSet<>();
    for (Account a : tree.accounts()) {
      String p = tree.accountPath(a.id());
      while (!p.isEmpty()) {
        paths.add(p);
        p = p.contains("/") ? p.substring(0, p.lastIndexOf('/')) : "";
      }
    }
    return List.copyOf(paths);
  }
}
