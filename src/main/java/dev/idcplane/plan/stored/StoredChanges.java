package dev.idcplane.plan.stored;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.idcplane.identitycenter.CustomerManagedPolicyRef;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PermissionsBoundary;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.matrix.SourceLocation;
import dev.idcplane.plan.AssignmentKey;
import dev.idcplane.plan.Change;
import dev.idcplane.plan.ChangeAction;
import dev.idcplane.plan.FieldChange;
import dev.idcplane.plan.apps.AppChange;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The stored form of a {@link Change}: what a run keeps of each operation, so a run interrupted by
 * a restart resumes from the database alone. It belongs to the plan model, not to the API: a field
 * the API renames or drops does not touch runs already stored.
 *
 * <p>Format 1 is the JSON documents have had since runs were first stored (then written without a
 * {@code format}, which still reads as 1): {@code action} in lower case, {@code key}, {@code
 * reason}, {@code permissionSet}, {@code permissionSetArn}, {@code account} and {@code principal}
 * as {@code {type, id, name}}, {@code wantedBy} as {@code file:line}, {@code fields}, {@code
 * definition} (the matrix's vocabulary: {@code managedPolicies}, {@code customerManagedPolicies},
 * {@code permissionsBoundary}, {@code inlinePolicy}, {@code tags}, {@code relayState}, ...), {@code
 * outOfSyncAccounts} and {@code target}. Empty values are left out. A field added later (as {@code
 * relayState} and {@code target} were) reads as absent from documents written before it. A change
 * to the meaning of a field needs a new format number, and {@link #decode} a branch that reads the
 * old one.
 *
 * <p>A change to a trusted token issuer or application (action {@code application}, added within
 * format 1) keeps its record's simple name as {@code change} ({@code CreateIssuer}, {@code
 * PutScope}, ...) and its fields, except the reason, as {@code settings} by their Java names
 * (issuers and applications as {@code {arn, name}}).
 */
public final class StoredChanges {
  /** The format {@link #encode} writes. */
  public static final int FORMAT = 1;

  private static final ObjectMapper JSON = new ObjectMapper();

  private StoredChanges() {}

  /** The change as stored: a JSON document of format {@value #FORMAT}. */
  public static String encode(Change c) {
    ObjectNode n = JSON.createObjectNode();
    n.put("format", FORMAT);
    n.put("action", c.action().name().toLowerCase(Locale.ROOT));
    n.put("key", c.key());
    put(n, "reason", c.reason());
    switch (c.action()) {
      case CREATE_PERMISSION_SET -> {
        var p = (Change.CreatePermissionSet) c;
        n.put("permissionSet", p.name());
        n.putArray("wantedBy").add(p.declaredAt().toString());
        n.set("definition", definition(p.definition()));
      }
      case UPDATE_PERMISSION_SET -> {
        var p = (Change.UpdatePermissionSet) c;
        n.put("permissionSet", p.name());
        put(n, "permissionSetArn", p.permissionSetArn());
        n.putArray("wantedBy").add(p.declaredAt().toString());
        ArrayNode fields = n.putArray("fields");
        for (FieldChange f : p.fields()) {
          fields
              .addObject()
              .put("field", f.field())
              .put("before", f.before())
              .put("after", f.after());
        }
        n.set("definition", definition(p.after()));
      }
      case PROVISION_PERMISSION_SET -> {
        var p = (Change.ProvisionPermissionSet) c;
        n.put("permissionSet", p.name());
        put(n, "permissionSetArn", p.permissionSetArn());
        p.target().accountId().ifPresent(id -> ref(n, "account", "account", id, p.accountName()));
        strings(n, "outOfSyncAccounts", p.outOfSyncAccounts());
        n.put(
            "target",
            p.target().accountId().isPresent() ? "aws_account" : "all_provisioned_accounts");
      }
      case CREATE_ASSIGNMENT, DELETE_ASSIGNMENT -> {
        var a = (Change.AssignmentChange) c;
        AssignmentKey k = a.assignment();
        n.put("permissionSet", k.permissionSetName());
        put(n, "permissionSetArn", a.permissionSetArn());
        ref(n, "account", "account", k.accountId(), a.accountName());
        ref(
            n,
            "principal",
            k.principalType().name().toLowerCase(Locale.ROOT),
            k.principalId(),
            a.principalName());
        if (a instanceof Change.CreateAssignment create) {
          strings(n, "wantedBy", create.wantedBy().stream().map(Object::toString).toList());
        }
      }
      case APPLICATION -> {
        AppChange a = ((Change.ApplicationChange) c).change();
        n.put("change", a.getClass().getSimpleName());
        ObjectNode settings = JSON.valueToTree(a);
        settings.remove("reason");
        n.set("settings", settings);
      }
    }
    removeEmpty(n);
    try {
      return JSON.writeValueAsString(n);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write change " + c.key(), e);
    }
  }

