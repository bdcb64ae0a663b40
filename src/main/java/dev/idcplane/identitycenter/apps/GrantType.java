package dev.idcplane.identitycenter.apps;

import java.util.Arrays;
import java.util.Optional;

/** The OAuth grant types an application may have, by their Identity Center names. */
public enum GrantType {
  JWT_BEARER("urn:ietf:params:oauth:grant-type:jwt-bearer"),
  REFRESH_TOKEN("refresh_token"),
  TOKEN_EXCHANGE("urn:ietf:params:oauth:grant-type:token-exchange"),
  AUTHORIZATION_CODE("authorization_code");

  private final String awsName;

  GrantType(String awsName) {
    this.awsName = awsName;
  }

  /** The name sso-admin uses ({@code GrantType}). */
  public String awsName() {
    return awsName;
  }

  public static Optional<GrantType> ofAwsName(String name) {
    return Arrays.stream(values()).filter(t -> t.awsName.equals(name)).findFirst();
  }
}
