package dev.idcplane.ui;

import dev.idcplane.view.ChangeView;
import dev.idcplane.view.RefView;
import java.util.ArrayList;
import java.util.List;

/** One planned change as the plan page lists it: action, what it touches, and why. */
public record ChangeRow(
    String action, String key, String what, String reason, List<String> fields) {

  static ChangeRow of(ChangeView c) {
    List<String> parts = new ArrayList<>();
    if (c.principal() != null) {
      parts.add(ref(c.principal()));
    }
    if (c.permissionSet() != null) {
      parts.add("permission set " + c.permissionSet());
    }
    if (c.account() != null) {
      parts.add("account " + ref(new RefView(null, c.account().id(), c.account().name())));
    }
    if (c.target() != null && c.account() == null) {
      parts.add("to " + c.target());
    }
    if (c.trustedTokenIssuer() != null) {
      parts.add("trusted token issuer " + ref(c.trustedTokenIssuer()));
    }
    if (c.application() != null) {
      parts.add("application " + ref(c.application()));
    }
    List<String> fields = new ArrayList<>();
    if (c.fields() != null) {
      c.fields().forEach(f -> fields.add(f.field() + ": " + f.before() + " → " + f.after()));
    }
    return new ChangeRow(
        c.action(),
        c.key(),
        String.join(", ", parts),
        c.reason() == null ? "" : c.reason(),
        fields);
  }

  /** A delete: called out on the plan and the apply confirmation. */
  public boolean delete() {
    return action != null && action.toUpperCase(java.util.Locale.ROOT).startsWith("DELETE");
  }

  static String ref(RefView r) {
    String name = r.name() == null || r.name().isBlank() ? r.id() : r.name();
    String typed =
        r.type() == null ? name : r.type().toLowerCase(java.util.Locale.ROOT) + " " + name;
    return r.id() != null && r.name() != null && !r.name().equals(r.id())
        ? typed + " (" + r.id() + ")"
        : typed;
  }
}
