package dev.idcplane.plan;

import dev.idcplane.matrix.SourceLocation;
import java.util.List;
import java.util.Objects;

/** An assignment the matrix wants, with display names and every rule (file:line) that wants it. */
public record DesiredAssignment(
    AssignmentKey key, String principalName, String accountName, List<SourceLocation> wantedBy) {
  public DesiredAssignment {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(principalName, "principalName");
    Objects.requireNonNull(accountName, "accountName");
    wantedBy = List.copyOf(wantedBy);
    if (wantedBy.isEmpty()) {
      throw new IllegalArgumentException("a desired assignment names the rule that wants it");
    }
  }
}
