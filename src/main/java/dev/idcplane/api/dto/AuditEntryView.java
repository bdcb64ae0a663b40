package dev.idcplane.api.dto;

import com.fasterxml.jackson.annotation.JsonRawValue;
import dev.idcplane.audit.AuditEntry;
import java.time.Instant;

/** One audit entry as the API shows it; {@code details} is the stored JSON object as is. */
public record AuditEntryView(
    long seq,
    Instant at,
    String action,
    String subject,
    String matrixDigest,
    String matrixCommit,
    @JsonRawValue String details,
    String previousHash,
    String entryHash) {
  public static AuditEntryView of(AuditEntry e) {
    return new AuditEntryView(
        e.seq(),
        e.at(),
        e.action(),
        e.subject(),
        e.matrixDigest(),
        e.matrixCommit(),
        e.details(),
        e.previousHash(),
        e.entryHash());
  }
}
