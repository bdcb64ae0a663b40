package dev.idcplane.adopt;

import dev.idcplane.identitycenter.Account;
import dev.idcplane.identitycenter.AccountStatus;
import dev.idcplane.identitycenter.OrgTree;
import dev.idcplane.identitycenter.OrgUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Rolls the accounts one (principal, permission set) pair is assigned in up into the fewest targets
 * of one rule: an OU wherever every ACTIVE account under it (recursively) holds the assignment and
 * its parent does not qualify too ({@code _root_} for the whole organization), and the remaining
 * accounts by id. Accounts that are not ACTIVE never make an OU qualify, and are listed by id when
 * they hold the assignment, so what a rule declares is exactly what is live. Pure.
 */
final class AssignmentRollup {
  /** The targets of one rule: OU ids (the root's id for the whole organization) and account ids. */
  record Targets(List<String> unitIds, List<String> accountIds) {}

  private final OrgTree tree;

  AssignmentRollup(OrgTree tree) {
    this.tree = tree;
  }

  Targets rollUp(Set<String> assigned) {
    List<String> units = new ArrayList<>();
    Set<String> covered = new TreeSet<>();
    collect(tree.root(), assigned, units, covered);
    List<String> rest = assigned.stream().filter(a -> !covered.contains(a)).sorted().toList();
    return new Targets(List.copyOf(units), rest);
  }

  /** Adds {@code unit} when it qualifies, else looks into its children. */
  private void collect(
      OrgUnit unit, Set<String> assigned, List<String> units, Set<String> covered) {
    List<String> active =
        tree.accountsUnder(unit.id()).stream()
            .filter(a -> a.status() == AccountStatus.ACTIVE)
            .map(Account::id)
            .toList();
    if (!active.isEmpty() && assigned.containsAll(active)) {
      units.add(unit.id());
      covered.addAll(active);
      return;
    }
    for (OrgUnit child : tree.children(unit.id())) {
      collect(child, assigned, units, covered);
    }
  }
}
