package dev.idcplane.terraform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.plan.TerraformOwnership;
import dev.idcplane.plan.TerraformOwnership.AssignmentRef;
import dev.idcplane.plan.TerraformOwnership.OwnedPermissionSet;
import dev.idcplane.plan.TerraformOwnership.Owner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads what Identity Center resources Terraform state files (format version 4, as Terraform 0.12
 * and later and OpenTofu write them) own: every managed {@code aws_ssoadmin_permission_set} and the
 * resources that manage part of one (policy attachments, inline policy, boundary, customer managed
 * policy attachments), and every {@code aws_ssoadmin_account_assignment}. Data sources are not
 * owned. A state that is not v4 JSON, or an owned resource without the attributes that identify it,
 * is refused with the state's name and the resource's address: a partly read state would silently
 * drop protection.
 */
public final class TerraformStateParser {
  static final String PERMISSION_SET = "aws_ssoadmin_permission_set";
  static final String ASSIGNMENT = "aws_ssoadmin_account_assignment";

  /** Resources that manage part of a permission set, each naming it by permission_set_arn. */
  static final Set<String> PERMISSION_SET_PARTS =
      Set.of(
          "aws_ssoadmin_managed_policy_attachment",
          "aws_ssoadmin_customer_managed_policy_attachment",
          "aws_ssoadmin_customer_managed_policy_attachments_exclusive",
          "aws_ssoadmin_managed_policy_attachments_exclusive",
          "aws_ssoadmin_permission_set_inline_policy",
          "aws_ssoadmin_permissions_boundary_attachment");

  private static final ObjectMapper JSON = new ObjectMapper();

  private TerraformStateParser() {}

  /** The ownership the states hold together, each given as (name, content). */
  public static TerraformOwnership parse(Map<String, byte[]> states) {
    Map<String, OwnedPermissionSet> sets = new LinkedHashMap<>();
    Map<AssignmentRef, Owner> assignments = new LinkedHashMap<>();
    for (Map.Entry<String, byte[]> e : states.entrySet()) {
      parseOne(e.getKey(), e.getValue(), sets, assignments);
    }
    return new TerraformOwnership(List.copyOf(states.keySet()), sets, assignments);
  }

  private static void parseOne(
      String state,
      byte[] content,
      Map<String, OwnedPermissionSet> sets,
      Map<AssignmentRef, Owner> assignments) {
    JsonNode root;
    try {
      root = JSON.readTree(content);
    } catch (JsonProcessingException e) {
      throw new TerraformStateException(
          "Terraform state "
              + state
              + " is not JSON ("
              + e.getOriginalMessage()
              + " at line "
              + e.getLocation().getLineNr()
              + "): is it encrypted, or not a state file? Point idc.terraform.state at the"
              + " state file itself (terraform state pull shows what it should hold)",
          false,
          e);
    } catch (java.io.IOException e) {
      throw new TerraformStateException(
          "Terraform state " + state + " could not be read: " + e.getMessage(), false, e);
    }
    if (root == null || !root.isObject()) {
      throw new TerraformStateException(
          "Terraform state " + state + " is not a JSON object: not a Terraform state file");
    }
    JsonNode version = root.get("version");
    if (version == null || !version.isInt() || version.intValue() != 4) {
      throw new TerraformStateException(
          "Terraform state "
              + state
              + " has format version "
              + (version == null ? "(none)" : version.toString())
              + "; only version 4 (Terraform 0.12 and later) is read: upgrade it with a current"
              + " Terraform (terraform apply -refresh-only)");
    }
    JsonNode resources = root.path("resources");
    if (resources.isMissingNode() || resources.isNull()) {
      return;
    }
    if (!resources.isArray()) {
      throw new TerraformStateException("Terraform state " + state + ": resources is not a list");
    }
    List<Part> parts = new ArrayList<>();
    for (JsonNode resource : resources) {
      String type = resource.path("type").asText("");
      boolean managed = "managed".equals(resource.path("mode").asText("managed"));
      if (!managed
          || !(type.equals(PERMISSION_SET)
              || type.equals(ASSIGNMENT)
              || PERMISSION_SET_PARTS.contains(type))) {
        continue;
      }
      for (JsonNode instance : resource.path("instances")) {
        String address = TerraformAddress.of(resource, instance);
        Owner owner = new Owner(address, state);
        JsonNode attrs = instance.path("attributes");
        if (!attrs.isObject()) {
          throw new TerraformStateException(
              "Terraform state "
                  + state
                  + ": "
                  + address
                  + " has no attributes (attributes_flat is Terraform 0.11's format): refresh"
                  + " the state with a current Terraform");
        }
        if (type.equals(PERMISSION_SET)) {
          String arn = required(state, address, attrs, "arn");
          OwnedPermissionSet before = sets.get(arn);
          List<Owner> owners = new ArrayList<>();
          owners.add(owner);
          if (before != null) {
            before.owners().stream().filter(o -> !o.equals(owner)).forEach(owners::add);
          }
          sets.put(
              arn,
              new OwnedPermissionSet(
                  arn,
                  required(state, address, attrs, "instance_arn"),
                  required(state, address, attrs, "name"),
                  owners));
        } else if (type.equals(ASSIGNMENT)) {
          assignments.put(assignment(state, address, attrs), owner);
        } else {
          parts.add(
              new Part(
                  required(state, address, attrs, "permission_set_arn"),
                  required(state, address, attrs, "instance_arn"),
                  owner));
        }
      }
    }
    for (Part part : parts) {
      OwnedPermissionSet before = sets.get(part.arn());
      List<Owner> owners = new ArrayList<>(before == null ? List.of() : before.owners());
      owners.add(part.owner());
      sets.put(
          part.arn(),
          new OwnedPermissionSet(
              part.arn(),
              before == null ? part.instanceArn() : before.instanceArn(),
              before == null ? null : before.name(),
              owners));
    }
  }

  /** A resource managing part of a permission set, named by the set's ARN. */
  private record Part(String arn, String instanceArn, Owner owner) {}

  private static AssignmentRef assignment(String state, String address, JsonNode attrs) {
    String targetType = attrs.path("target_type").asText("AWS_ACCOUNT");
    if (!"AWS_ACCOUNT".equals(targetType)) {
      throw new TerraformStateException(
          "Terraform state "
              + state
              + ": "
              + address
              + " has target_type "
              + targetType
              + "; Identity Center assigns to AWS_ACCOUNT only");
    }
    String type = required(state, address, attrs, "principal_type");
    PrincipalType principalType;
    try {
      principalType = PrincipalType.valueOf(type);
    } catch (IllegalArgumentException e) {
      throw new TerraformStateException(
          "Terraform state "
              + state
              + ": "
              + address
              + " has principal_type "
              + type
              + "; expected USER or GROUP");
    }
    return new AssignmentRef(
        required(state, address, attrs, "instance_arn"),
        required(state, address, attrs, "permission_set_arn"),
        required(state, address, attrs, "target_id"),
        principalType,
        required(state, address, attrs, "principal_id"));
  }

  private static String required(String state, String address, JsonNode attrs, String name) {
    JsonNode v = attrs.get(name);
    if (v == null || !v.isTextual() || v.asText().isBlank()) {
      throw new TerraformStateException(
          "Terraform state "
              + state
              + ": "
              + address
              + " has no "
              + name
              + "; the service cannot tell what it owns. Refresh the state with the"
              + " hashicorp/aws provider (terraform apply -refresh-only)");
    }
    return v.asText();
  }
}
