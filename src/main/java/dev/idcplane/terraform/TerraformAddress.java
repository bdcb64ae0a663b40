package dev.idcplane.terraform;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The address Terraform gives a resource instance of a v4 state, as {@code terraform state list}
 * prints it: {@code module.sso["eu"].aws_ssoadmin_account_assignment.dev["a"]}.
 */
final class TerraformAddress {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TerraformAddress() {}

  static String of(JsonNode resource, JsonNode instance) {
    StringBuilder out = new StringBuilder();
    String module = resource.path("module").asText("");
    if (!module.isEmpty()) {
      out.append(module).append('.');
    }
    if ("data".equals(resource.path("mode").asText())) {
      out.append("data.");
    }
    out.append(resource.path("type").asText()).append('.').append(resource.path("name").asText());
    JsonNode key = instance.get("index_key");
    if (key != null && !key.isNull()) {
      out.append('[').append(key.isTextual() ? quoted(key.asText()) : key.asText()).append(']');
    }
    JsonNode deposed = instance.get("deposed");
    if (deposed != null && deposed.isTextual()) {
      out.append(" (deposed ").append(deposed.asText()).append(')');
    }
    return out.toString();
  }

  private static String quoted(String s) {
    try {
      return JSON.writeValueAsString(s);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
