package dev.idcplane.adopt;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.apps.AccessScope;
import dev.idcplane.identitycenter.apps.ApplicationAssignment;
import dev.idcplane.identitycenter.apps.ApplicationGrant;
import dev.idcplane.identitycenter.apps.LiveApplications;
import dev.idcplane.identitycenter.apps.TrustedTokenIssuer;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiFunction;

/**
 * The {@code applications.yaml} of an import: every trusted token issuer, and every
 * customer-managed application with its grants, callers (from the actor policy), scopes, assignment
 * setting and assignments. Applications of other providers are not ours and are left out. What the
 * matrix cannot say (an authorization-code grant, an actor policy other than one Allow of
 * CreateTokenWithIAM) is listed as to do. Pure.
 */
final class ApplicationImporter {
  private static final ObjectMapper JSON = new ObjectMapper();

  private final BiFunction<PrincipalType, String, String> nameOf;

  /** {@code nameOf} gives a principal's group display name or user name by id. */
  ApplicationImporter(BiFunction<PrincipalType, String, String> nameOf) {
    this.nameOf = nameOf;
  }

  /** The document, or empty when the instance has no issuer and no customer application. */
  Optional<Map<String, Object>> document(LiveApplications live, List<String> todo) {
    Map<String, String> issuerNames = new TreeMap<>();
    Map<String, Object> issuers = new TreeMap<>();
    for (TrustedTokenIssuer t : live.issuers()) {
      issuerNames.put(t.arn(), t.name());
      Map<String, Object> i = new LinkedHashMap<>();
      i.put("issuer_url", t.issuerUrl());
      i.put("claim_attribute_path", t.claimAttributePath());
      i.put("identity_store_attribute_path", t.identityStoreAttributePath());
      issuers.put(t.name(), i);
    }
    Map<String, String> appNames = new TreeMap<>();
    live.applications().forEach(a -> appNames.put(a.info().arn(), a.info().name()));
    Map<String, Object> apps = new TreeMap<>();
    for (LiveApplications.LiveApplication a : live.applications()) {
      if (a.info().custom()) {
        apps.put(a.info().name(), application(a, issuerNames, appNames, todo));
      }
    }
    if (issuers.isEmpty() && apps.isEmpty()) {
      return Optional.empty();
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    if (!issuers.isEmpty()) {
      doc.put("trusted_token_issuers", issuers);
    }
    if (!apps.isEmpty()) {
      doc.put("applications", apps);
    }
    return Optional.of(doc);
  }

  private Map<String, Object> application(
      LiveApplications.LiveApplication a,
      Map<String, String> issuerNames,
      Map<String, String> appNames,
      List<String> todo) {
    String name = a.info().name();
    Map<String, Object> out = new LinkedHashMap<>();
    if (a.info().description() != null) {
      out.put("description", a.info().description());
    }
    out.put("status", a.info().status());
    a.actorPolicy().ifPresent(p -> out.put("callers", callers(name, p, todo)));
    List<Object> jwt = new ArrayList<>();
    for (ApplicationGrant g : a.grants()) {
      switch (g.type()) {
        case JWT_BEARER ->
            g.issuers()
                .forEach(
                    i -> {
                      Map<String, Object> e = new LinkedHashMap<>();
                      e.put("issuer", issuerNames.getOrDefault(i.issuerArn(), i.issuerArn()));
                      e.put("audiences", i.audiences());
                      jwt.add(e);
                    });
        case REFRESH_TOKEN -> out.put("refresh_token", true);
        case TOKEN_EXCHANGE -> out.put("token_exchange", true);
        case AUTHORIZATION_CODE ->
            todo.add(
                "applications.yaml: "
                    + name
                    + " has an authorization-code grant, which the matrix cannot declare");
      }
    }
    if (!jwt.isEmpty()) {
      out.put("jwt_bearer", jwt);
    }
    if (!a.scopes().isEmpty()) {
      List<Object> scopes = new ArrayList<>();
      for (AccessScope s : a.scopes()) {
        if (s.targets().isEmpty()) {
          scopes.add(s.scope());
        } else {
          Map<String, Object> e = new LinkedHashMap<>();
          e.put("scope", s.scope());
          e.put("targets", s.targets().stream().map(t -> appNames.getOrDefault(t, t)).toList());
          scopes.add(e);
        }
      }
      out.put("scopes", scopes);
    }
    out.put("assignment_required", a.assignmentRequired());
    List<String> groups = new ArrayList<>();
    List<String> users = new ArrayList<>();
    for (ApplicationAssignment p : a.assignments()) {
      (p.principalType() == PrincipalType.GROUP ? groups : users)
          .add(nameOf.apply(p.principalType(), p.principalId()));
    }
    if (!groups.isEmpty() || !users.isEmpty()) {
      Map<String, Object> assignments = new LinkedHashMap<>();
      if (!groups.isEmpty()) {
        assignments.put("groups", groups.stream().sorted().toList());
      }
      if (!users.isEmpty()) {
        assignments.put("users", users.stream().sorted().toList());
      }
      out.put("assignments", assignments);
    }
    return out;
  }

  /** The principals an actor policy allows CreateTokenWithIAM to; other shapes are to do. */
  private static List<String> callers(String app, String policy, List<String> todo) {
    List<String> out = new ArrayList<>();
    try {
      JsonNode statements = JSON.readTree(policy).path("Statement");
      List<JsonNode> list = new ArrayList<>();
      if (statements.isArray()) {
        statements.forEach(list::add);
      } else {
        list.add(statements);
      }
      boolean plain = list.size() == 1;
      for (JsonNode st : list) {
        plain &= "Allow".equals(st.path("Effect").asText());
        JsonNode aws = st.path("Principal").path("AWS");
        if (aws.isArray()) {
          aws.forEach(p -> out.add(p.asText()));
        } else if (aws.isTextual()) {
          out.add(aws.asText());
        }
      }
      if (!plain) {
        todo.add(
            "applications.yaml: "
                + app
                + "'s actor policy is not one Allow statement; callers lists its principals");
      }
    } catch (IOException e) {
      todo.add("applications.yaml: " + app + "'s actor policy is not JSON; callers left empty");
    }
    return out.stream().distinct().sorted().toList();
  }
}
