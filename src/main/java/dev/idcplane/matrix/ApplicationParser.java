package dev.idcplane.matrix;

import dev.idcplane.matrix.DeclaredApplication.AccessScope;
import dev.idcplane.matrix.DeclaredApplication.JwtBearerGrant;
import dev.idcplane.matrix.NodeReader.Entry;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/** Reads one entry under {@code applications}. */
final class ApplicationParser {
  static final Set<String> KEYS =
      new LinkedHashSet<>(
          List.of(
              "description",
              "status",
              "callers",
              "jwt_bearer",
              "refresh_token",
              "token_exchange",
              "scopes",
              "assignment_required",
              "assignments",
              ApplicationChecks.ABSENT));

  static final Set<String> GRANT_KEYS = new LinkedHashSet<>(List.of("issuer", "audiences"));
  static final Set<String> SCOPE_KEYS = new LinkedHashSet<>(List.of("scope", "targets"));
  static final Set<String> ASSIGNMENT_KEYS = new LinkedHashSet<>(List.of("groups", "users"));

  /**
   * An application declared in a file: its name, where, whether it says {@code absent: true}, the
   * declaration when it has no problems, and the issuers its grant and the targets its scopes name
   * (kept even when the declaration has other problems, so references are checked too).
   */
  record Declaration(
      String name,
      SourceLocation at,
      boolean absent,
      Optional<DeclaredApplication> parsed,
      List<LocatedValue> issuers,
      List<LocatedValue> targets) {}

  private final NodeReader r;

  ApplicationParser(NodeReader r) {
    this.r = r;
  }

  Declaration parse(String name, Node keyNode, Node value, String field) {
    int before = r.problemCount();
    SourceLocation at = r.at(keyNode);
    ApplicationChecks.applicationName(r, name, keyNode, field);
    Map<String, Entry> e =
        NodeReader.isNull(value) ? Map.of() : r.mapping(value, field, KEYS).orElse(null);
    if (e == null) {
      return new Declaration(name, at, false, Optional.empty(), List.of(), List.of());
    }
    if (ApplicationChecks.absent(r, e, "application " + name, field)) {
      return new Declaration(
          name,
          at,
          true,
          r.problemCount() == before
              ? Optional.of(DeclaredApplication.absent(name, at))
              : Optional.empty(),
          List.of(),
          List.of());
    }
    Optional<String> description =
        text(e, "description", field)
            .filter(
                d ->
                    ApplicationChecks.description(
                        r, d, e.get("description").value(), field + ".description"));
    DeclaredApplication.Status status =
        text(e, "status", field)
            .filter(s -> ApplicationChecks.status(r, s, e.get("status").value(), field + ".status"))
            .map(DeclaredApplication.Status::valueOf)
            .orElse(DeclaredApplication.Status.ENABLED);
    List<LocatedValue> callers = list(e, "callers", field);
    callers.forEach(c -> ApplicationChecks.caller(r, c));
    ApplicationChecks.distinct(r, callers, "caller");
    List<JwtBearerGrant> grants = jwtBearer(e, field);
    boolean refreshToken = bool(e, "refresh_token", field, false);
    boolean tokenExchange = bool(e, "token_exchange", field, false);
    List<LocatedValue> targets = new ArrayList<>();
    List<AccessScope> scopes = scopes(e, field, targets);
    boolean assignmentRequired = bool(e, "assignment_required", field, true);
    List<LocatedValue> groups = List.of();
    List<LocatedValue> users = List.of();
    if (e.containsKey("assignments") && !NodeReader.isNull(e.get("assignments").value())) {
      String f = field + ".assignments";
      Map<String, Entry> a =
          r.mapping(e.get("assignments").value(), f, ASSIGNMENT_KEYS).orElse(Map.of());
      groups = list(a, "groups", f);
      users = list(a, "users", f);
      ApplicationChecks.distinct(r, groups, "group");
      ApplicationChecks.distinct(r, users, "user");
    }
    List<LocatedValue> issuers = grants.stream().map(JwtBearerGrant::issuer).toList();
    if (r.problemCount() != before) {
      return new Declaration(name, at, false, Optional.empty(), issuers, targets);
    }
    DeclaredApplication app =
        new DeclaredApplication(
            name,
            description,
            status,
            callers,
            grants,
            refreshToken,
            tokenExchange,
            scopes,
            assignmentRequired,
            groups,
            users,
            false,
            at);
    return new Declaration(name, at, false, Optional.of(app), issuers, targets);
  }

  private Optional<String> text(Map<String, Entry> e, String key, String field) {
    return e.containsKey(key)
        ? r.requiredScalar(e.get(key).value(), field + "." + key)
        : Optional.empty();
  }

  private boolean bool(Map<String, Entry> e, String key, String field, boolean otherwise) {
    return e.containsKey(key)
        ? r.bool(e.get(key).value(), field + "." + key).orElse(otherwise)
        : otherwise;
  }

  private List<LocatedValue> list(Map<String, Entry> e, String key, String field) {
    return e.containsKey(key)
        ? r.scalarList(e.get(key).value(), field + "." + key).orElse(List.of())
        : List.of();
  }

