package dev.idcplane.identitycenter;

/** Status of an asynchronous Identity Center operation (StatusValues in the sso-admin API). */
public enum OperationState {
  IN_PROGRESS,
  SUCCEEDED,
  FAILED;

  public boolean terminal() {
    return this != IN_PROGRESS;
  }
}
