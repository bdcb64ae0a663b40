package dev.idcplane.identitycenter.aws;

import dev.idcplane.identitycenter.CustomerManagedPolicyRef;
import dev.idcplane.identitycenter.PageSizes;
import dev.idcplane.identitycenter.PermissionSetInfo;
import dev.idcplane.identitycenter.PermissionsBoundary;
import dev.idcplane.identitycenter.ProvisioningStatus;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.ssoadmin.model.PermissionSet;
import software.amazon.awssdk.services.ssoadmin.model.ResourceNotFoundException;

/** The permission set reads of {@link AwsIdentityCenter}: every page through SDK paginators. */
final class AwsPermissionSetReads {
  private final SsoAdminClient sso;

  AwsPermissionSetReads(SsoAdminClient sso) {
    this.sso = sso;
  }

  List<String> listPermissionSets(String instanceArn) {
    return AwsErrors.call(
        "ListPermissionSets",
        () ->
            List.copyOf(
                sso
                    .listPermissionSetsPaginator(
                        r -> r.instanceArn(instanceArn).maxResults(PageSizes.SSO_ADMIN))
                    .permissionSets()
                    .stream()
                    .toList()));
  }

  PermissionSetInfo describePermissionSet(String instanceArn, String permissionSetArn) {
    return AwsErrors.call(
        "DescribePermissionSet",
        () ->
            info(
                sso.describePermissionSet(
                        r -> r.instanceArn(instanceArn).permissionSetArn(permissionSetArn))
                    .permissionSet()));
  }

  /**
   * The port's view of an SDK permission set (DescribePermissionSet's and CreatePermissionSet's).
   */
  static PermissionSetInfo info(PermissionSet ps) {
    return new PermissionSetInfo(
        ps.permissionSetArn(), ps.name(), ps.description(), ps.sessionDuration(), ps.relayState());
  }

  List<String> listManagedPolicies(String instanceArn, String permissionSetArn) {
    return AwsErrors.call(
        "ListManagedPoliciesInPermissionSet",
        () ->
            sso
                .listManagedPoliciesInPermissionSetPaginator(
                    r ->
                        r.instanceArn(instanceArn)
                            .permissionSetArn(permissionSetArn)
                            .maxResults(PageSizes.SSO_ADMIN))
                .attachedManagedPolicies()
                .stream()
                .map(p -> p.arn())
                .toList());
  }

  List<CustomerManagedPolicyRef> listCustomerManagedPolicyReferences(
      String instanceArn, String permissionSetArn) {
    return AwsErrors.call(
        "ListCustomerManagedPolicyReferencesInPermissionSet",
        () ->
            sso
                .listCustomerManagedPolicyReferencesInPermissionSetPaginator(
                    r ->
                        r.instanceArn(instanceArn)
                            .permissionSetArn(permissionSetArn)
                            .maxResults(PageSizes.SSO_ADMIN))
                .customerManagedPolicyReferences()
                .stream()
                .map(p -> new CustomerManagedPolicyRef(p.name(), p.path()))
                .toList());
  }

  Optional<String> getInlinePolicy(String instanceArn, String permissionSetArn) {
    return AwsErrors.call(
        "GetInlinePolicyForPermissionSet",
        () -> {
          String policy =
              sso.getInlinePolicyForPermissionSet(
                      r -> r.instanceArn(instanceArn).permissionSetArn(permissionSetArn))
                  .inlinePolicy();
          return policy == null || policy.isBlank()
              ? Optional.<String>empty()
              : Optional.of(policy);
        });
  }

  /**
   * AWS answers ResourceNotFoundException both for a set without a boundary and for an unknown set;
   * both read as "no boundary" here (callers describe the set first, which does fail).
   */
  Optional<PermissionsBoundary> getPermissionsBoundary(
      String instanceArn, String permissionSetArn) {
    return AwsErrors.call(
        "GetPermissionsBoundaryForPermissionSet",
        () -> {
          try {
            var b =
                sso.getPermissionsBoundaryForPermissionSet(
                        r -> r.instanceArn(instanceArn).permissionSetArn(permissionSetArn))
                    .permissionsBoundary();
            if (b == null) {
              return Optional.<PermissionsBoundary>empty();
            }
            if (b.customerManagedPolicyReference() != null) {
              var ref = b.customerManagedPolicyReference();
              return Optional.of(
                  PermissionsBoundary.customerManaged(
                      new CustomerManagedPolicyRef(ref.name(), ref.path())));
            }
            return Optional.ofNullable(b.managedPolicyArn()).map(PermissionsBoundary::managed);
          } catch (ResourceNotFoundException e) {
            return Optional.<PermissionsBoundary>empty();
          }
        });
  }

  Map<String, String> listTags(String instanceArn, String permissionSetArn) {
    return AwsErrors.call(
        "ListTagsForResource",
        () -> {
          Map<String, String> tags = new LinkedHashMap<>();
          sso.listTagsForResourcePaginator(
                  r -> r.instanceArn(instanceArn).resourceArn(permissionSetArn))
              .tags()
              .forEach(t -> tags.put(t.key(), t.value()));
          return tags;
        });
  }

  List<String> listAccountsForProvisionedPermissionSet(
      String instanceArn, String permissionSetArn, ProvisioningStatus status) {
    return AwsErrors.call(
        "ListAccountsForProvisionedPermissionSet",
        () ->
            List.copyOf(
                sso
                    .listAccountsForProvisionedPermissionSetPaginator(
                        r -> {
                          r.instanceArn(instanceArn)
                              .permissionSetArn(permissionSetArn)
                              .maxResults(PageSizes.SSO_ADMIN);
                          if (status != ProvisioningStatus.ANY) {
                            r.provisioningStatus(status.name());
                          }
                        })
                    .accountIds()
                    .stream()
                    .toList()));
  }
}
