package dev.idcplane.identitycenter.aws;

import dev.idcplane.identitycenter.AccountAssignment;
import dev.idcplane.identitycenter.OperationState;
import dev.idcplane.identitycenter.OperationStatus;
import dev.idcplane.identitycenter.PageSizes;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.identitycenter.ProvisionTarget;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.core.SdkField;
import software.amazon.awssdk.core.SdkPojo;
import software.amazon.awssdk.services.ssoadmin.SsoAdminClient;
import software.amazon.awssdk.services.ssoadmin.model.AccountAssignmentOperationStatus;
import software.amazon.awssdk.services.ssoadmin.model.AccountAssignmentOperationStatusMetadata;
import software.amazon.awssdk.services.ssoadmin.model.CreateAccountAssignmentRequest;
import software.amazon.awssdk.services.ssoadmin.model.DeleteAccountAssignmentRequest;
import software.amazon.awssdk.services.ssoadmin.model.PermissionSetProvisioningStatus;
import software.amazon.awssdk.services.ssoadmin.model.ProvisionTargetType;
import software.amazon.awssdk.services.ssoadmin.model.StatusValues;
import software.amazon.awssdk.services.ssoadmin.model.TargetType;
import software.amazon.awssdk.utils.builder.SdkBuilder;

/**
 * Account assignments and the asynchronous operations of {@link AwsIdentityCenter}: submissions,
 * describes and the List*Status calls with their status filter, every page through the SDK
 * paginators. Errors are translated by {@link AwsErrors} with AWS's message kept.
 */
final class AwsOperations {
  private final SsoAdminClient sso;

  AwsOperations(SsoAdminClient sso) {
    this.sso = sso;
  }

  List<AccountAssignment> listAccountAssignments(
      String instanceArn, String accountId, String permissionSetArn) {
    return AwsErrors.call(
        "ListAccountAssignments",
        () ->
            sso
                .listAccountAssignmentsPaginator(
                    r ->
                        r.instanceArn(instanceArn)
                            .accountId(accountId)
                            .permissionSetArn(permissionSetArn)
                            .maxResults(PageSizes.SSO_ADMIN))
                .accountAssignments()
                .stream()
                .map(
                    a ->
                        new AccountAssignment(
                            a.accountId(),
                            a.permissionSetArn(),
                            PrincipalType.valueOf(a.principalTypeAsString()),
                            a.principalId()))
                .toList());
  }

  OperationStatus provision(String instanceArn, String permissionSetArn, ProvisionTarget target) {
    return AwsErrors.call(
        "ProvisionPermissionSet",
        () ->
            of(
                sso.provisionPermissionSet(
                        r -> {
                          r.instanceArn(instanceArn).permissionSetArn(permissionSetArn);
                          target
                              .accountId()
                              .ifPresentOrElse(
                                  id -> r.targetType(ProvisionTargetType.AWS_ACCOUNT).targetId(id),
                                  () -> r.targetType(ProvisionTargetType.ALL_PROVISIONED_ACCOUNTS));
                        })
                    .permissionSetProvisioningStatus()));
  }

  OperationStatus describeProvisioning(String instanceArn, String requestId) {
    return AwsErrors.call(
        "DescribePermissionSetProvisioningStatus",
        () ->
            of(
                sso.describePermissionSetProvisioningStatus(
                        r -> r.instanceArn(instanceArn).provisionPermissionSetRequestId(requestId))
                    .permissionSetProvisioningStatus()));
  }

  OperationStatus create(String instanceArn, AccountAssignment a) {
    return AwsErrors.call(
        "CreateAccountAssignment",
        () ->
            of(
                sso.createAccountAssignment(request(instanceArn, a))
                    .accountAssignmentCreationStatus()));
  }

  OperationStatus delete(String instanceArn, AccountAssignment a) {
    return AwsErrors.call(
        "DeleteAccountAssignment",
        () ->
            of(
                sso.deleteAccountAssignment(
                        sameMembers(
                            request(instanceArn, a), DeleteAccountAssignmentRequest.builder()))
                    .accountAssignmentDeletionStatus()));
  }

