package dev.idcplane.plan.apps;

import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.apps.GrantType;
import java.util.List;
import java.util.Objects;

/**
 * One change to an instance's trusted token issuers or customer-managed applications. Each has a
 * stable {@link #key()} (what it changes, not why) and a display-only {@link #reason()} naming the
 * declaration's file:line. Issuers and applications created by the same plan are named by {@link
 * ArnRef#byName name}; the executor resolves them to ARNs as it goes.
 */
public sealed interface AppChange {

  /** What this change does to which resource; stable across plans of the same state. */
  String key();

  /** Why: the declaration (file:line) and what differs. Display only. */
  String reason();

  // ---- trusted token issuers

  /** Creates an OIDC_JWT trusted token issuer. */
  record CreateIssuer(
      String name,
      String issuerUrl,
      String claimAttributePath,
      String identityStoreAttributePath,
      String reason)
      implements AppChange {
    @Override
    public String key() {
      return "issuer/" + name + "/create";
    }
  }

  /**
   * Updates the name and claim mapping of an issuer ({@code newName} differs from {@code
   * issuer.name()} only when a replacement issuer takes its final name).
   */
  record UpdateIssuer(
      ArnRef issuer,
      String newName,
      String claimAttributePath,
      String identityStoreAttributePath,
      String reason)
      implements AppChange {
    @Override
    public String key() {
      return "issuer/" + issuer.name() + "/update";
    }
  }

  record DeleteIssuer(ArnRef issuer, String reason) implements AppChange {
    @Override
    public String key() {
      return "issuer/" + issuer.name() + "/delete" + (issuer.resolved() ? "/" + issuer.arn() : "");
    }
  }

  // ---- applications

  /** Creates a customer-managed application (provider custom). */
  record CreateApplication(String name, String description, String status, String reason)
      implements AppChange {
    @Override
    public String key() {
      return "application/" + name + "/create";
    }
  }

  record UpdateApplication(ArnRef application, String description, String status, String reason)
      implements AppChange {
    @Override
    public String key() {
      return "application/" + application.name() + "/update";
    }
  }

  record DeleteApplication(ArnRef application, String reason) implements AppChange {
    @Override
    public String key() {
      return "application/" + application.name() + "/delete";
    }
  }

  // ---- grants

  /** An issuer a jwt-bearer grant accepts, with its audiences. */
  record GrantIssuer(ArnRef issuer, List<String> audiences) {
    public GrantIssuer {
      Objects.requireNonNull(issuer, "issuer");
      audiences = List.copyOf(audiences);
    }
  }

  /** Creates or replaces the application's grant of {@code type}. */
  record PutGrant(ArnRef application, GrantType type, List<GrantIssuer> issuers, String reason)
      implements AppChange {
    public PutGrant {
      issuers = List.copyOf(issuers);
    }

    @Override
    public String key() {
      return "application/" + application.name() + "/grant/" + type.awsName() + "/put";
    }
  }

  record DeleteGrant(ArnRef application, GrantType type, String reason) implements AppChange {
    @Override
    public String key() {
      return "application/" + application.name() + "/grant/" + type.awsName() + "/delete";
    }
  }

  // ---- the IAM authentication method

  /** Creates or replaces the IAM authentication method with this actor policy (JSON). */
  record PutActorPolicy(ArnRef application, String policyJson, String reason) implements AppChange {
    @Override
    public String key() {
      return "application/" + application.name() + "/authentication-method/iam/put";
    }
  }

  record DeleteActorPolicy(ArnRef application, String reason) implements AppChange {
    @Override
    public String key() {
      return "application/" + application.name() + "/authentication-method/iam/delete";
    }
  }

  // ---- access scopes

  /** Creates or replaces a scope; {@code targets} empty for none. */
  record PutScope(ArnRef application, String scope, List<ArnRef> targets, String reason)
      implements AppChange {
    public PutScope {
      targets = List.copyOf(targets);
    }

    @Override
    public String key() {
      return "application/" + application.name() + "/scope/" + scope + "/put";
    }
  }

  record DeleteScope(ArnRef application, String scope, String reason) implements AppChange {
    @Override
    public String key() {
      return "application/" + application.name() + "/scope/" + scope + "/delete";
    }
  }

  // ---- assignments

  record PutAssignmentRequired(ArnRef application, boolean required, String reason)
      implements AppChange {
    @Override
    public String key() {
      return "application/" + application.name() + "/assignment-required/" + required;
    }
  }

  /** {@code principalName} is the group display name or user name, for display. */
  record CreateAssignment(
      ArnRef application,
      PrincipalType principalType,
      String principalId,
      String principalName,
      String reason)
      implements AppChange {
    @Override
    public String key() {
      return "application/"
          + application.name()
          + "/assignment/"
          + principalType
          + "/"
          + principalId
          + "/create";
    }
  }

  record DeleteAssignment(
      ArnRef application, PrincipalType principalType, String principalId, String reason)
      implements AppChange {
    @Override
    public String key() {
      return "application/"
          + application.name()
          + "/assignment/"
          + principalType
          + "/"
          + principalId
          + "/delete";
    }
  }
}
