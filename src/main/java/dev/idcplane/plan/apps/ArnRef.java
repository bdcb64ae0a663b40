package dev.idcplane.plan.apps;

import java.util.Objects;

/**
 * A trusted token issuer or application as a change names it: by its ARN when the plan knows it,
 * else (created by the same plan) by its name, which the executor resolves to the ARN as it goes.
 *
 * @param arn the ARN, or null when it is known only after a create of the same run
 * @param name its name in IAM Identity Center
 */
public record ArnRef(String arn, String name) {
  public ArnRef {
    Objects.requireNonNull(name, "name");
  }

  public static ArnRef known(String arn, String name) {
    return new ArnRef(Objects.requireNonNull(arn, "arn"), name);
  }

  public static ArnRef byName(String name) {
    return new ArnRef(null, name);
  }

  public boolean resolved() {
    return arn != null;
  }

  @Override
  public String toString() {
    return arn != null ? arn : name;
  }
}
