package dev.idcplane.plan.apps;

import java.util.Locale;
import java.util.Objects;

/**
 * A trusted token issuer or application the matrix does not manage, reported and never changed:
 * undeclared ones and applications of other providers (AWS-managed ones).
 */
public record AppDrift(Kind kind, String name, String arn, String message) {

  public enum Kind {
    UNMANAGED_TRUSTED_TOKEN_ISSUER,
    UNMANAGED_APPLICATION;

    /** The stable string clients match on, e.g. {@code unmanaged_application}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public AppDrift {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(arn, "arn");
    Objects.requireNonNull(message, "message");
  }
}
