package dev.idcplane.identitycenter;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The organization's tree as read at one moment: the root, every OU with its parent, every account
 * with its parent. Immutable. Paths are OU names from the root joined by {@code /}; the root itself
 * has the empty path.
 */
public final class OrgTree {
  private final OrgUnit root;
  private final Map<String, OrgUnit> units;
  private final Map<String, String> unitParent;
  private final Map<String, Account> accounts;
  private final Map<String, String> accountParent;

  private OrgTree(
      OrgUnit root,
      Map<String, OrgUnit> units,
      Map<String, String> unitParent,
      Map<String, Account> accounts,
      Map<String, String> accountParent) {
    this.root = root;
    this.units = Map.copyOf(units);
    this.unitParent = Map.copyOf(unitParent);
    this.accounts = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(accounts));
    this.accountParent = Map.copyOf(accountParent);
  }

  /** Reads the whole tree breadth-first: 1 ListRoots + 2 calls per root or OU. */
  public static OrgTree read(IdentityCenter ic) {
    List<OrgUnit> roots = ic.listRoots();
    if (roots.isEmpty()) {
      throw new IdentityCenterException(
          IdentityCenterException.Kind.NOT_FOUND, "ListRoots", "the organization has no root");
    }
    Builder b = new Builder(roots.get(0));
    Deque<String> queue = new ArrayDeque<>(List.of(roots.get(0).id()));
    while (!queue.isEmpty()) {
      String parent = queue.poll();
      for (Account a : ic.listAccountsForParent(parent)) {
        b.account(a, parent);
      }
      for (OrgUnit ou : ic.listOrganizationalUnitsForParent(parent)) {
        b.unit(ou, parent);
        queue.add(ou.id());
      }
    }
    return b.build();
  }

  public OrgUnit root() {
    return root;
  }

  public Optional<OrgUnit> unit(String id) {
    return Optional.ofNullable(id.equals(root.id()) ? root : units.get(id));
  }

  public Optional<Account> account(String id) {
    return Optional.ofNullable(accounts.get(id));
  }

  /** Every account, in the order read. */
  public List<Account> accounts() {
    return List.copyOf(accounts.values());
  }

  /** Accounts whose name equals {@code name} (names are not unique in AWS). */
  public List<Account> accountsNamed(String name) {
    return accounts.values().stream().filter(a -> a.name().equals(name)).toList();
  }

  /** The OU at a {@code /}-separated path of names from the root; the empty path is the root. */
  public Optional<OrgUnit> unitAtPath(String path) {
    String p = path.strip();
    if (p.startsWith("/")) {
      p = p.substring(1);
    }
    if (p.endsWith("/")) {
      p = p.substring(0, p.length() - 1);
    }
    if (p.isEmpty()) {
      return Optional.of(root);
    }
    String current = root.id();
    for (String segment : p.split("/")) {
      String parent = current;
      Optional<OrgUnit> child =
          units.values().stream()
              .filter(u -> u.name().equals(segment) && parent.equals(unitParent.get(u.id())))
              .findFirst();
      if (child.isEmpty()) {
        return Optional.empty();
      }
      current = child.get().id();
    }
    return Optional.of(units.get(current));
  }

  /** Path of names from the root to this OU ({@code ""} for the root). */
  public String pathOf(String unitId) {
    List<String> names = new ArrayList<>();
    String id = unitId;
    while (id != null && !id.equals(root.id())) {
      OrgUnit u = units.get(id);
      if (u == null) {
        break;
      }
      names.add(0, u.name());
      id = unitParent.get(id);
    }
    return String.join("/", names);
  }

  /** The OU path of the OU directly holding the account. */
  public String accountPath(String accountId) {
    String parent = accountParent.get(accountId);
    return parent == null ? "" : pathOf(parent);
  }

  /** Id of the root or OU directly holding the account. */
  public Optional<String> parentOfAccount(String accountId) {
    return Optional.ofNullable(accountParent.get(accountId));
  }

  /** The OUs directly under {@code unitId}, by name. */
  public List<OrgUnit> children(String unitId) {
    return units.values().stream()
        .filter(u -> unitId.equals(unitParent.get(u.id())))
        .sorted(java.util.Comparator.comparing(OrgUnit::name))
        .toList();
  }

  /** Every account under the OU, recursively through nested OUs, of any status. */
  public List<Account> accountsUnder(String unitId) {
    List<Account> out = new ArrayList<>();
    for (Map.Entry<String, String> e : accountParent.entrySet()) {
      if (isWithin(e.getValue(), unitId)) {
        out.add(accounts.get(e.getKey()));
      }
    }
    out.sort(java.util.Comparator.comparing(Account::id));
    return out;
  }

  private boolean isWithin(String unitId, String ancestorId) {
    String id = unitId;
    while (id != null) {
      if (id.equals(ancestorId)) {
        return true;
      }
      id = unitParent.get(id);
    }
    return false;
  }

  /** Builds a tree from parts (used by readers and tests). */
  public static final class Builder {
    private final OrgUnit root;
    private final Map<String, OrgUnit> units = new LinkedHashMap<>();
    private final Map<String, String> unitParent = new LinkedHashMap<>();
    private final Map<String, Account> accounts = new LinkedHashMap<>();
    private final Map<String, String> accountParent = new LinkedHashMap<>();

    public Builder(OrgUnit root) {
      this.root = Objects.requireNonNull(root);
    }

    public Builder unit(OrgUnit unit, String parentId) {
      units.put(unit.id(), unit);
      unitParent.put(unit.id(), parentId);
      return this;
    }

    public Builder account(Account account, String parentId) {
      accounts.put(account.id(), account);
      accountParent.put(account.id(), parentId);
      return this;
    }

    public OrgTree build() {
      return new OrgTree(root, units, unitParent, accounts, accountParent);
    }
  }
}
