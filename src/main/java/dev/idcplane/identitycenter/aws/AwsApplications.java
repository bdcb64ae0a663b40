package dev.idcplane.identitycenter.aws;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.idcplane.identitycenter.IdentityCenterException;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.apps.AccessScope;
import dev.idcplane.identitycenter.apps.ApplicationAssignment;
import dev.idcplane.identitycenter.apps.ApplicationGrant;
import dev.idcplane.identitycenter.apps.ApplicationInfo;
import dev.idcplane.identitycenter.apps.Applications;
import dev.idcplane.identitycenter.apps.GrantType;
import dev.idcplane.identitycenter.apps.TrustedTokenIssuer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.document.Document;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.ssoadmin.model.AuthenticationMethodType;
import software.amazon.awssdk.services.ssoadmin.model.AuthorizedTokenIssuer;
import software.amazon.awssdk.services.ssoadmin.model.Grant;
import software.amazon.awssdk.services.ssoadmin.model.GrantItem;
import software.amazon.awssdk.services.ssoadmin.model.OidcJwtConfiguration;
import software.amazon.awssdk.services.ssoadmin.model.TrustedTokenIssuerType;

/**
 * {@link Applications} through the AWS SDK's sso-admin client: trusted token issuers of type
 * OIDC_JWT and customer-managed applications with their grants, IAM authentication method (the
 * actor policy), access scopes, assignment setting and assignments. Errors are translated as for
 * every other sso-admin call ({@link AwsErrors}).
 */
public final class AwsApplications implements Applications {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final SsoAdminClient sso;

  public AwsApplications(SsoAdminClient sso) {
    this.sso = sso;
  }

  @Override
  public List<TrustedTokenIssuer> listTrustedTokenIssuers(String instanceArn) {
    List<String> arns =
        AwsErrors.call(
            "ListTrustedTokenIssuers",
            () ->
                sso
                    .listTrustedTokenIssuersPaginator(r -> r.instanceArn(instanceArn))
                    .trustedTokenIssuers()
                    .stream()
                    .map(t -> t.trustedTokenIssuerArn())
                    .toList());
    List<TrustedTokenIssuer> out = new ArrayList<>();
    for (String arn : arns) {
      var d =
          AwsErrors.call(
              "DescribeTrustedTokenIssuer",
              () -> sso.describeTrustedTokenIssuer(r -> r.trustedTokenIssuerArn(arn)));
      OidcJwtConfiguration oidc =
          d.trustedTokenIssuerConfiguration() == null
              ? null
              : d.trustedTokenIssuerConfiguration().oidcJwtConfiguration();
      if (oidc == null) {
        continue; // only OIDC_JWT issuers exist today
      }
      out.add(
          new TrustedTokenIssuer(
              d.trustedTokenIssuerArn(),
              d.name(),
              oidc.issuerUrl(),
              oidc.claimAttributePath(),
              oidc.identityStoreAttributePath()));
    }
    return out;
  }

  @Override
  public String createTrustedTokenIssuer(String instanceArn, TrustedTokenIssuer issuer) {
    return AwsErrors.call(
        "CreateTrustedTokenIssuer",
        () ->
            sso.createTrustedTokenIssuer(
                    r ->
                        r.instanceArn(instanceArn)
                            .name(issuer.name())
                            .trustedTokenIssuerType(TrustedTokenIssuerType.OIDC_JWT)
                            .trustedTokenIssuerConfiguration(
                                c ->
                                    c.oidcJwtConfiguration(
                                        o ->
                                            o.issuerUrl(issuer.issuerUrl())
                                                .claimAttributePath(issuer.claimAttributePath())
                                                .identityStoreAttributePath(
                                                    issuer.identityStoreAttributePath())
                                                .jwksRetrievalOption("OPEN_ID_DISCOVERY"))))
                .trustedTokenIssuerArn());
  }

  @Override
  public void updateTrustedTokenIssuer(
      String issuerArn, String name, String claimAttributePath, String identityStoreAttributePath) {
    AwsErrors.call(
        "UpdateTrustedTokenIssuer",
        () ->
            sso.updateTrustedTokenIssuer(
                r ->
                    r.trustedTokenIssuerArn(issuerArn)
                        .name(name)
                        .trustedTokenIssuerConfiguration(
                            c ->
                                c.oidcJwtConfiguration(
                                    o ->
                                        o.claimAttributePath(claimAttributePath)
                                            .identityStoreAttributePath(
                                                identityStoreAttributePath)))));
  }

  @Override
  public void deleteTrustedTokenIssuer(String issuerArn) {
    AwsErrors.call(
        "DeleteTrustedTokenIssuer",
        () -> sso.deleteTrustedTokenIssuer(r -> r.trustedTokenIssuerArn(issuerArn)));
  }

  @Override
  public List<ApplicationInfo> listApplications(String instanceArn) {
    return AwsErrors.call(
        "ListApplications",
        () ->
            sso.listApplicationsPaginator(r -> r.instanceArn(instanceArn)).applications().stream()
                .map(
                    a ->
                        new ApplicationInfo(
                            a.applicationArn(),
                            a.name(),
                            a.applicationProviderArn(),
                            a.description(),
                            a.statusAsString()))
                .toList());
  }

