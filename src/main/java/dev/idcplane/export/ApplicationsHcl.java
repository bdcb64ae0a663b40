package dev.idcplane.export;

import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.apps.ApplicationInfo;
import dev.idcplane.identitycenter.apps.LiveApplications;
import dev.idcplane.identitycenter.apps.LiveApplications.LiveApplication;
import dev.idcplane.identitycenter.apps.TrustedTokenIssuer;
import dev.idcplane.matrix.DeclaredApplication;
import dev.idcplane.matrix.DeclaredTrustedTokenIssuer;
import dev.idcplane.matrix.LocatedValue;
import dev.idcplane.matrix.Matrix;
import dev.idcplane.plan.apps.PrincipalLookup;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The matrix's trusted token issuers and customer-managed applications as AWS provider resources,
 * each with an import block when it exists live, in the import ID format the provider documents
 * (website/docs/r/ssoadmin_*.html.markdown, "Import"):
 *
 * <ul>
 *   <li>{@code aws_ssoadmin_trusted_token_issuer}: the issuer's ARN
 *   <li>{@code aws_ssoadmin_application} and {@code
 *       aws_ssoadmin_application_assignment_configuration}: the application's ARN
 *   <li>{@code aws_ssoadmin_application_access_scope}: {@code APPLICATION_ARN,SCOPE}
 *   <li>{@code aws_ssoadmin_application_assignment}: {@code
 *       APPLICATION_ARN,PRINCIPAL_ID,PRINCIPAL_TYPE}
 * </ul>
 *
 * The provider has no resource for an application's grants (JWT bearer, refresh token, token
 * exchange) nor for its IAM authentication method (the callers' actor policy): a comment on each
 * application names what Terraform would leave unmanaged.
 */
public final class ApplicationsHcl {
  /** What the applications export needs beside the resolved matrix. */
  public record Input(Matrix matrix, LiveApplications live, PrincipalLookup principals) {}

  private final Hcl out;
  private final TerraformExporter.Labels labels;
  private final String instance;

  ApplicationsHcl(Hcl out, TerraformExporter.Labels labels, String instance) {
    this.out = out;
    this.labels = labels;
    this.instance = instance;
  }

  void write(Input in) {
    Map<String, String> issuerRefs = new TreeMap<>();
    for (DeclaredTrustedTokenIssuer issuer : in.matrix().trustedTokenIssuers().values()) {
      if (issuer.absent()) {
        out.comment("Trusted token issuer " + issuer.name() + " is absent: not exported");
        out.blank();
        continue;
      }
      String label = labels.next("tti_" + issuer.name());
      issuerRefs.put(issuer.name(), "aws_ssoadmin_trusted_token_issuer." + label + ".arn");
      issuer(label, issuer, liveIssuer(in.live(), issuer.name()));
    }
    Map<String, String> appRefs = new TreeMap<>();
    Map<String, String> labelsByApp = new TreeMap<>();
    for (DeclaredApplication app : in.matrix().applications().values()) {
      if (!app.absent()) {
        String label = labels.next("app_" + app.name());
        labelsByApp.put(app.name(), label);
        appRefs.put(app.name(), "aws_ssoadmin_application." + label + ".arn");
      }
    }
    for (DeclaredApplication app : in.matrix().applications().values()) {
      if (app.absent()) {
        out.comment("Application " + app.name() + " is absent: not exported");
        out.blank();
        continue;
      }
      application(labelsByApp.get(app.name()), app, liveApp(in.live(), app.name()), in, appRefs);
    }
  }

  private void issuer(
      String label, DeclaredTrustedTokenIssuer issuer, Optional<TrustedTokenIssuer> live) {
    out.comment("Trusted token issuer " + issuer.name() + ", declared at " + issuer.at());
    out.open("resource", "aws_ssoadmin_trusted_token_issuer", label);
    out.attr("name", Hcl.quote(issuer.name()));
    out.attr("instance_arn", Hcl.quote(instance));
    out.attr("trusted_token_issuer_type", Hcl.quote("OIDC_JWT"));
    out.open("trusted_token_issuer_configuration");
    out.open("oidc_jwt_configuration");
    out.attr("claim_attribute_path", Hcl.quote(issuer.claimAttributePath()));
    out.attr("identity_store_attribute_path", Hcl.quote(issuer.identityStoreAttributePath()));
    out.attr("issuer_url", Hcl.quote(issuer.issuerUrl()));
    out.attr("jwks_retrieval_option", Hcl.quote("OPEN_ID_DISCOVERY"));
    out.close();
    out.close();
    out.close();
    live.filter(l -> l.arn() != null)
        .ifPresent(l -> out.importBlock("aws_ssoadmin_trusted_token_issuer." + label, l.arn()));
    out.blank();
  }

  private void application(
      String label,
      DeclaredApplication app,
      Optional<LiveApplication> live,
      Input in,
      Map<String, String> appRefs) {
    String ref = "aws_ssoadmin_application." + label + ".arn";
    Optional<String> arn = live.map(l -> l.info().arn());
    out.comment("Application " + app.name() + ", declared at " + app.at());
    List<String> gaps = new ArrayList<>();
    if (!app.jwtBearer().isEmpty() || app.refreshToken() || app.tokenExchange()) {
      gaps.add("its grants (" + grants(app) + ")");
    }
    if (!app.callers().isEmpty()) {
      gaps.add("its IAM authentication method (callers " + values(app.callers()) + ")");
    }
    if (!gaps.isEmpty()) {
      out.comment(
          "Not in Terraform: the provider has no resource for "
              + String.join(" or ", gaps)
              + "; keep them in the matrix or set them with the sso-admin API.");
    }
    out.open("resource", "aws_ssoadmin_application", label);
    out.attr("name", Hcl.quote(app.name()));
    out.attr("application_provider_arn", Hcl.quote(ApplicationInfo.CUSTOM_PROVIDER));
    out.attr("instance_arn", Hcl.quote(instance));
    app.description().ifPresent(d -> out.attr("description", Hcl.quote(d)));
    out.attr("status", Hcl.quote(app.status().name()));
    out.close();
    arn.ifPresent(a -> out.importBlock("aws_ssoadmin_application." + label, a));

    String config = labels.next(label + "_assignment_configuration");
    out.open("resource", "aws_ssoadmin_application_assignment_configuration", config);
    out.attr("application_arn", ref);
    out.attr("assignment_required", String.valueOf(app.assignmentRequired()));
    out.close();
    arn.ifPresent(
        a -> out.importBlock("aws_ssoadmin_application_assignment_configuration." + config, a));

    for (DeclaredApplication.AccessScope scope : app.scopes()) {
      String l = labels.next(label + "_scope_" + scope.name());
      out.open("resource", "aws_ssoadmin_application_access_scope", l);
      out.attr("application_arn", ref);
      out.attr("scope", Hcl.quote(scope.name()));
      if (!scope.targets().isEmpty()) {
        out.attr(
            "authorized_targets",
            "["
                + String.join(
                    ", ",
                    scope.targets().stream()
                        .map(t -> appRefs.getOrDefault(t.value(), Hcl.quote(t.value())))
                        .toList())
                + "]");
      }
      out.close();
      if (arn.isPresent()
          && live.get().scopes().stream().anyMatch(s -> s.scope().equals(scope.name()))) {
        out.importBlock(
            "aws_ssoadmin_application_access_scope." + l, arn.get() + "," + scope.name());
      }
    }
    assignments(label, ref, PrincipalType.GROUP, app.groups(), arn, live, in.principals());
    assignments(label, ref, PrincipalType.USER, app.users(), arn, live, in.principals());
    out.blank();
  }

  private void assignments(
      String label,
      String ref,
      PrincipalType type,
      List<LocatedValue> names,
      Optional<String> arn,
      Optional<LiveApplication> live,
      PrincipalLookup principals) {
    for (LocatedValue name : names) {
      Optional<String> id =
          type == PrincipalType.GROUP
              ? principals.groupId(name.value())
              : principals.userId(name.value());
      if (id.isEmpty()) {
        out.comment(
            type.name().toLowerCase(java.util.Locale.ROOT)
                + " "
                + name.value()
                + " is not in the identity store: its assignment is not exported");
        continue;
      }
      String l = labels.next(label + "_" + name.value());
      out.open("resource", "aws_ssoadmin_application_assignment", l);
      out.attr("application_arn", ref);
      out.attr("principal_id", Hcl.quote(id.get()));
      out.attr("principal_type", Hcl.quote(type.name()));
      out.close();
      boolean assigned =
          live.map(
                  a ->
                      a.assignments().stream()
                          .anyMatch(
                              x -> x.principalType() == type && x.principalId().equals(id.get())))
              .orElse(false);
      if (arn.isPresent() && assigned) {
        out.importBlock(
            "aws_ssoadmin_application_assignment." + l,
            arn.get() + "," + id.get() + "," + type.name());
      }
    }
  }

  private static String grants(DeclaredApplication app) {
    List<String> out = new ArrayList<>();
    for (DeclaredApplication.JwtBearerGrant g : app.jwtBearer()) {
      out.add("jwt-bearer from " + g.issuer().value() + " for " + values(g.audiences()));
    }
    if (app.refreshToken()) {
      out.add("refresh_token");
    }
    if (app.tokenExchange()) {
      out.add("token-exchange");
    }
    return String.join("; ", out);
  }

  private static String values(List<LocatedValue> values) {
    return String.join(", ", values.stream().map(LocatedValue::value).toList());
  }

  private static Optional<TrustedTokenIssuer> liveIssuer(LiveApplications live, String name) {
    return live.issuers().stream().filter(i -> i.name().equals(name)).findFirst();
  }

  private static Optional<LiveApplication> liveApp(LiveApplications live, String name) {
    return live.applications().stream()
        .filter(a -> a.info().name().equals(name) && a.info().custom())
        .findFirst();
  }
}