  /**
   * The change a stored document describes.
   *
   * @throws StoredChangeException when the document is not JSON, is of a format this version does
   *     not read, or lacks what its action needs
   */
  public static Change decode(String document) {
    JsonNode n;
    try {
      n = JSON.readTree(document);
    } catch (JsonProcessingException e) {
      throw new StoredChangeException("is not JSON: " + e.getOriginalMessage());
    }
    if (n == null || !n.isObject()) {
      throw new StoredChangeException("is not a JSON object");
    }
    int format = n.path("format").asInt(1);
    if (format != 1) {
      throw new StoredChangeException(
          "is of format " + format + ", and this version reads format 1 only");
    }
    try {
      return decodeFormat1(n);
    } catch (RuntimeException e) {
      throw new StoredChangeException(
          "cannot be read as format 1 ("
              + e.getClass().getSimpleName()
              + ": "
              + e.getMessage()
              + ")");
    }
  }

  private static Change decodeFormat1(JsonNode n) {
    String action = required(n, "action");
    return switch (ChangeAction.valueOf(action.toUpperCase(Locale.ROOT))) {
      case CREATE_PERMISSION_SET ->
          new Change.CreatePermissionSet(
              required(n, "permissionSet"),
              definition(n.path("definition")),
              location(first(strings(n.path("wantedBy")))),
              text(n, "reason"));
      case UPDATE_PERMISSION_SET ->
          new Change.UpdatePermissionSet(
              required(n, "permissionSet"),
              text(n, "permissionSetArn"),
              fields(n.path("fields")),
              null,
              definition(n.path("definition")),
              location(first(strings(n.path("wantedBy")))),
              text(n, "reason"));
      case PROVISION_PERMISSION_SET -> {
        JsonNode account = n.path("account");
        String accountId = text(account, "id");
        yield new Change.ProvisionPermissionSet(
            required(n, "permissionSet"),
            text(n, "permissionSetArn"),
            strings(n.path("outOfSyncAccounts")),
            accountId == null
                ? dev.idcplane.identitycenter.ProvisionTarget.ALL_PROVISIONED_ACCOUNTS
                : dev.idcplane.identitycenter.ProvisionTarget.account(accountId),
            accountId == null ? null : text(account, "name"),
            text(n, "reason"));
      }
      case CREATE_ASSIGNMENT ->
          new Change.CreateAssignment(
              key(n),
              text(n, "permissionSetArn"),
              text(n.path("principal"), "name"),
              text(n.path("account"), "name"),
              strings(n.path("wantedBy")).stream().map(StoredChanges::location).toList(),
              text(n, "reason"));
      case DELETE_ASSIGNMENT ->
          new Change.DeleteAssignment(
              key(n),
              text(n, "permissionSetArn"),
              text(n.path("principal"), "name"),
              text(n.path("account"), "name"),
              text(n, "reason"));
      case APPLICATION -> new Change.ApplicationChange(application(n));
    };
  }

  // ---- writing

  private static void ref(ObjectNode n, String field, String type, String id, String name) {
    ObjectNode r = n.putObject(field).put("type", type).put("id", id);
    put(r, "name", name);
  }

  private static ObjectNode definition(PermissionSetDefinition d) {
    ObjectNode n = JSON.createObjectNode();
    put(n, "description", d.description());
    put(n, "sessionDuration", d.sessionDuration());
    strings(n, "managedPolicies", new TreeSet<>(d.managedPolicies()));
    ArrayNode cmps = n.putArray("customerManagedPolicies");
    d.customerManagedPolicies().stream()
        .sorted(
            java.util.Comparator.comparing(CustomerManagedPolicyRef::path)
                .thenComparing(CustomerManagedPolicyRef::name))
        .forEach(r -> policyRef(cmps.addObject(), r));
    d.permissionsBoundary()
        .ifPresent(
            b -> {
              ObjectNode boundary = n.putObject("permissionsBoundary");
              if (b.customerManaged() != null) {
                policyRef(boundary.putObject("customerManaged"), b.customerManaged());
              }
              put(boundary, "managedPolicyArn", b.managedPolicyArn());
            });
    put(n, "inlinePolicy", d.inlinePolicy());
    if (d.tags() != null) {
      ObjectNode tags = n.putObject("tags");
      new java.util.TreeMap<>(d.tags()).forEach(tags::put);
    }
    put(n, "relayState", d.relayState());
    removeEmpty(n);
    return n;
  }

