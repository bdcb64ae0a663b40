package dev.idcplane.ui;

import dev.idcplane.security.Caller;
import dev.idcplane.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import java.util.Set;

/**
 * The signed-in person as every page sees it: who they are, what their roles let them do (the
 * layout shows only the links they may use; the resources refuse the rest all the same) and the
 * CSRF token every state-changing form carries.
 */
public record Me(String subject, String name, Set<String> roles, String csrf) {
  public Me {
    roles = Set.copyOf(roles);
  }

  static Me of(SecurityIdentity identity, Csrf csrf) {
    Caller caller = Caller.of(identity);
    String name = caller.displayName() == null ? caller.subject() : caller.displayName();
    return new Me(caller.subject(), name, identity.getRoles(), csrf.token(identity));
  }

  /** May read plans, runs, drift and the matrix. */
  public boolean viewer() {
    return roles.contains(Roles.VIEWER);
  }

  /** May plan ({@code ci}, implied by deployer and admin). */
  public boolean planner() {
    return roles.contains(Roles.CI);
  }

  /** May apply a plan. */
  public boolean deployer() {
    return roles.contains(Roles.DEPLOYER);
  }

  /** May read and verify the audit trail and export drift. */
  public boolean auditor() {
    return roles.contains(Roles.AUDITOR);
  }

  /** The roles, sorted, for display. */
  public String roleList() {
    return String.join(", ", new java.util.TreeSet<>(roles));
  }
}
