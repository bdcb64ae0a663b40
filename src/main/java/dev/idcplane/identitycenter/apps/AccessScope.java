package dev.idcplane.identitycenter.apps;

import java.util.List;
import java.util.Objects;

/**
 * An access scope of an application ({@code sts:identity_context}, {@code s3:access_grants:read},
 * ...), with the applications (ARNs) it is authorized for; none means every target.
 */
public record AccessScope(String scope, List<String> targets) {
  public AccessScope {
    Objects.requireNonNull(scope, "scope");
    targets = List.copyOf(targets);
  }
}
