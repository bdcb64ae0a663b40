package dev.idcplane.plan;

import dev.idcplane.identitycenter.Account;
import dev.idcplane.identitycenter.LiveStateReader;
import dev.idcplane.identitycenter.Principal;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.matrix.AssignmentRule;
import dev.idcplane.matrix.DeclaredPermissionSet;
import dev.idcplane.matrix.Matrix;
import dev.idcplane.matrix.SourceLocation;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Resolves a matrix against the organization and identity store into the {@link DesiredState}: OU
 * paths/ids and account names become active account ids, group and user names become principal ids,
 * rules wanting the same assignment merge into one. Pure: no I/O, no clock ({@code today} decides
 * which USER exceptions have expired or expire within the policy's warning window; {@code expires}
 * is the last valid day). Every unknown name is an error; resolution goes on to find them all.
 * Stateless and thread-safe.
 */
public final class Resolver {

  public Resolution resolve(
      Matrix matrix, LiveStateReader.Result live, PlanPolicy policy, LocalDate today) {
    Findings findings = new Findings();
    Map<String, DesiredPermissionSet> sets = permissionSets(matrix, policy, findings);
    AccountTargets targets = new AccountTargets(live.state().orgTree(), findings);
    Map<AssignmentKey, Want> wants = new TreeMap<>();
    List<UserException> expired = new ArrayList<>();
    List<UserException> expiring = new ArrayList<>();
    for (AssignmentRule rule : matrix.rules()) {
      if (!sets.containsKey(rule.permissionSet())) {
        findings.error(
            ResolutionKind.UNDECLARED_PERMISSION_SET,
            rule.at(),
            rule.field("permission_set"),
            "permission set '" + rule.permissionSet() + "' is not declared",
            "declare it under permission_sets");
        continue;
      }
      if (isExpired(rule, today)) {
        expired.add(exception(rule));
        continue;
      }
      if (isExpiring(rule, today, policy.expiryWarningDays())) {
        expiring.add(exception(rule));
      }
      Optional<Principal> principal = principal(rule, live, findings);
      List<Account> accounts = targets.of(rule);
      principal.ifPresent(p -> accounts.forEach(a -> want(wants, rule, p, a)));
    }
    Map<AssignmentKey, DesiredAssignment> assignments = new LinkedHashMap<>();
    wants.forEach(
        (key, w) ->
            assignments.put(
                key,
                new DesiredAssignment(
                    key, w.principalName, w.accountName, List.copyOf(w.wantedBy))));
    DesiredState desired =
        new DesiredState(sets, assignments, expired, expiring, findings.warnings());
    return new Resolution(desired, findings.errors());
  }

  /**
   * Every declared set. A protected set (policy) declared with a definition is an error, and its
   * definition is dropped so the desired state never carries one.
   */
  private static Map<String, DesiredPermissionSet> permissionSets(
      Matrix matrix, PlanPolicy policy, Findings findings) {
    Map<String, DesiredPermissionSet> sets = new TreeMap<>();
    for (DeclaredPermissionSet d : matrix.permissionSets().values()) {
      if (!d.external() && policy.isProtected(d.name())) {
        findings.error(
            ResolutionKind.PROTECTED_PERMISSION_SET,
            d.at(),
            "permission_sets." + d.name(),
            d.name()
                + " is protected by policy "
                + policy.protectedPermissionSets()
                + " and may not be defined here",
            "declare it as " + d.name() + ": {external: true} to assign it without changing it");
        sets.put(d.name(), new DesiredPermissionSet(d.name(), d.at(), Optional.empty()));
      } else {
        sets.put(d.name(), new DesiredPermissionSet(d.name(), d.at(), d.definition()));
      }
    }
    return sets;
  }

  private static boolean isExpired(AssignmentRule rule, LocalDate today) {
    return rule.principalType() == PrincipalType.USER
        && rule.expires().map(last -> last.isBefore(today)).orElse(false);
  }

  /** Active today, and its last valid day is at most {@code days} days away (0: never). */
  private static boolean isExpiring(AssignmentRule rule, LocalDate today, int days) {
    return days > 0
        && rule.principalType() == PrincipalType.USER
        && rule.expires().map(last -> !last.isAfter(today.plusDays(days))).orElse(false);
  }

  private static UserException exception(AssignmentRule rule) {
    return new UserException(
        rule.at(),
        rule.principalName(),
        rule.permissionSet(),
        rule.owner().orElse(null),
        rule.expires().orElseThrow());
  }

  private static Optional<Principal> principal(
      AssignmentRule rule, LiveStateReader.Result live, Findings findings) {
    boolean group = rule.principalType() == PrincipalType.GROUP;
    Map<String, Principal> known = group ? live.groupsByName() : live.usersByName();
    Optional<Principal> p = Optional.ofNullable(known.get(rule.principalName()));
    if (p.isEmpty()) {
      findings.error(
          group ? ResolutionKind.UNKNOWN_GROUP : ResolutionKind.UNKNOWN_USER,
          rule.at(),
          rule.field(group ? "group" : "user"),
          "the identity store has no "
              + (group ? "group" : "user")
              + " '"
              + rule.principalName()
              + "'",
          group
              ? "check the group's display name in the identity source (SCIM may not have synced it"
                  + " yet)"
              : "check the user name in the identity source");
    }
    return p;
  }

  private static void want(
      Map<AssignmentKey, Want> wants, AssignmentRule rule, Principal p, Account a) {
    AssignmentKey key = new AssignmentKey(a.id(), rule.permissionSet(), p.type(), p.id());
    wants.computeIfAbsent(key, k -> new Want(p.name(), a.name())).wantedBy.add(rule.at());
  }

  /** An assignment being gathered from every rule that wants it. */
  private static final class Want {
    final String principalName;
    final String accountName;
    final TreeSet<SourceLocation> wantedBy = new TreeSet<>();

    Want(String principalName, String accountName) {
      this.principalName = principalName;
      this.accountName = accountName;
    }
  }
}
