package dev.idcplane.matrix;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Pattern;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.ScalarNode;

/**
 * The AWS limits on a permission set's definition fields. Each check reports into the reader and
 * answers whether the value is acceptable.
 */
final class DefinitionChecks {
  /** IAM Identity Center: permission set names are 1..32 of {@code [\w+=,.@-]}. */
  static final Pattern PERMISSION_SET_NAME = Pattern.compile("[\\w+=,.@-]{1,32}");

  static final Pattern MANAGED_POLICY_ARN =
      Pattern.compile("arn:aws(-cn|-us-gov)?:iam::(aws|\\d{12}):policy/[\\w+=,.@/-]+");
  static final Pattern CMP_NAME = Pattern.compile("[\\w+=,.@-]{1,128}");
  static final Pattern CMP_PATH = Pattern.compile("/|/([\\w+=,.@-]+/)+");
  static final Pattern TAG_TEXT = Pattern.compile("[\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*");
  static final Pattern DESCRIPTION =
      Pattern.compile("[\\u0009\\u000A\\u000D\\u0020-\\u007E\\u00A1-\\u00FF]*");

  static final Duration MIN_SESSION = Duration.ofHours(1);
  static final Duration MAX_SESSION = Duration.ofHours(12);
  static final int MAX_MANAGED_POLICIES = 10;

  /**
   * IAM Identity Center quotas, "Maximum size of inline policy per permission set": 32,768 bytes,
   * and at most 10,240 bytes of non-whitespace characters
   * (https://docs.aws.amazon.com/singlesignon/latest/userguide/limits.html). The first is also
   * PutInlinePolicyToPermissionSet's InlinePolicy length limit; the second is the one a policy
   * actually hits.
   */
  static final int MAX_INLINE_POLICY_BYTES = 32_768;

  static final int MAX_INLINE_POLICY_NON_WHITESPACE_BYTES = 10_240;

  /**
   * sso-admin API model, RelayState (API_UpdatePermissionSet.html, API_PermissionSet.html): 1 to
   * 240 characters of this pattern.
   */
  static final int MAX_RELAY_STATE_CHARS = 240;

  static final Pattern RELAY_STATE =
      Pattern.compile("[a-zA-Z0-9&$@#\\\\/%?=~\\-_'\"|!:,.;*+\\[\\] (){}]+");

  static final int MAX_DESCRIPTION_CHARS = 700;
  static final int MAX_TAGS = 50;
  static final int MAX_TAG_KEY = 128;
  static final int MAX_TAG_VALUE = 256;

  private static final ObjectMapper JSON =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private DefinitionChecks() {}

  static boolean permissionSetName(NodeReader r, String name, Node node, String field) {
    if (PERMISSION_SET_NAME.matcher(name).matches()) {
      return true;
    }
    r.report(
        ViolationKind.INVALID_PERMISSION_SET_NAME,
        node,
        field,
        "'" + name + "' is not a valid permission set name",
        "use 1 to 32 letters, digits or + = , . @ _ -");
    return false;
  }

  static boolean description(NodeReader r, String text, Node node, String field) {
    if (text.length() <= MAX_DESCRIPTION_CHARS && DESCRIPTION.matcher(text).matches()) {
      return true;
    }
    r.report(
        ViolationKind.INVALID_DESCRIPTION,
        node,
        field,
        "description has " + text.length() + " characters or characters AWS rejects",
        "use at most " + MAX_DESCRIPTION_CHARS + " Latin-1 characters");
    return false;
  }

  static boolean sessionDuration(NodeReader r, String text, Node node, String field) {
    Duration d;
    try {
      d = Duration.parse(text);
    } catch (DateTimeParseException e) {
      r.report(
          ViolationKind.INVALID_SESSION_DURATION,
          node,
          field,
          "'" + text + "' is not an ISO-8601 duration",
          "write e.g. PT4H or PT90M");
      return false;
    }
    if (d.compareTo(MIN_SESSION) < 0 || d.compareTo(MAX_SESSION) > 0) {
      r.report(
          ViolationKind.INVALID_SESSION_DURATION,
          node,
          field,
          "session duration " + text + " is outside PT1H..PT12H",
          "choose a duration from PT1H to PT12H");
      return false;
    }
    return true;
  }

  static boolean managedPolicyArn(NodeReader r, String arn, Node node, String field) {
    if (MANAGED_POLICY_ARN.matcher(arn).matches()) {
      return true;
    }
    r.report(
        ViolationKind.INVALID_MANAGED_POLICY_ARN,
        node,
        field,
        "'" + arn + "' is not a managed policy ARN",
        "write arn:aws:iam::aws:policy/<name> or arn:aws:iam::<12-digit account>:policy/<name>");
    return false;
  }

