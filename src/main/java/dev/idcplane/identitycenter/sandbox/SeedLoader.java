package dev.idcplane.identitycenter.sandbox;

import dev.idcplane.identitycenter.Account;
import dev.idcplane.identitycenter.AccountStatus;
import dev.idcplane.identitycenter.PrincipalType;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.Node;

/**
 * Reads a sandbox seed (format documented at the top of {@code deploy/sandbox/seed.yaml}) into a
 * {@link SandboxBuilder}. Stops at the first problem with a {@link SandboxSeedException} naming
 * file:line and what to change.
 */
final class SeedLoader {
  private static final Set<String> TOP =
      Set.of(
          "organization",
          "instance",
          "groups",
          "users",
          "permission_sets",
          "assignments",
          "behaviour",
          "caller_account");
  private static final Set<String> UNIT = Set.of("name", "id", "accounts", "units");
  private static final Set<String> ACCOUNT = Set.of("id", "name", "email", "state", "status");
  private static final String STATES =
      java.util.Arrays.toString(AccountStatus.values()).replace("[", "").replace("]", "");
  private static final Set<String> ASSIGNMENT =
      Set.of("permission_set", "group", "user", "accounts", "all_active_accounts", "except");

  private final SandboxBuilder builder = new SandboxBuilder();

  private SeedLoader() {}