  @Override
  public String createApplication(
      String instanceArn, String name, String description, String status) {
    return AwsErrors.call(
        "CreateApplication",
        () ->
            sso.createApplication(
                    r ->
                        r.instanceArn(instanceArn)
                            .applicationProviderArn(ApplicationInfo.CUSTOM_PROVIDER)
                            .name(name)
                            .description(description)
                            .status(status))
                .applicationArn());
  }

  @Override
  public void updateApplication(String applicationArn, String description, String status) {
    AwsErrors.call(
        "UpdateApplication",
        () ->
            sso.updateApplication(
                r -> r.applicationArn(applicationArn).description(description).status(status)));
  }

  @Override
  public void deleteApplication(String applicationArn) {
    AwsErrors.call(
        "DeleteApplication", () -> sso.deleteApplication(r -> r.applicationArn(applicationArn)));
  }

  @Override
  public List<ApplicationGrant> listGrants(String applicationArn) {
    List<GrantItem> items =
        AwsErrors.call(
            "ListApplicationGrants",
            () ->
                sso
                    .listApplicationGrantsPaginator(r -> r.applicationArn(applicationArn))
                    .grants()
                    .stream()
                    .toList());
    List<ApplicationGrant> out = new ArrayList<>();
    for (GrantItem item : items) {
      GrantType.ofAwsName(item.grantTypeAsString()).ifPresent(t -> out.add(grant(t, item.grant())));
    }
    return out;
  }

  private static ApplicationGrant grant(GrantType type, Grant g) {
    return switch (type) {
      case JWT_BEARER ->
          ApplicationGrant.jwtBearer(
              g == null || g.jwtBearer() == null
                  ? List.of()
                  : g.jwtBearer().authorizedTokenIssuers().stream()
                      .map(
                          i ->
                              new ApplicationGrant.AuthorizedIssuer(
                                  i.trustedTokenIssuerArn(), i.authorizedAudiences()))
                      .toList());
      case AUTHORIZATION_CODE ->
          new ApplicationGrant(
              type,
              List.of(),
              g == null || g.authorizationCode() == null
                  ? List.of()
                  : g.authorizationCode().redirectUris());
      case REFRESH_TOKEN, TOKEN_EXCHANGE -> ApplicationGrant.of(type);
    };
  }

  @Override
  public void putGrant(String applicationArn, ApplicationGrant grant) {
    Grant g =
        switch (grant.type()) {
          case JWT_BEARER ->
              Grant.builder()
                  .jwtBearer(
                      j ->
                          j.authorizedTokenIssuers(
                              grant.issuers().stream()
                                  .map(
                                      i ->
                                          AuthorizedTokenIssuer.builder()
                                              .trustedTokenIssuerArn(i.issuerArn())
                                              .authorizedAudiences(i.audiences())
                                              .build())
                                  .toList()))
                  .build();
          case AUTHORIZATION_CODE ->
              Grant.builder().authorizationCode(a -> a.redirectUris(grant.redirectUris())).build();
          case REFRESH_TOKEN -> Grant.builder().refreshToken(t -> {}).build();
          case TOKEN_EXCHANGE -> Grant.builder().tokenExchange(t -> {}).build();
        };
    AwsErrors.call(
        "PutApplicationGrant",
        () ->
            sso.putApplicationGrant(
                r -> r.applicationArn(applicationArn).grantType(grant.type().awsName()).grant(g)));
  }

  @Override
  public void deleteGrant(String applicationArn, GrantType type) {
    AwsErrors.call(
        "DeleteApplicationGrant",
        () ->
            sso.deleteApplicationGrant(
                r -> r.applicationArn(applicationArn).grantType(type.awsName())));
  }

  @Override
  public Optional<String> getActorPolicy(String applicationArn) {
    return AwsErrors.call(
        "ListApplicationAuthenticationMethods",
        () ->
            sso
                .listApplicationAuthenticationMethodsPaginator(
                    r -> r.applicationArn(applicationArn))
                .authenticationMethods()
                .stream()
                .filter(m -> m.authenticationMethodType() == AuthenticationMethodType.IAM)
                .map(m -> m.authenticationMethod())
                .filter(m -> m != null && m.iam() != null && m.iam().actorPolicy() != null)
                .map(m -> json(m.iam().actorPolicy()))
                .findFirst());
  }

  @Override
  public void putActorPolicy(String applicationArn, String policyJson) {
    Document policy = document(policyJson);
    AwsErrors.call(
        "PutApplicationAuthenticationMethod",
        () ->
            sso.putApplicationAuthenticationMethod(
                r ->
                    r.applicationArn(applicationArn)
                        .authenticationMethodType(AuthenticationMethodType.IAM)
                        .authenticationMethod(m -> m.iam(i -> i.actorPolicy(policy)))));
  }

