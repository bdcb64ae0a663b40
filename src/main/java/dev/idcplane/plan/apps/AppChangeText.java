package dev.idcplane.plan.apps;

import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** How the text plan shows a change to a trusted token issuer or application. */
public final class AppChangeText {
  private AppChangeText() {}

  /** The change's lines (a head line, then what it sets), each ending in a newline. */
  public static String render(AppChange change) {
    StringBuilder out = new StringBuilder();
    if (change instanceof AppChange.CreateIssuer c) {
      head(out, '+', "trusted token issuer " + c.name());
      field(out, "issuer_url", c.issuerUrl());
      field(out, "claim_attribute_path", c.claimAttributePath());
      field(out, "identity_store_attribute_path", c.identityStoreAttributePath());
    } else if (change instanceof AppChange.UpdateIssuer u) {
      head(
          out,
          '~',
          "trusted token issuer "
              + u.issuer().name()
              + (u.newName().equals(u.issuer().name()) ? "" : " (renamed " + u.newName() + ")"));
      field(out, "claim_attribute_path", u.claimAttributePath());
      field(out, "identity_store_attribute_path", u.identityStoreAttributePath());
    } else if (change instanceof AppChange.DeleteIssuer d) {
      head(out, '-', "trusted token issuer " + d.issuer().name() + arn(d.issuer()));
    } else if (change instanceof AppChange.CreateApplication c) {
      head(out, '+', "application " + c.name());
      field(out, "description", c.description());
      field(out, "status", c.status());
    } else if (change instanceof AppChange.UpdateApplication u) {
      head(out, '~', "application " + u.application().name());
      field(out, "description", u.description());
      field(out, "status", u.status());
    } else if (change instanceof AppChange.DeleteApplication d) {
      head(out, '-', "application " + d.application().name() + arn(d.application()));
    } else if (change instanceof AppChange.PutGrant g) {
      head(out, '~', "application " + g.application().name() + ": grant " + g.type().awsName());
      for (AppChange.GrantIssuer i : g.issuers()) {
        field(out, "issuer " + i.issuer().name(), "audiences " + i.audiences());
      }
    } else if (change instanceof AppChange.DeleteGrant d) {
      head(out, '-', "application " + d.application().name() + ": grant " + d.type().awsName());
    } else if (change instanceof AppChange.PutActorPolicy p) {
      head(out, '~', "application " + p.application().name() + ": IAM authentication method");
      field(out, "actor_policy", p.policyJson());
    } else if (change instanceof AppChange.DeleteActorPolicy d) {
      head(out, '-', "application " + d.application().name() + ": IAM authentication method");
    } else if (change instanceof AppChange.PutScope s) {
      head(out, '~', "application " + s.application().name() + ": scope " + s.scope());
      if (!s.targets().isEmpty()) {
        field(out, "targets", names(s.targets()));
      }
    } else if (change instanceof AppChange.DeleteScope d) {
      head(out, '-', "application " + d.application().name() + ": scope " + d.scope());
    } else if (change instanceof AppChange.PutAssignmentRequired p) {
      head(
          out,
          '~',
          "application " + p.application().name() + ": assignment_required " + p.required());
    } else if (change instanceof AppChange.CreateAssignment a) {
      head(
          out,
          '+',
          "application "
              + a.application().name()
              + " → "
              + a.principalType().name().toLowerCase(Locale.ROOT)
              + " "
              + a.principalName()
              + " ("
              + a.principalId()
              + ")");
    } else if (change instanceof AppChange.DeleteAssignment a) {
      head(
          out,
          '-',
          "application "
              + a.application().name()
              + " → "
              + a.principalType().name().toLowerCase(Locale.ROOT)
              + " "
              + a.principalId());
    } else {
      throw new IllegalArgumentException("unknown change " + change);
    }
    return out.toString();
  }

  private static void head(StringBuilder out, char sign, String what) {
    out.append("  ").append(sign).append(' ').append(what).append('\n');
  }

  private static void field(StringBuilder out, String name, Object value) {
    if (value != null) {
      out.append("      ").append(name).append(": ").append(value).append('\n');
    }
  }

  private static String arn(ArnRef ref) {
    return ref.resolved() ? " (" + ref.arn() + ")" : "";
  }

  private static String names(List<ArnRef> refs) {
    return refs.stream().map(ArnRef::name).collect(Collectors.joining(", ", "[", "]"));
  }
}
