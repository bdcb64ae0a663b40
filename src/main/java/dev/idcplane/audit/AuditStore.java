package dev.idcplane.audit;

import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where the audit trail is kept: an append-only chain of entries and its head anchor. {@link
 * AuditTrail} records and verifies through it; the persistence layer implements it.
 */
public interface AuditStore {

  /**
   * Appends an entry after the anchored head and moves the anchor to it, atomically and serialised
   * with every other append, in the caller's transaction if there is one.
   */
  AuditEntry append(AuditEntry.Content content);

  /** The head anchor: the newest entry ever appended (empty only before the store is set up). */
  Optional<ChainHead> head();

  /** Gives {@code sink} every entry after {@code after}, in order; returns the last seq given. */
  long scan(long after, Consumer<AuditEntry> sink);
}
