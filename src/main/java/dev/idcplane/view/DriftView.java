package dev.idcplane.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * One drift finding. {@code fields}: for a definition finding, each differing field with its live
 * ({@code before}) and matrix ({@code after}) value; omitted for other kinds.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DriftView(
    String kind,
    String key,
    String permissionSet,
    RefView account,
    RefView principal,
    String detail,
    boolean fixedByPlan,
    List<FieldView> fields) {

  /** One differing field of a permission set definition. */
  @JsonInclude(JsonInclude.Include.ALWAYS)
  public record FieldView(String field, String before, String after) {}
}
