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
  default String key() {
    if (this instanceof CreateIssuer x) {
      return "issuer/" + x.name() + "/create";
    }
    if (this instanceof UpdateIssuer x) {
      return "issuer/" + x.issuer().name() + "/update";
    }
    if (this instanceof DeleteIssuer x) {
      return "issuer/"
          + x.issuer().name()
          + "/delete"
          + (x.issuer().resolved() ? "/" + x.issuer().arn() : "");
    }
    if (this instanceof CreateApplication x) {
      return "application/" + x.name() + "/create";
    }
    if (this instanceof UpdateApplication x) {
      return "application/" + x.application().name() + "/update";
    }
    if (this instanceof DeleteApplication x) {
      return "application/" + x.application().name() + "/delete";
    }
    if (this instanceof PutGrant x) {
      return "application/" + x.application().name() + "/grant/" + x.type().awsName() + "/put";
    }
    if (this instanceof DeleteGrant x) {
      return "application/" + x.application().name() + "/grant/" + x.type().awsName() + "/delete";
    }
    if (this instanceof PutActorPolicy x) {
      return "application/" + x.application().name() + "/authentication-method/iam/put";
    }
    if (this instanceof DeleteActorPolicy x) {
      return "application/" + x.application().name() + "/authentication-method/iam/delete";
    }
    if (this instanceof PutScope x) {
      return "application/" + x.application().name() + "/scope/" + x.scope() + "/put";
    }
    if (this instanceof DeleteScope x) {
      return "application/" + x.application().name() + "/scope/" + x.scope() + "/delete";
    }
    if (this instanceof PutAssignmentRequired x) {
      return "application/" + x.application().name() + "/assignment-required/" + x.required();
    }
    if (this instanceof CreateAssignment x) {
      return assignmentKey(x.application(), x.principalType(), x.principalId()) + "/create";
    }
    if (this instanceof DeleteAssignment x) {
      return assignmentKey(x.application(), x.principalType(), x.principalId()) + "/delete";
    }
    throw new IllegalStateException("no key for " + this);
  }

  /**
   * The sso-admin operation this change makes, in snake case ({@code create_trusted_token_issuer},
   * {@code put_application_grant}, ...): how plans, runs and audit entries name it.
   */
  default String operation() {
    String name = getClass().getSimpleName();
    return switch (name) {
      case "CreateIssuer" -> "create_trusted_token_issuer";
      case "UpdateIssuer" -> "update_trusted_token_issuer";
      case "DeleteIssuer" -> "delete_trusted_token_issuer";
      case "CreateApplication" -> "create_application";
      case "UpdateApplication" -> "update_application";
      case "DeleteApplication" -> "delete_application";
      case "PutGrant" -> "put_application_grant";
      case "DeleteGrant" -> "delete_application_grant";
      case "PutActorPolicy" -> "put_application_authentication_method";
      case "DeleteActorPolicy" -> "delete_application_authentication_method";
      case "PutScope" -> "put_application_access_scope";
      case "DeleteScope" -> "delete_application_access_scope";
      case "PutAssignmentRequired" -> "put_application_assignment_configuration";
      case "CreateAssignment" -> "create_application_assignment";
      case "DeleteAssignment" -> "delete_application_assignment";
      default -> throw new IllegalStateException("no operation for " + name);
    };
  }

  /**
   * Whether this change is to a trusted token issuer (else to an application). Not named {@code
   * is…()}: Jackson would write it as a property of the stored and viewed change.
   */
  default boolean touchesIssuer() {
    return key().startsWith("issuer/");
  }

  /**
   * Everything the change acts on, as text, without its reason: equal for two changes that would do
   * the same thing (what a plan's fingerprint is made of).
   */
  default String content() {
    StringBuilder out = new StringBuilder(key());
    for (java.lang.reflect.RecordComponent rc : getClass().getRecordComponents()) {
      if (rc.getName().equals("reason")) {
        continue;
      }
      try {
        Object value = rc.getAccessor().invoke(this);
        out.append('|').append(rc.getName()).append('=').append(value);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot read " + rc.getName() + " of " + key(), e);
      }
    }
    return out.toString();
  }

  private static String assignmentKey(ArnRef app, PrincipalType type, String principalId) {
    return "application/" + app.name() + "/assignment/" + type + "/" + principalId;
  }

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
      implements AppChange {}

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
      implements AppChange {}

  record DeleteIssuer(ArnRef issuer, String reason) implements AppChange {}

  // ---- applications

  /** Creates a customer-managed application (provider custom). */
  record CreateApplication(String name, String description, String status, String reason)
      implements AppChange {}

  record UpdateApplication(ArnRef application, String description, String status, String reason)
      implements AppChange {}

  record DeleteApplication(ArnRef application, String reason) implements AppChange {}

  // ---- grants

  /** An issuer a jwt-bearer grant accepts, with its audiences. */
  record GrantIssuer(ArnRef issuer, List<String> audiences) {
    public GrantIssuer {
      Objects.requireNonNull(issuer, "issuer");
      audiences = List.copyOf(audiences);
    }
  }

  /** Creates or replaces the application's grant of {@code type} (issuers: an immutable list). */
  record PutGrant(ArnRef application, GrantType type, List<GrantIssuer> issuers, String reason)
      implements AppChange {}

  record DeleteGrant(ArnRef application, GrantType type, String reason) implements AppChange {}

  // ---- the IAM authentication method

  /** Creates or replaces the IAM authentication method with this actor policy (JSON). */
  record PutActorPolicy(ArnRef application, String policyJson, String reason)
      implements AppChange {}

  record DeleteActorPolicy(ArnRef application, String reason) implements AppChange {}

  // ---- access scopes

  /** Creates or replaces a scope; {@code targets} (an immutable list) empty for none. */
  record PutScope(ArnRef application, String scope, List<ArnRef> targets, String reason)
      implements AppChange {}

  record DeleteScope(ArnRef application, String scope, String reason) implements AppChange {}

  // ---- assignments

  record PutAssignmentRequired(ArnRef application, boolean required, String reason)
      implements AppChange {}

  /** {@code principalName} is the group display name or user name, for display. */
  record CreateAssignment(
      ArnRef application,
      PrincipalType principalType,
      String principalId,
      String principalName,
      String reason)
      implements AppChange {}

  record DeleteAssignment(
      ArnRef application, PrincipalType principalType, String principalId, String reason)
      implements AppChange {}
}
