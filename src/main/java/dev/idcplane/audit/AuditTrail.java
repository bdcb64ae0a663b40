package dev.idcplane.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;

/**
 * Records mutating actions in the append-only, hash-chained audit trail. Thread-safe; appends are
 * serialised in the database. Joins the caller's transaction when there is one.
 */
@ApplicationScoped
public class AuditTrail {
  private final AuditStore repository;
  private final Clock clock;
  private final ObjectMapper canonical;

  public AuditTrail(AuditStore repository, Clock clock, ObjectMapper json) {
    this.repository = repository;
    this.clock = clock;
    this.canonical =
        json.copy()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
            .configure(SerializationFeature.INDENT_OUTPUT, false);
  }

  /** The matrix an action was taken from; both parts may be null. */
  public record MatrixRef(String digest, String commit) {
    public static final MatrixRef NONE = new MatrixRef(null, null);
  }

  /**
   * Records {@code action} by {@code subject} with {@code details} (values serialisable to JSON).
   */
  public AuditEntry record(
      AuditAction action, String subject, MatrixRef matrix, Map<String, ?> details) {
    return repository.append(
        new AuditEntry.Content(
            clock.instant(),
            action.name(),
            subject,
            matrix.digest(),
            matrix.commit(),
            canonicalJson(details)));
  }

  /**
   * Re-checks the whole chain, its end against the head anchor, and that it still holds {@code
   * given} (a head an auditor kept) when present. Safe while entries are being appended.
   */
  public ChainVerdict verify(Optional<ChainHead> given) {
    ChainVerifier verifier = new ChainVerifier(given);
    long last = repository.scan(Long.MIN_VALUE, verifier::accept);
    Optional<ChainHead> anchor = repository.head();
    // Entries commit with their anchor move, so an anchor past the scan is either entries appended
    // meanwhile (read them, then the anchor again) or removed ones (a re-read finds nothing).
    while (anchor.isPresent() && anchor.get().seq() > last) {
      long next = repository.scan(last, verifier::accept);
      if (next == last) {
        break;
      }
      last = next;
      anchor = repository.head();
    }
    return verifier.verdict(anchor);
  }

  private String canonicalJson(Map<String, ?> details) {
    try {
      return canonical.writeValueAsString(new java.util.TreeMap<>(details));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise audit details", e);
    }
  }
}