  /**
   * The CreateAccountAssignment request for {@code a}. DeleteAccountAssignment names an assignment
   * by the same six members, so its request is this one's members ({@link #sameMembers}).
   */
  private static CreateAccountAssignmentRequest request(String instanceArn, AccountAssignment a) {
    return CreateAccountAssignmentRequest.builder()
        .instanceArn(instanceArn)
        .targetType(TargetType.AWS_ACCOUNT)
        .targetId(a.accountId())
        .permissionSetArn(a.permissionSetArn())
        .principalType(a.principalType().name())
        .principalId(a.principalId())
        .build();
  }

  /**
   * {@code to} built with every member of {@code from}, matched by AWS member name: for two
   * requests of the same members that the SDK gives no common type.
   */
  private static <B extends SdkPojo & SdkBuilder<B, R>, R> R sameMembers(SdkPojo from, B to) {
    Map<String, SdkField<?>> fields = to.sdkFieldNameToField();
    for (SdkField<?> f : from.sdkFields()) {
      SdkField<?> target = fields.get(f.memberName());
      if (target == null) {
        throw new IllegalStateException("no member " + f.memberName() + " to copy into " + to);
      }
      target.set(to, f.getValueOrDefault(from));
    }
    return to.build();
  }

  OperationStatus describeCreation(String instanceArn, String requestId) {
    return AwsErrors.call(
        "DescribeAccountAssignmentCreationStatus",
        () ->
            of(
                sso.describeAccountAssignmentCreationStatus(
                        r ->
                            r.instanceArn(instanceArn)
                                .accountAssignmentCreationRequestId(requestId))
                    .accountAssignmentCreationStatus()));
  }

  OperationStatus describeDeletion(String instanceArn, String requestId) {
    return AwsErrors.call(
        "DescribeAccountAssignmentDeletionStatus",
        () ->
            of(
                sso.describeAccountAssignmentDeletionStatus(
                        r ->
                            r.instanceArn(instanceArn)
                                .accountAssignmentDeletionRequestId(requestId))
                    .accountAssignmentDeletionStatus()));
  }

  List<OperationStatus> listCreation(String instanceArn, OperationState state) {
    return AwsErrors.call(
        "ListAccountAssignmentCreationStatus",
        () ->
            sso
                .listAccountAssignmentCreationStatusPaginator(
                    r ->
                        r.instanceArn(instanceArn)
                            .filter(f -> f.status(StatusValues.fromValue(state.name())))
                            .maxResults(PageSizes.SSO_ADMIN))
                .accountAssignmentsCreationStatus()
                .stream()
                .map(AwsOperations::of)
                .toList());
  }

  List<OperationStatus> listDeletion(String instanceArn, OperationState state) {
    return AwsErrors.call(
        "ListAccountAssignmentDeletionStatus",
        () ->
            sso
                .listAccountAssignmentDeletionStatusPaginator(
                    r ->
                        r.instanceArn(instanceArn)
                            .filter(f -> f.status(StatusValues.fromValue(state.name())))
                            .maxResults(PageSizes.SSO_ADMIN))
                .accountAssignmentsDeletionStatus()
                .stream()
                .map(AwsOperations::of)
                .toList());
  }

  private static OperationStatus of(AccountAssignmentOperationStatus s) {
    return status(s.requestId(), s.statusAsString(), s.failureReason(), s.createdDate());
  }

  private static OperationStatus of(PermissionSetProvisioningStatus s) {
    return status(s.requestId(), s.statusAsString(), s.failureReason(), s.createdDate());
  }

  private static OperationStatus of(AccountAssignmentOperationStatusMetadata s) {
    return status(s.requestId(), s.statusAsString(), null, s.createdDate());
  }

  /** A status value this SDK does not know yet is kept as IN_PROGRESS, so callers poll again. */
  private static OperationStatus status(
      String requestId, String state, String reason, Instant created) {
    OperationState s =
        switch (state == null ? "" : state) {
          case "SUCCEEDED" -> OperationState.SUCCEEDED;
          case "FAILED" -> OperationState.FAILED;
          default -> OperationState.IN_PROGRESS;
        };
    return new OperationStatus(requestId, s, reason, created);
  }
}
