package dev.idcplane.audit;

import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the audit trail as stored: its place in the chain ({@code seq}, the previous entry's
 * hash and its own) and what it records ({@link Content}).
 */
public record AuditEntry(long seq, Content content, String previousHash, String entryHash) {
  /**
   * What an entry records. {@code details} is canonical JSON (sorted keys) and is hashed byte for
   * byte; {@code at} has microsecond precision once stored, as PostgreSQL keeps it.
   */
  public record Content(
      Instant at,
      String action,
      String subject,
      String matrixDigest,
      String matrixCommit,
      String details) {
    public Content {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(action, "action");
      Objects.requireNonNull(subject, "subject");
      Objects.requireNonNull(details, "details");
    }
  }

  public AuditEntry {
    Objects.requireNonNull(content, "content");
    Objects.requireNonNull(previousHash, "previousHash");
    Objects.requireNonNull(entryHash, "entryHash");
  }

  public Instant at() {
    return content.at();
  }

  public String action() {
    return content.action();
  }

  public String subject() {
    return content.subject();
  }

  public String matrixDigest() {
    return content.matrixDigest();
  }

  public String matrixCommit() {
    return content.matrixCommit();
  }

  public String details() {
    return content.details();
  }
}
