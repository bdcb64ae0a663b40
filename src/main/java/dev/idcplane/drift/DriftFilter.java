package dev.idcplane.drift;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * What a drift listing or export selects. Every part is optional. {@code from}/{@code to} select
 * occurrences active in [from, to): first seen before {@code to} and last seen (or resolved) at or
 * after {@code from}. {@code account} matches the account id or name, {@code ou} an OU path and the
 * OUs below it (the account's path when the finding was last seen), {@code principal} the principal
 * id or name.
 */
public record DriftFilter(
    Status status,
    Optional<String> kind,
    Optional<String> account,
    Optional<String> ou,
    Optional<String> principal,
    Optional<String> permissionSet,
    Optional<Instant> from,
    Optional<Instant> to) {

  /** Which occurrences: still open, resolved, or both. */
  public enum Status {
    OPEN,
    RESOLVED,
    ALL
  }

  /** A position in the listing order (first_seen desc, id desc): rows strictly after it. */
  public record Cursor(Instant firstSeen, UUID id) {}
}