  /** The grant's issuers, each with its audiences; a bad entry is reported and left out. */
  private List<JwtBearerGrant> jwtBearer(Map<String, Entry> e, String field) {
    if (!e.containsKey("jwt_bearer")) {
      return List.of();
    }
    String f = field + ".jwt_bearer";
    Node node = e.get("jwt_bearer").value();
    Optional<List<Node>> items = r.sequence(node, f);
    if (items.isEmpty()) {
      return List.of();
    }
    int count = items.get().size();
    if (count == 0 || count > ApplicationChecks.MAX_GRANT_ISSUERS) {
      r.report(
          ViolationKind.INVALID_JWT_BEARER_GRANT,
          node,
          f,
          "the jwt_bearer grant lists " + count + " issuers; AWS allows 1 to 10",
          count == 0
              ? "list the issuers whose tokens the application accepts, or remove jwt_bearer"
              : "keep at most 10 issuers");
    }
    List<JwtBearerGrant> grants = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      grant(items.get().get(i), f + "[" + i + "]").ifPresent(grants::add);
    }
    ApplicationChecks.distinct(
        r, grants.stream().map(JwtBearerGrant::issuer).toList(), "jwt_bearer issuer");
    return grants;
  }

  private Optional<JwtBearerGrant> grant(Node node, String field) {
    Map<String, Entry> g = r.mapping(node, field, GRANT_KEYS).orElse(null);
    if (g == null) {
      return Optional.empty();
    }
    Optional<LocatedValue> issuer = Optional.empty();
    if (!g.containsKey("issuer")) {
      r.report(
          ViolationKind.MISSING_FIELD,
          node,
          field + ".issuer",
          "a jwt_bearer entry needs an issuer",
          "add issuer: <a trusted token issuer declared under trusted_token_issuers, or its ARN>");
    } else {
      Node in = g.get("issuer").value();
      issuer =
          r.requiredScalar(in, field + ".issuer")
              .map(v -> new LocatedValue(v, r.at(in), field + ".issuer"));
    }
    List<LocatedValue> audiences = List.of();
    if (!g.containsKey("audiences")) {
      r.report(
          ViolationKind.MISSING_FIELD,
          node,
          field + ".audiences",
          "a jwt_bearer entry needs audiences",
          "add audiences: [<the aud claim of the issuer's tokens for this application>]");
    } else {
      Node an = g.get("audiences").value();
      Optional<List<LocatedValue>> read = r.scalarList(an, field + ".audiences");
      audiences = read.orElse(List.of());
      int count = read.map(List::size).orElse(-1);
      if (count == 0 || count > ApplicationChecks.MAX_AUDIENCES) {
        r.report(
            ViolationKind.INVALID_AUDIENCES,
            an,
            field + ".audiences",
            "the issuer has " + count + " audiences; AWS allows 1 to 10",
            count == 0 ? "list the aud values the application accepts" : "keep at most 10");
      }
      audiences.forEach(a -> ApplicationChecks.audience(r, a));
      ApplicationChecks.distinct(r, audiences, "audience");
    }
    List<LocatedValue> accepted = audiences;
    return issuer.map(i -> new JwtBearerGrant(i, accepted, r.at(node)));
  }

  /** The scopes; every target written, even of a bad scope, is added to {@code targets}. */
  private List<AccessScope> scopes(Map<String, Entry> e, String field, List<LocatedValue> targets) {
    if (!e.containsKey("scopes")) {
      return List.of();
    }
    String f = field + ".scopes";
    Node node = e.get("scopes").value();
    List<Node> items = r.sequence(node, f).orElse(List.of());
    if (items.size() > ApplicationChecks.MAX_SCOPES) {
      r.report(
          ViolationKind.TOO_MANY_SCOPES,
          node,
          f,
          items.size() + " scopes; an application has at most " + ApplicationChecks.MAX_SCOPES,
          "remove scopes");
    }
    List<AccessScope> scopes = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      scope(items.get(i), f + "[" + i + "]", targets).ifPresent(scopes::add);
    }
    ApplicationChecks.distinct(r, scopes.stream().map(AccessScope::scope).toList(), "scope");
    return scopes;
  }

  /** A scope written as {@code name} or as {@code {scope: name, targets: [...]}}. */
  private Optional<AccessScope> scope(Node node, String field, List<LocatedValue> allTargets) {
    if (node instanceof ScalarNode) {
      return r.requiredScalar(node, field)
          .map(v -> new LocatedValue(v, r.at(node), field))
          .filter(v -> ApplicationChecks.scope(r, v))
          .map(v -> new AccessScope(v, List.of()));
    }
    Map<String, Entry> s = r.mapping(node, field, SCOPE_KEYS).orElse(null);
    if (s == null) {
      return Optional.empty();
    }
    Optional<LocatedValue> scope = Optional.empty();
    if (!s.containsKey("scope")) {
      r.report(
          ViolationKind.MISSING_FIELD,
          node,
          field + ".scope",
          "a scope with targets needs its scope",
          "add scope: <e.g. s3:access_grants:read_write>");
    } else {
      Node sn = s.get("scope").value();
      scope =
          r.requiredScalar(sn, field + ".scope")
              .map(v -> new LocatedValue(v, r.at(sn), field + ".scope"))
              .filter(v -> ApplicationChecks.scope(r, v));
    }
    List<LocatedValue> targets = list(s, "targets", field);
    allTargets.addAll(targets);
    if (targets.size() > ApplicationChecks.MAX_SCOPE_TARGETS) {
      r.report(
          ViolationKind.TOO_MANY_SCOPE_TARGETS,
          s.get("targets").value(),
          field + ".targets",
          targets.size() + " targets; a scope has at most " + ApplicationChecks.MAX_SCOPE_TARGETS,
          "remove targets");
    }
    ApplicationChecks.distinct(r, targets, "target");
    return scope.map(v -> new AccessScope(v, targets));
  }
}
