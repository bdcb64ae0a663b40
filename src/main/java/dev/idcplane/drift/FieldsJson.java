package dev.idcplane.drift;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.plan.FieldChange;
import java.util.List;

/**
 * The {@code fields} jsonb of drift rows: a JSON array of {field, before, after}; null when none.
 */
final class FieldsJson {
  private static final TypeReference<List<FieldChange>> LIST = new TypeReference<>() {};

  private final ObjectMapper json;

  FieldsJson(ObjectMapper json) {
    this.json = json;
  }

  String write(List<FieldChange> fields) {
    if (fields.isEmpty()) {
      return null;
    }
    try {
      return json.writeValueAsString(fields);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise drift fields", e);
    }
  }

  List<FieldChange> read(String value) {
    if (value == null) {
      return List.of();
    }
    try {
      return json.readValue(value, LIST);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("drift fields are not valid JSON: " + e.getMessage(), e);
    }
  }
}