  @Override
  public void deleteActorPolicy(String applicationArn) {
    AwsErrors.call(
        "DeleteApplicationAuthenticationMethod",
        () ->
            sso.deleteApplicationAuthenticationMethod(
                r ->
                    r.applicationArn(applicationArn)
                        .authenticationMethodType(AuthenticationMethodType.IAM)));
  }

  @Override
  public List<AccessScope> listAccessScopes(String applicationArn) {
    return AwsErrors.call(
        "ListApplicationAccessScopes",
        () ->
            sso
                .listApplicationAccessScopesPaginator(r -> r.applicationArn(applicationArn))
                .scopes()
                .stream()
                .map(s -> new AccessScope(s.scope(), s.authorizedTargets()))
                .toList());
  }

  @Override
  public void putAccessScope(String applicationArn, AccessScope scope) {
    AwsErrors.call(
        "PutApplicationAccessScope",
        () ->
            sso.putApplicationAccessScope(
                r -> {
                  r.applicationArn(applicationArn).scope(scope.scope());
                  if (!scope.targets().isEmpty()) {
                    r.authorizedTargets(scope.targets()); // AWS refuses an empty list
                  }
                }));
  }

  @Override
  public void deleteAccessScope(String applicationArn, String scope) {
    AwsErrors.call(
        "DeleteApplicationAccessScope",
        () -> sso.deleteApplicationAccessScope(r -> r.applicationArn(applicationArn).scope(scope)));
  }

  @Override
  public boolean assignmentRequired(String applicationArn) {
    return AwsErrors.call(
        "GetApplicationAssignmentConfiguration",
        () ->
            Boolean.TRUE.equals(
                sso.getApplicationAssignmentConfiguration(r -> r.applicationArn(applicationArn))
                    .assignmentRequired()));
  }

  @Override
  public void putAssignmentRequired(String applicationArn, boolean required) {
    AwsErrors.call(
        "PutApplicationAssignmentConfiguration",
        () ->
            sso.putApplicationAssignmentConfiguration(
                r -> r.applicationArn(applicationArn).assignmentRequired(required)));
  }

  @Override
  public List<ApplicationAssignment> listAssignments(String applicationArn) {
    return AwsErrors.call(
        "ListApplicationAssignments",
        () ->
            sso
                .listApplicationAssignmentsPaginator(r -> r.applicationArn(applicationArn))
                .applicationAssignments()
                .stream()
                .map(
                    a ->
                        new ApplicationAssignment(
                            PrincipalType.valueOf(a.principalTypeAsString()), a.principalId()))
                .toList());
  }

  @Override
  public void createAssignment(String applicationArn, ApplicationAssignment assignment) {
    AwsErrors.call(
        "CreateApplicationAssignment",
        () ->
            sso.createApplicationAssignment(
                r ->
                    r.applicationArn(applicationArn)
                        .principalType(assignment.principalType().name())
                        .principalId(assignment.principalId())));
  }

  @Override
  public void deleteAssignment(String applicationArn, ApplicationAssignment assignment) {
    AwsErrors.call(
        "DeleteApplicationAssignment",
        () ->
            sso.deleteApplicationAssignment(
                r ->
                    r.applicationArn(applicationArn)
                        .principalType(assignment.principalType().name())
                        .principalId(assignment.principalId())));
  }

  // ---- actor policies: JSON text <-> the SDK's Document

  static Document document(String json) {
    JsonNode tree;
    try {
      tree = JSON.readTree(json);
    } catch (JsonProcessingException e) {
      throw new IdentityCenterException(
          IdentityCenterException.Kind.VALIDATION,
          "PutApplicationAuthenticationMethod",
          "the actor policy is not JSON: " + e.getOriginalMessage());
    }
    return document(tree);
  }

  private static Document document(JsonNode n) {
    if (n.isObject()) {
      Map<String, Document> map = new LinkedHashMap<>();
      n.fields().forEachRemaining(e -> map.put(e.getKey(), document(e.getValue())));
      return Document.fromMap(map);
    }
    if (n.isArray()) {
      List<Document> list = new ArrayList<>();
      n.forEach(v -> list.add(document(v)));
      return Document.fromList(list);
    }
    if (n.isBoolean()) {
      return Document.fromBoolean(n.booleanValue());
    }
    if (n.isNumber()) {
      return Document.fromNumber(n.decimalValue());
    }
    if (n.isNull()) {
      return Document.fromNull();
    }
    return Document.fromString(n.asText());
  }

  static String json(Document d) {
    try {
      return JSON.writeValueAsString(tree(d));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode tree(Document d) {
    JsonNodeFactory f = JsonNodeFactory.instance;
    if (d.isMap()) {
      var o = f.objectNode();
      d.asMap().forEach((k, v) -> o.set(k, tree(v)));
      return o;
    }
    if (d.isList()) {
      var a = f.arrayNode();
      d.asList().forEach(v -> a.add(tree(v)));
      return a;
    }
    if (d.isBoolean()) {
      return f.booleanNode(d.asBoolean());
    }
    if (d.isNumber()) {
      return f.numberNode(d.asNumber().bigDecimalValue());
    }
    if (d.isNull()) {
      return f.nullNode();
    }
    return f.textNode(d.asString());
  }
}