  static boolean inlinePolicy(NodeReader r, String text, Node node, String field) {
    int bytes = text.getBytes(StandardCharsets.UTF_8).length;
    int nonWhitespace = text.replaceAll("\\s", "").getBytes(StandardCharsets.UTF_8).length;
    if (bytes > MAX_INLINE_POLICY_BYTES || nonWhitespace > MAX_INLINE_POLICY_NON_WHITESPACE_BYTES) {
      r.report(
          ViolationKind.INLINE_POLICY_TOO_LONG,
          node,
          field,
          bytes > MAX_INLINE_POLICY_BYTES
              ? "inline policy has "
                  + bytes
                  + " bytes, over the "
                  + MAX_INLINE_POLICY_BYTES
                  + " an IAM Identity Center permission set allows"
              : "inline policy has "
                  + nonWhitespace
                  + " bytes outside whitespace, over the "
                  + MAX_INLINE_POLICY_NON_WHITESPACE_BYTES
                  + " an IAM Identity Center permission set allows",
          "move statements into a customer-managed policy and reference it");
      return false;
    }
    try {
      JsonNode json = JSON.readTree(text);
      if (json != null && json.isObject()) {
        return true;
      }
      r.report(
          ViolationKind.INVALID_INLINE_POLICY,
          node,
          field,
          "inline policy is not a JSON object",
          "write a policy document {\"Version\": \"2012-10-17\", \"Statement\": [...]}");
    } catch (JsonProcessingException e) {
      int line = jsonErrorLine(r, node, e);
      r.report(
          ViolationKind.INVALID_INLINE_POLICY,
          node,
          field,
          "inline policy is not valid JSON"
              + (line > 0 ? " (near line " + line + ")" : "")
              + ": "
              + jsonProblem(e),
          "fix the JSON; a YAML block scalar (inline_policy: |) keeps it verbatim");
    }
    return false;
  }

  /** Jackson's message without its "(for Array starting at [Source: ...])" suffix. */
  private static String jsonProblem(JsonProcessingException e) {
    String m = e.getOriginalMessage();
    int cut = m.indexOf(" (for ");
    return cut > 0 ? m.substring(0, cut) : m;
  }

  /**
   * The file line of a JSON error when the policy is a literal block, whose text starts a line
   * below.
   */
  private static int jsonErrorLine(NodeReader r, Node node, JsonProcessingException e) {
    if (e.getLocation() == null
        || e.getLocation().getLineNr() < 1
        || !(node instanceof ScalarNode s)
        || s.getScalarStyle() != DumperOptions.ScalarStyle.LITERAL) {
      return 0;
    }
    return r.at(node).line() + e.getLocation().getLineNr();
  }

  /** An absolute http(s) URL with a host, within the API's RelayState length and pattern. */
  static boolean relayState(NodeReader r, String text, Node node, String field) {
    String problem = null;
    if (text.length() > MAX_RELAY_STATE_CHARS) {
      problem =
          "relay state has "
              + text.length()
              + " characters, over the "
              + MAX_RELAY_STATE_CHARS
              + " AWS allows";
    } else if (!RELAY_STATE.matcher(text).matches()) {
      problem = "relay state '" + text + "' has characters AWS rejects";
    } else if (!httpUrl(text)) {
      problem = "relay state '" + text + "' is not an http(s) URL";
    }
    if (problem == null) {
      return true;
    }
    r.report(
        ViolationKind.INVALID_RELAY_STATE,
        node,
        field,
        problem,
        "write the URL users should land on, e.g. https://console.aws.amazon.com/ec2/home"
            + ", at most "
            + MAX_RELAY_STATE_CHARS
            + " characters; remove relay_state for none");
    return false;
  }

  private static boolean httpUrl(String text) {
    try {
      URI uri = new URI(text);
      String scheme =
          uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
      return (scheme.equals("https") || scheme.equals("http")) && uri.getHost() != null;
    } catch (URISyntaxException e) {
      return false;
    }
  }

  static boolean cmpName(NodeReader r, String name, Node node, String field) {
    if (CMP_NAME.matcher(name).matches()) {
      return true;
    }
    r.report(
        ViolationKind.INVALID_CMP_NAME,
        node,
        field,
        "'" + name + "' is not a valid policy name",
        "use 1 to 128 letters, digits or + = , . @ _ -");
    return false;
  }

  static boolean cmpPath(NodeReader r, String path, Node node, String field) {
    if (path.length() <= 512 && CMP_PATH.matcher(path).matches()) {
      return true;
    }
    r.report(
        ViolationKind.INVALID_CMP_PATH,
        node,
        field,
        "'" + path + "' is not a valid policy path",
        "start and end the path with '/', e.g. / or /app/");
    return false;
  }

  static boolean tag(NodeReader r, String key, String value, Node node, String field) {
    String problem = null;
    if (key.isEmpty() || key.length() > MAX_TAG_KEY) {
      problem = "tag key must be 1 to " + MAX_TAG_KEY + " characters, has " + key.length();
    } else if (value.length() > MAX_TAG_VALUE) {
      problem = "tag value must be at most " + MAX_TAG_VALUE + " characters, has " + value.length();
    } else if (key.toLowerCase().startsWith("aws:")) {
      problem = "tag keys starting with 'aws:' are reserved for AWS";
    } else if (!TAG_TEXT.matcher(key).matches() || !TAG_TEXT.matcher(value).matches()) {
      problem = "tag '" + key + "' has characters AWS rejects";
    }
    if (problem == null) {
      return true;
    }
    r.report(
        ViolationKind.INVALID_TAG,
        node,
        field,
        problem,
        "use letters, digits, spaces and _ . : / = + - @ within the AWS length limits");
    return false;
  }
}
