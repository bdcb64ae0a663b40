package dev.idcplane.api;

import dev.idcplane.api.dto.AuditEntryView;
import dev.idcplane.audit.AuditEntry;
import dev.idcplane.audit.AuditTrail;
import dev.idcplane.audit.ChainVerdict;
import dev.idcplane.persistence.AuditRepository;
import dev.idcplane.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;

/**
 * The audit trail, read-only: list entries (cursor pagination by seq) and re-check the hash chain.
 * Nothing here, or anywhere in the API, edits or deletes history.
 */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
  private final AuditRepository entries;
  private final AuditTrail trail;

  public AuditResource(AuditRepository entries, AuditTrail trail) {
    this.entries = entries;
    this.trail = trail;
  }

  /** One page: entries in seq order and the cursor of the next page ({@code null} at the end). */
  public record AuditPage(List<AuditEntryView> entries, Long next) {}

  /**
   * Entries with seq above {@code after} (default 0), at most {@code limit} (1..200, default 50),
   * filtered by {@code action}, {@code subject}, {@code from} (inclusive) and {@code to} (exclusive,
   * ISO instants).
   */
  @GET
  @RolesAllowed(Roles.AUDITOR)
  public AuditPage list(@QueryParam("limit") String limit, @QueryParam("after") String after,
      @QueryParam("action") String action, @QueryParam("subject") String subject,
      @QueryParam("from") String from, @QueryParam("to") String to) {
    int n = PlansResource.parseLimit(limit);
    var filter = new AuditRepository.Filter(blankToNull(action), blankToNull(subject),
        instant("from", from), instant("to", to));
    List<AuditEntry> page = entries.page(cursor(after), n, filter);
    Long next = page.size() == n ? page.get(page.size() - 1).seq() : null;
    return new AuditPage(page.stream().map(AuditEntryView::of).toList(), next);
  }

  /** Re-checks the whole chain: {@code {valid, entries, firstBrokenSeq, reason}}. */
  @GET
  @Path("verify")
  @RolesAllowed(Roles.AUDITOR)
  public ChainVerdict verify() {
    return trail.verify();
  }

  private static long cursor(String after) {
    if (after == null || after.isBlank()) {
      return 0;
    }
    try {
      return Long.parseLong(after);
    } catch (NumberFormatException e) {
      throw new BadRequestException("after must be the seq of an entry, not '" + after + "'");
    }
  }

  private static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (java.time.format.DateTimeParseException e) {
      throw new BadRequestException(name
          + " must be an ISO-8601 instant such as 2026-11-23T10:00:00Z, not '" + value + "'");
    }
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
