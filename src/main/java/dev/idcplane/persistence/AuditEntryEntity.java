package dev.idcplane.persistence;

import dev.idcplane.audit.AuditEntry;
import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;

/** One audit trail row; insert-only (the table refuses UPDATE and DELETE). */
@Entity
@Table(name = "audit_entry")
public class AuditEntryEntity extends PanacheEntityBase {
  @Id public long seq;

  @Column(nullable = false)
  public Instant at;

  @Column(nullable = false)
  public String action;

  @Column(nullable = false)
  public String subject;

  @Column(name = "matrix_digest")
  public String matrixDigest;

  @Column(name = "matrix_commit")
  public String matrixCommit;

  @Column(nullable = false)
  public String details;

  @Column(name = "previous_hash", nullable = false)
  public String previousHash;

  @Column(name = "entry_hash", nullable = false)
  public String entryHash;

  public AuditEntry toEntry() {
    return new AuditEntry(
        seq,
        new AuditEntry.Content(at, action, subject, matrixDigest, matrixCommit, details),
        previousHash,
        entryHash);
  }

  static AuditEntryEntity of(AuditEntry e) {
    AuditEntryEntity r = new AuditEntryEntity();
    r.seq = e.seq();
    r.at = e.at();
    r.action = e.action();
    r.subject = e.subject();
    r.matrixDigest = e.matrixDigest();
    r.matrixCommit = e.matrixCommit();
    r.details = e.details();
    r.previousHash = e.previousHash();
    r.entryHash = e.entryHash();
    return r;
  }
}
