package dev.idcplane.matrix;

import dev.idcplane.matrix.NodeReader.Entry;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.nodes.Node;

/** Reads one entry under {@code trusted_token_issuers}. */
final class TrustedTokenIssuerParser {
  static final Set<String> KEYS =
      new LinkedHashSet<>(
          List.of(
              "issuer_url",
              "claim_attribute_path",
              "identity_store_attribute_path",
              ApplicationChecks.ABSENT));

  /**
   * An issuer declared in a file: its name, where, whether it says {@code absent: true}, and the
   * declaration when it has no problems.
   */
  record Declaration(
      String name,
      SourceLocation at,
      boolean absent,
      Optional<DeclaredTrustedTokenIssuer> parsed) {}

  private final NodeReader r;

  TrustedTokenIssuerParser(NodeReader r) {
    this.r = r;
  }

  Declaration parse(String name, Node keyNode, Node value, String field) {
    int before = r.problemCount();
    SourceLocation at = r.at(keyNode);
    ApplicationChecks.issuerName(r, name, keyNode, field);
    Map<String, Entry> e =
        NodeReader.isNull(value) ? Map.of() : r.mapping(value, field, KEYS).orElse(null);
    if (e == null) {
      return new Declaration(name, at, false, Optional.empty());
    }
    if (ApplicationChecks.absent(r, e, "trusted token issuer " + name, field)) {
      return new Declaration(
          name,
          at,
          true,
          r.problemCount() == before
              ? Optional.of(DeclaredTrustedTokenIssuer.absent(name, at))
              : Optional.empty());
    }
    Optional<String> url =
        required(e, "issuer_url", keyNode, field, ApplicationChecks::issuerUrl, "https://...");
    Optional<String> claim =
        required(
            e,
            "claim_attribute_path",
            keyNode,
            field,
            ApplicationChecks::claimAttributePath,
            "the token claim that identifies the user, e.g. email");
    Optional<String> store =
        required(
            e,
            "identity_store_attribute_path",
            keyNode,
            field,
            ApplicationChecks::identityStoreAttributePath,
            "the identity store attribute the claim must equal, e.g. emails.value");
    if (r.problemCount() != before) {
      return new Declaration(name, at, false, Optional.empty());
    }
    return new Declaration(
        name,
        at,
        false,
        Optional.of(
            DeclaredTrustedTokenIssuer.managed(name, url.get(), claim.get(), store.get(), at)));
  }

  /** A required key's value when present, not blank and passing the check; else reported. */
  private Optional<String> required(
      Map<String, Entry> e,
      String key,
      Node keyNode,
      String field,
      PermissionSetParser.Check check,
      String what) {
    String f = field + "." + key;
    if (!e.containsKey(key)) {
      r.report(
          ViolationKind.MISSING_FIELD,
          keyNode,
          f,
          "a trusted token issuer needs " + key,
          "add " + key + ": <" + what + ">");
      return Optional.empty();
    }
    Node n = e.get(key).value();
    return r.requiredScalar(n, f).filter(v -> check.test(r, v, n, f));
  }
}