  private static void policyRef(ObjectNode n, CustomerManagedPolicyRef r) {
    n.put("name", r.name());
    put(n, "path", r.path());
  }

  private static void put(ObjectNode n, String field, String value) {
    if (value != null) {
      n.put(field, value);
    }
  }

  private static void strings(ObjectNode n, String field, Collection<String> values) {
    ArrayNode a = n.putArray(field);
    values.forEach(a::add);
  }

  /** Leaves out empty arrays and objects, as the documents always have. */
  private static void removeEmpty(ObjectNode n) {
    List<String> empty = new ArrayList<>();
    n.fields()
        .forEachRemaining(
            e -> {
              if (e.getValue().isContainerNode() && e.getValue().isEmpty()) {
                empty.add(e.getKey());
              }
            });
    n.remove(empty);
  }

  // ---- reading

  /** An issuer or application change: its record ({@code change}) from its {@code settings}. */
  private static AppChange application(JsonNode n) {
    String type = required(n, "change");
    Class<?> record =
        java.util.Arrays.stream(AppChange.class.getPermittedSubclasses())
            .filter(k -> k.getSimpleName().equals(type))
            .findFirst()
            .orElseThrow(() -> new IllegalArgumentException("unknown change " + type));
    JsonNode settings = n.path("settings");
    if (!settings.isObject()) {
      throw new IllegalArgumentException("no settings");
    }
    ObjectNode withReason = ((ObjectNode) settings).deepCopy();
    withReason.put("reason", text(n, "reason"));
    try {
      return (AppChange) JSON.treeToValue(withReason, record);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e.getOriginalMessage());
    }
  }

  private static AssignmentKey key(JsonNode n) {
    JsonNode principal = n.path("principal");
    return new AssignmentKey(
        required(n.path("account"), "id"),
        required(n, "permissionSet"),
        PrincipalType.valueOf(required(principal, "type").toUpperCase(Locale.ROOT)),
        required(principal, "id"));
  }

  private static PermissionSetDefinition definition(JsonNode d) {
    Set<CustomerManagedPolicyRef> cmps = new java.util.HashSet<>();
    d.path("customerManagedPolicies").forEach(r -> cmps.add(policyRef(r)));
    JsonNode b = d.path("permissionsBoundary");
    Optional<PermissionsBoundary> boundary =
        !b.isObject()
            ? Optional.empty()
            : Optional.of(
                b.path("customerManaged").isObject()
                    ? PermissionsBoundary.customerManaged(policyRef(b.path("customerManaged")))
                    : PermissionsBoundary.managed(text(b, "managedPolicyArn")));
    Map<String, String> tags = null;
    if (d.path("tags").isObject()) {
      Map<String, String> read = new LinkedHashMap<>();
      d.path("tags").fields().forEachRemaining(e -> read.put(e.getKey(), e.getValue().asText()));
      tags = read;
    }
    return new PermissionSetDefinition(
        text(d, "description"),
        text(d, "sessionDuration"),
        Set.copyOf(strings(d.path("managedPolicies"))),
        cmps,
        boundary,
        text(d, "inlinePolicy"),
        tags,
        text(d, "relayState"));
  }

  private static CustomerManagedPolicyRef policyRef(JsonNode r) {
    return new CustomerManagedPolicyRef(text(r, "name"), text(r, "path"));
  }

  private static List<FieldChange> fields(JsonNode fields) {
    List<FieldChange> out = new ArrayList<>();
    fields.forEach(
        f -> out.add(new FieldChange(text(f, "field"), text(f, "before"), text(f, "after"))));
    return out;
  }

  private static List<String> strings(JsonNode array) {
    List<String> out = new ArrayList<>();
    array.forEach(v -> out.add(v.asText()));
    return out;
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.path(field);
    return v.isMissingNode() || v.isNull() ? null : v.asText();
  }

  private static String required(JsonNode n, String field) {
    String v = text(n, field);
    if (v == null) {
      throw new IllegalArgumentException("no " + field);
    }
    return v;
  }

  private static SourceLocation location(String text) {
    if (text == null) {
      return new SourceLocation("unknown", 0);
    }
    int colon = text.lastIndexOf(':');
    try {
      return new SourceLocation(
          text.substring(0, colon), Integer.parseInt(text.substring(colon + 1)));
    } catch (RuntimeException e) {
      return new SourceLocation(text, 0);
    }
  }

  private static String first(List<String> l) {
    return l.isEmpty() ? null : l.get(0);
  }

  /** A stored change this version cannot read; the message says why. */
  public static final class StoredChangeException extends IllegalStateException {
    StoredChangeException(String why) {
      super("the stored change " + why);
    }
  }
}
