package dev.idcplane.matrix;

import dev.idcplane.matrix.NodeReader.Entry;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.nodes.Node;

/**
 * The AWS limits on trusted token issuers and applications (sso-admin API model, botocore's {@code
 * sso-admin/2020-07-20/service-2.json}). Each check reports into the reader and answers whether the
 * value is acceptable.
 */
final class ApplicationChecks {
  static final String ABSENT = "absent";

  /** TrustedTokenIssuerName: 1..255 of {@code [\w+=,.@-]}. */
  static final Pattern ISSUER_NAME = Pattern.compile("[\\w+=,.@-]{1,255}");

  /** TrustedTokenIssuerUrl, with the {@code https} scheme required; at most 512 characters. */
  static final Pattern ISSUER_URL =
      Pattern.compile("https://[-a-zA-Z0-9+&@/%=~_|!:,.;]*[-a-zA-Z0-9+&@/%=~_|]");

  static final int MAX_ISSUER_URL = 512;

  /** ClaimAttributePath: at most 255 characters. */
  static final Pattern CLAIM_ATTRIBUTE_PATH = Pattern.compile("\\p{L}+(?:[._]\\p{L}+){0,2}");

  /** JMESPath (IdentityStoreAttributePath): at most 255 characters. */
  static final Pattern IDENTITY_STORE_ATTRIBUTE_PATH =
      Pattern.compile("\\p{L}+(?:\\.\\p{L}+){0,2}");

  static final int MAX_ATTRIBUTE_PATH = 255;

  /** Trusted token issuers per instance: a quota that cannot be raised. */
  static final int MAX_ISSUERS = 10;

  /** ApplicationNameType: 1..100 characters. */
  static final int MAX_APPLICATION_NAME = 100;

  /** Description (of an application): 1..128 characters. */
  static final int MAX_DESCRIPTION = 128;

  /** AuthorizedTokenIssuers and TokenIssuerAudiences: 1..10 each; an audience 1..512 chars. */
  static final int MAX_GRANT_ISSUERS = 10;

  static final int MAX_AUDIENCES = 10;
  static final int MAX_AUDIENCE = 512;

  /** Access scopes per application (IAM Identity Center quota). */
  static final int MAX_SCOPES = 25;

  /** ScopeTargets: 1..10. */
  static final int MAX_SCOPE_TARGETS = 10;

  /** Scope: up to three segments of 1..50 of {@code [A-Za-z0-9_]}, joined by ':'. */
  static final Pattern SCOPE =
      Pattern.compile("[A-Za-z0-9_]{1,50}(:[A-Za-z0-9_]{1,50}){0,1}(:[A-Za-z0-9_]{1,50}){0,1}");

  /** An IAM principal ARN: an account root, a role or a user (with an optional path). */
  static final Pattern CALLER =
      Pattern.compile(
          "arn:aws(-[a-z]{1,5}){0,3}:iam::\\d{12}:(root|(role|user)/([\\w+=,.@-]+/)*[\\w+=,.@-]{1,64})");

  private ApplicationChecks() {}

  /**
   * Whether the entry says {@code absent: true}; if so, every other key is reported, as a removal
   * declares nothing else.
   */
  static boolean absent(NodeReader r, Map<String, Entry> e, String what, String field) {
    if (!e.containsKey(ABSENT)
        || !r.bool(e.get(ABSENT).value(), field + "." + ABSENT).orElse(false)) {
      return false;
    }
    e.values().stream()
        .filter(x -> !x.key().equals(ABSENT))
        .forEach(
            x ->
                r.report(
                    ViolationKind.ABSENT_WITH_DEFINITION,
                    x.keyNode(),
                    field + "." + x.key(),
                    what + " is declared absent (to be deleted): it has no '" + x.key() + "'",
                    "remove '" + x.key() + "' or remove 'absent: true'"));
    return true;
  }

  static boolean issuerName(NodeReader r, String name, Node node, String field) {
    if (ISSUER_NAME.matcher(name).matches()) {
      return true;
    }
    r.report(
        ViolationKind.INVALID_TRUSTED_TOKEN_ISSUER_NAME,
        node,
        field,
        "'" + name + "' is not a valid trusted token issuer name",
        "use 1 to 255 letters, digits or + = , . @ _ -");
    return false;
  }

  static boolean issuerUrl(NodeReader r, String url, Node node, String field) {
    String problem = null;
    if (url.length() > MAX_ISSUER_URL) {
      problem = "issuer URL has " + url.length() + " characters, over the " + MAX_ISSUER_URL;
    } else if (!url.toLowerCase(Locale.ROOT).startsWith("https://")) {
      problem = "issuer URL '" + url + "' is not https://";
    } else if (!ISSUER_URL.matcher(url).matches() || !hasHost(url)) {
      problem = "issuer URL '" + url + "' is not a URL AWS accepts";
    }
    if (problem == null) {
      return true;
    }
    r.report(
        ViolationKind.INVALID_ISSUER_URL,
        node,
        field,
        problem,
        "write the issuer's https:// URL as its tokens' iss claim has it, e.g."
            + " https://idp.example.com/oauth2/default");
    return false;
  }

