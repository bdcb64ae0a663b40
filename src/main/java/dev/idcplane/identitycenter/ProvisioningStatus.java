package dev.idcplane.identitycenter;

/** Filter for ListAccountsForProvisionedPermissionSet; {@link #ANY} sends no filter. */
public enum ProvisioningStatus {
  ANY,
  LATEST_PERMISSION_SET_PROVISIONED,
  LATEST_PERMISSION_SET_NOT_PROVISIONED
}