  static SandboxBuilder load(Path file) {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return load(r, file.toString());
    } catch (IOException e) {
      throw new SandboxSeedException(file.toString(), 0, "cannot read the seed: " + e.getMessage());
    }
  }

  static SandboxBuilder load(InputStream in, String name) {
    return load(new InputStreamReader(in, StandardCharsets.UTF_8), name);
  }

  private static SandboxBuilder load(Reader reader, String name) {
    Node root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).compose(reader);
    } catch (MarkedYAMLException e) {
      int line = e.getProblemMark() == null ? 0 : e.getProblemMark().getLine() + 1;
      throw new SandboxSeedException(name, line, "not valid YAML: " + e.getProblem());
    } catch (YAMLException e) {
      throw new SandboxSeedException(name, 0, "not valid YAML: " + e.getMessage());
    }
    if (root == null) {
      throw new SandboxSeedException(
          name, 1, "the seed is empty; start with an organization: block");
    }
    SeedLoader loader = new SeedLoader();
    loader.read(new SeedNode(name, root, "").fields(TOP));
    return loader.builder;
  }

  private void read(SeedNode.Fields top) {
    top.opt("instance").ifPresent(this::instance);
    top.opt("behaviour").ifPresent(b -> builder.behaviour(BehaviourSeed.read(b)));
    SeedNode.Fields org =
        top.req("organization")
            .fields(Set.of("id", "root", "management_account", "accounts", "units"));
    at(
        org.owner(),
        () ->
            builder.organization(
                org.optText("id"), org.text("management_account"), org.optText("root")));
    org.list("accounts").forEach(a -> account("", a));
    org.list("units").forEach(u -> unit("", u));
    for (SeedNode g : top.list("groups")) {
      principal(g, "name", (n, id) -> builder.group(n, id));
    }
    for (SeedNode u : top.list("users")) {
      user(u);
    }
    List<PermissionSetSeed> sets = new ArrayList<>();
    for (SeedNode p : top.list("permission_sets")) {
      PermissionSetSeed seed = PermissionSetSeed.read(p);
      at(p, () -> builder.permissionSet(seed.name(), seed.arn(), seed.definition()));
      sets.add(seed);
    }
    top.list("assignments").forEach(this::assignment);
    for (PermissionSetSeed s : sets) {
      s.provisionedTo().forEach(a -> at(a, () -> builder.provisioned(s.name(), accountId(a))));
    }
    for (PermissionSetSeed s : sets) {
      s.outOfSync().forEach(a -> at(a, () -> builder.outOfSync(s.name(), accountId(a))));
    }
    top.opt("caller_account").ifPresent(c -> at(c, () -> builder.callerAccount(accountId(c))));
    at(org.req("management_account"), builder::validate);
  }

  private void instance(SeedNode node) {
    SeedNode.Fields f = node.fields(Set.of("arn", "identity_store_id"));
    at(node, () -> builder.instance(f.optText("arn"), f.optText("identity_store_id")));
  }

  private void unit(String parentPath, SeedNode node) {
    SeedNode.Fields f = node.fields(UNIT);
    String path = parentPath.isEmpty() ? f.text("name") : parentPath + "/" + f.text("name");
    at(node, () -> builder.unit(path, f.optText("id")));
    f.list("accounts").forEach(a -> account(path, a));
    f.list("units").forEach(u -> unit(path, u));
  }

  private void account(String parentPath, SeedNode node) {
    SeedNode.Fields f = node.fields(ACCOUNT);
    AccountStatus status = accountState(f);
    at(
        node,
        () ->
            builder.account(
                parentPath, f.optText("id"), f.text("name"), f.optText("email"), status));
  }

  /**
   * The account's {@code state:} (AWS Organizations' Account.State), or its legacy {@code status:}
   * where no state is given (Account.Status, retired by AWS on 2026-09-09); ACTIVE without either.
   */
  private static AccountStatus accountState(SeedNode.Fields f) {
    String stateText = f.optText("state");
    String statusText = f.optText("status");
    if (stateText != null && statusText != null) {
      throw f.req("status")
          .error(
              "give the account's state: or its legacy status:, not both;"
                  + " keep state: (one of "
                  + STATES
                  + ")");
    }
    if (stateText != null) {
      try {
        return AccountStatus.valueOf(stateText);
      } catch (IllegalArgumentException e) {
        throw f.req("state").error("state must be one of " + STATES + ", got " + stateText);
      }
    }
    if (statusText == null) {
      return AccountStatus.ACTIVE;
    }
    return switch (statusText) {
      case "ACTIVE" -> AccountStatus.ACTIVE;
      case "SUSPENDED" -> AccountStatus.SUSPENDED;
      case "PENDING_CLOSURE" -> AccountStatus.PENDING_CLOSURE;
      default ->
          throw f.req("status")
              .error(
                  "status must be one of ACTIVE, SUSPENDED,"
                      + " PENDING_CLOSURE, got "
                      + statusText
                      + "; or write state: (one of "
                      + STATES
                      + ")");
    };
  }

  private void principal(
      SeedNode node, String nameKey, java.util.function.BiConsumer<String, String> add) {
    if (node.isScalar()) {
      at(node, () -> add.accept(node.text(), null));
      return;
    }
    SeedNode.Fields f = node.fields(Set.of(nameKey, "id"));
    at(node, () -> add.accept(f.text(nameKey), f.optText("id")));
  }

  /** A user: a user name, or {user_name, id, groups: [display names of its groups]}. */
  private void user(SeedNode node) {
    if (node.isScalar()) {
      at(node, () -> builder.user(node.text(), null));
      return;
    }
    SeedNode.Fields f = node.fields(Set.of("user_name", "id", "groups"));
    String name = f.text("user_name");
    at(node, () -> builder.user(name, f.optText("id")));
    for (SeedNode g : f.list("groups")) {
      at(g, () -> builder.member(name, g.text()));
    }
  }

  private void assignment(SeedNode node) {
    SeedNode.Fields f = node.fields(ASSIGNMENT);
    String set = f.text("permission_set");
    if (f.has("group") == f.has("user")) {
      throw node.error("an assignment names exactly one of group: or user:");
    }
    PrincipalType type = f.has("group") ? PrincipalType.GROUP : PrincipalType.USER;
    String principal = f.text(type == PrincipalType.GROUP ? "group" : "user");
    boolean all =
        f.opt("all_active_accounts").map(n -> Boolean.parseBoolean(n.text())).orElse(false);
    if (all == f.has("accounts")) {
      throw node.error(
          "an assignment has exactly one of accounts: [..] or all_active_accounts: true");
    }
    if (all) {
      List<String> except = f.list("except").stream().map(this::accountId).toList();
      for (Account a : builder.accounts().values()) {
        if (a.active() && !except.contains(a.id())) {
          at(node, () -> builder.assignment(set, type, principal, a.id()));
        }
      }
    } else {
      for (SeedNode a : f.list("accounts")) {
        at(a, () -> builder.assignment(set, type, principal, accountId(a)));
      }
    }
  }

  /** An account given by its 12-digit id or by its unique name. */
  private String accountId(SeedNode node) {
    String ref = node.text();
    if (ref.matches("\\d{12}")) {
      if (!builder.accounts().containsKey(ref)) {
        throw node.error("unknown account " + ref + "; declare it under organization:");
      }
      return ref;
    }
    return builder
        .accountIdNamed(ref)
        .orElseThrow(
            () -> node.error("no single account is named '" + ref + "'; use its 12-digit id"));
  }

  private static void at(SeedNode node, Runnable step) {
    try {
      step.run();
    } catch (SandboxSeedException e) {
      throw e;
    } catch (RuntimeException e) {
      throw node.error(e.getMessage());
    }
  }
}