  private static boolean hasHost(String url) {
    try {
      return new URI(url).getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  static boolean claimAttributePath(NodeReader r, String path, Node node, String field) {
    return attributePath(
        r, path, node, field, CLAIM_ATTRIBUTE_PATH, "e.g. email, sub or user.email (_ joins too)");
  }

  static boolean identityStoreAttributePath(NodeReader r, String path, Node node, String field) {
    return attributePath(
        r,
        path,
        node,
        field,
        IDENTITY_STORE_ATTRIBUTE_PATH,
        "e.g. userName, emails.value or externalIds.id");
  }

  private static boolean attributePath(
      NodeReader r, String path, Node node, String field, Pattern pattern, String example) {
    if (path.length() <= MAX_ATTRIBUTE_PATH && pattern.matcher(path).matches()) {
      return true;
    }
    r.report(
        ViolationKind.INVALID_ATTRIBUTE_PATH,
        node,
        field,
        "'" + path + "' is not an attribute path AWS accepts (pattern " + pattern.pattern() + ")",
        "write one to three names of letters joined by '.', " + example);
    return false;
  }

  static boolean applicationName(NodeReader r, String name, Node node, String field) {
    if (!name.isBlank() && name.length() <= MAX_APPLICATION_NAME) {
      return true;
    }
    r.report(
        ViolationKind.INVALID_APPLICATION_NAME,
        node,
        field,
        "application name has " + name.length() + " characters; AWS allows 1 to 100",
        "shorten the name to at most " + MAX_APPLICATION_NAME + " characters");
    return false;
  }

  static boolean description(NodeReader r, String text, Node node, String field) {
    if (text.length() <= MAX_DESCRIPTION) {
      return true;
    }
    r.report(
        ViolationKind.INVALID_DESCRIPTION,
        node,
        field,
        "description has " + text.length() + " characters; an application's has at most 128",
        "shorten it to at most " + MAX_DESCRIPTION + " characters");
    return false;
  }

  static boolean status(NodeReader r, String text, Node node, String field) {
    for (DeclaredApplication.Status s : DeclaredApplication.Status.values()) {
      if (s.name().equals(text)) {
        return true;
      }
    }
    r.report(
        ViolationKind.INVALID_APPLICATION_STATUS,
        node,
        field,
        "status '" + text + "' is neither ENABLED nor DISABLED",
        "write status: ENABLED or status: DISABLED");
    return false;
  }

  static boolean caller(NodeReader r, LocatedValue caller) {
    if (CALLER.matcher(caller.value()).matches()) {
      return true;
    }
    r.report(
        ViolationKind.INVALID_CALLER,
        caller,
        "'" + caller.value() + "' is not an IAM principal ARN",
        "write an IAM role, user or account ARN, e.g. arn:aws:iam::111122223333:role/release-bot");
    return false;
  }

  static boolean audience(NodeReader r, LocatedValue audience) {
    if (audience.value().length() <= MAX_AUDIENCE) {
      return true;
    }
    r.report(
        ViolationKind.INVALID_AUDIENCES,
        audience,
        "audience has " + audience.value().length() + " characters; AWS allows 1 to 512",
        "write the aud claim value the issuer puts in its tokens for this application");
    return false;
  }

  static boolean scope(NodeReader r, LocatedValue scope) {
    if (SCOPE.matcher(scope.value()).matches()) {
      return true;
    }
    r.report(
        ViolationKind.INVALID_SCOPE,
        scope,
        "'" + scope.value() + "' is not a scope AWS accepts",
        "write one to three segments of letters, digits or _ (at most 50 each) joined by ':',"
            + " e.g. sts:identity_context or s3:access_grants:read_write");
    return false;
  }

  /** Reports every entry that repeats an earlier one of the same list; answers whether none. */
  static boolean distinct(NodeReader r, List<LocatedValue> items, String what) {
    Map<String, LocatedValue> seen = new HashMap<>();
    boolean ok = true;
    for (LocatedValue v : items) {
      LocatedValue first = seen.putIfAbsent(v.value(), v);
      if (first != null) {
        ok = false;
        r.report(
            ViolationKind.DUPLICATE_ENTRY,
            v,
            what + " '" + v.value() + "' is listed twice; first at " + first.at(),
            "keep one");
      }
    }
    return ok;
  }
}
