package dev.idcplane.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the audit trail as stored. {@code details} is canonical JSON (sorted keys) and is
 * hashed byte for byte; {@code at} has microsecond precision, as PostgreSQL keeps it.
 */
public record AuditEntry(
    long seq,
    Instant at,
    String action,
    String subject,
    String matrixDigest,
    String matrixCommit,
    String details,
    String previousHash,
    String entryHash) {
  public AuditEntry {
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(details, "details");
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(entryHash, "entryHash");
  }
}
