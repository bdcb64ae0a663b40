package dev.idcplane.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.idcplane.identitycenter.CustomerManagedPolicyRef;
import dev.idcplane.identitycenter.PermissionSetDefinition;
import dev.idcplane.identitycenter.PermissionsBoundary;
import java.util.List;
import java.util.Map;

/**
 * A permission set definition in the matrix's own vocabulary, as plans show it. Stored in plan
 * documents, so a field added later (as {@code relayState} was) reads as null from documents
 * written before it.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record DefinitionView(
    String description,
    String sessionDuration,
    List<String> managedPolicies,
    List<PolicyRefView> customerManagedPolicies,
    BoundaryView permissionsBoundary,
    String inlinePolicy,
    Map<String, String> tags,
    String relayState) {

  /** A customer-managed policy reference. */
  public record PolicyRefView(String name, String path) {}

  /** A permissions boundary: one of the two forms. */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record BoundaryView(PolicyRefView customerManaged, String managedPolicyArn) {}

  public static DefinitionView of(PermissionSetDefinition d) {
    return new DefinitionView(
        d.description(),
        d.sessionDuration(),
        List.copyOf(d.managedPolicies()),
        d.customerManagedPolicies().stream().map(DefinitionView::ref).toList(),
        d.permissionsBoundary().map(DefinitionView::boundary).orElse(null),
        d.inlinePolicy(),
        d.tags(),
        d.relayState());
  }

  private static PolicyRefView ref(CustomerManagedPolicyRef r) {
    return new PolicyRefView(r.name(), r.path());
  }

  private static BoundaryView boundary(PermissionsBoundary b) {
    return new BoundaryView(
        b.customerManaged() == null ? null : ref(b.customerManaged()), b.managedPolicyArn());
  }
}
