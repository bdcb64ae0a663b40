package dev.idcplane.identitycenter.aws;

import dev.idcplane.identitycenter.CustomerManagedPolicyRef;
import dev.idcplane.identitycenter.NewPermissionSet;
import dev.idcplane.identitycenter.PermissionSetInfo;
import dev.idcplane.identitycenter.PermissionSetUpdate;
import dev.idcplane.identitycenter.PermissionsBoundary;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.ssoadmin.model.Tag;

/**
 * The synchronous permission set writes of {@link AwsIdentityCenter}: one SDK call each, errors
 * translated by {@link AwsErrors} with AWS's message kept. Null optional fields are left out of the
 * request, which AWS reads as "unchanged".
 */
final class AwsPermissionSetWrites {
  private final SsoAdminClient sso;

  AwsPermissionSetWrites(SsoAdminClient sso) {
    this.sso = sso;
  }

  PermissionSetInfo create(String instanceArn, NewPermissionSet set) {
    return AwsErrors.call(
        "CreatePermissionSet",
        () ->
            AwsPermissionSetReads.info(
                sso.createPermissionSet(
                        r -> {
                          r.instanceArn(instanceArn)
                              .name(set.name())
                              .description(set.description())
                              .sessionDuration(set.sessionDuration())
                              .relayState(set.relayState());
                          if (set.tags() != null && !set.tags().isEmpty()) {
                            r.tags(tags(set.tags()));
                          }
                        })
                    .permissionSet()));
  }

  /**
   * A null relay state is left out of the request, which AWS reads as "clear it" (unlike the rest).
   */
  void update(String instanceArn, String arn, PermissionSetUpdate update) {
    run(
        "UpdatePermissionSet",
        () ->
            sso.updatePermissionSet(
                r ->
                    r.instanceArn(instanceArn)
                        .permissionSetArn(arn)
                        .description(update.description())
                        .sessionDuration(update.sessionDuration())
                        .relayState(update.relayState())));
  }

  void putInline(String instanceArn, String arn, String policy) {
    run(
        "PutInlinePolicyToPermissionSet",
        () ->
            sso.putInlinePolicyToPermissionSet(
                r -> r.instanceArn(instanceArn).permissionSetArn(arn).inlinePolicy(policy)));
  }

  void deleteInline(String instanceArn, String arn) {
    run(
        "DeleteInlinePolicyFromPermissionSet",
        () ->
            sso.deleteInlinePolicyFromPermissionSet(
                r -> r.instanceArn(instanceArn).permissionSetArn(arn)));
  }

  void attachManaged(String instanceArn, String arn, String policyArn) {
    run(
        "AttachManagedPolicyToPermissionSet",
        () ->
            sso.attachManagedPolicyToPermissionSet(
                r -> r.instanceArn(instanceArn).permissionSetArn(arn).managedPolicyArn(policyArn)));
  }

  void detachManaged(String instanceArn, String arn, String policyArn) {
    run(
        "DetachManagedPolicyFromPermissionSet",
        () ->
            sso.detachManagedPolicyFromPermissionSet(
                r -> r.instanceArn(instanceArn).permissionSetArn(arn).managedPolicyArn(policyArn)));
  }

  void attachCustomerManaged(String instanceArn, String arn, CustomerManagedPolicyRef ref) {
    run(
        "AttachCustomerManagedPolicyReferenceToPermissionSet",
        () ->
            sso.attachCustomerManagedPolicyReferenceToPermissionSet(
                r ->
                    r.instanceArn(instanceArn)
                        .permissionSetArn(arn)
                        .customerManagedPolicyReference(c -> c.name(ref.name()).path(ref.path()))));
  }

  void detachCustomerManaged(String instanceArn, String arn, CustomerManagedPolicyRef ref) {
    run(
        "DetachCustomerManagedPolicyReferenceFromPermissionSet",
        () ->
            sso.detachCustomerManagedPolicyReferenceFromPermissionSet(
                r ->
                    r.instanceArn(instanceArn)
                        .permissionSetArn(arn)
                        .customerManagedPolicyReference(c -> c.name(ref.name()).path(ref.path()))));
  }

  void putBoundary(String instanceArn, String arn, PermissionsBoundary boundary) {
    run(
        "PutPermissionsBoundaryToPermissionSet",
        () ->
            sso.putPermissionsBoundaryToPermissionSet(
                r ->
                    r.instanceArn(instanceArn)
                        .permissionSetArn(arn)
                        .permissionsBoundary(
                            b -> {
                              if (boundary.customerManaged() != null) {
                                b.customerManagedPolicyReference(
                                    c ->
                                        c.name(boundary.customerManaged().name())
                                            .path(boundary.customerManaged().path()));
                              } else {
                                b.managedPolicyArn(boundary.managedPolicyArn());
                              }
                            })));
  }

  void deleteBoundary(String instanceArn, String arn) {
    run(
        "DeletePermissionsBoundaryFromPermissionSet",
        () ->
            sso.deletePermissionsBoundaryFromPermissionSet(
                r -> r.instanceArn(instanceArn).permissionSetArn(arn)));
  }

  void tag(String instanceArn, String arn, Map<String, String> tags) {
    run(
        "TagResource",
        () -> sso.tagResource(r -> r.instanceArn(instanceArn).resourceArn(arn).tags(tags(tags))));
  }

  void untag(String instanceArn, String arn, Set<String> keys) {
    run(
        "UntagResource",
        () -> sso.untagResource(r -> r.instanceArn(instanceArn).resourceArn(arn).tagKeys(keys)));
  }

  private static java.util.List<Tag> tags(Map<String, String> tags) {
    return tags.entrySet().stream()
        .map(e -> Tag.builder().key(e.getKey()).value(e.getValue()).build())
        .toList();
  }

  private static void run(String operation, Runnable call) {
    AwsErrors.call(
        operation,
        () -> {
          call.run();
          return null;
        });
  }
}
