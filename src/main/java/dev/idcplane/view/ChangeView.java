package dev.idcplane.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Map;

/**
 * One planned change. Fields that do not apply to the action are omitted. A provisioning has a
 * {@code target}: {@code all_provisioned_accounts}, or {@code aws_account} with the {@code account}
 * it provisions to; stored views without a target are ALL_PROVISIONED_ACCOUNTS. A change to a
 * trusted token issuer or application names the {@code trustedTokenIssuer} or {@code application}
 * ({@code id} its ARN, absent until created), its action is the sso-admin operation, and {@code
 * settings} holds what it sets.
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
public record ChangeView(
    String action,
    String key,
    String reason,
    String permissionSet,
    String permissionSetArn,
    RefView account,
    RefView principal,
    List<String> wantedBy,
    List<FieldView> fields,
    DefinitionView definition,
    List<String> outOfSyncAccounts,
    String target,
    RefView trustedTokenIssuer,
    RefView application,
    Map<String, Object> settings) {

  /** One changed field of a permission set. */
  public record FieldView(String field, String before, String after) {}
}
