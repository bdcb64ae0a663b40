package dev.idcplane.api;

import dev.idcplane.api.dto.AuditEntryView;
import dev.idcplane.audit.AuditEntry;
import dev.idcplane.audit.AuditTrail;
import dev.idcplane.audit.ChainHead;
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
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The audit trail, read-only: list entries (cursor pagination by seq) and re-check the hash chain.
 * Nothing here, or anywhere in the API, edits or deletes history.
 */
@Path("/api/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
  /** {@code SEQ:HASH}, as {@code head} of a verify response. */
  private static final Pattern HEAD = Pattern.compile("(\\d{1,18}):([0-9a-fA-F]{64})");

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
   * filtered by {@code action}, {@code subject}, {@code from} (inclusive) and {@code to}
   * (exclusive, ISO instants).
   */
  @GET
  @RolesAllowed(Roles.AUDITOR)
  public AuditPage list(
      @QueryParam("limit") String limit,
      @QueryParam("after") String after,
      @QueryParam("action") String action,
      @QueryParam("subject") String subject,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    int n = PlansResource.parseLimit(limit);
    var filter =
        new AuditRepository.Filter(
            blankToNull(action), blankToNull(subject), instant("from", from), instant("to", to));
    List<AuditEntry> page = entries.page(cursor(after), n, filter);
    Long next = page.size() == n ? page.get(page.size() - 1).seq() : null;
    return new AuditPage(page.stream().map(AuditEntryView::of).toList(), next);
  }

  /**
   * Re-checks the whole chain and answers {@code {valid, entries, firstBrokenSeq, reason, head}}:
   * {@code entries} counted; when invalid, the first broken {@code seq} and why (an edited or
   * removed entry, or a chain that ends before or after its head anchor); {@code head} is the
   * anchor ({@code {seq, entryHash}}, the newest entry appended) the chain's end was compared with.
   * With {@code head=SEQ:HASH}, a head an auditor kept from an earlier verify, the chain must also
   * still hold exactly that entry; this catches a rewrite of both the rows and the anchor. A
   * malformed {@code head} is a 400.
   */
  @GET
  @Path("verify")
  @RolesAllowed(Roles.AUDITOR)
  public ChainVerdict verify(@QueryParam("head") String head) {
    return trail.verify(givenHead(head));
  }

  private static Optional<ChainHead> givenHead(String head) {
    if (head == null || head.isBlank()) {
      return Optional.empty();
    }
    Matcher m = HEAD.matcher(head.strip());
    if (!m.matches() || Long.parseLong(m.group(1)) < 1) {
      throw new BadRequestException(
          "head must be SEQ:HASH, an entry's seq (1 or more) and its"
              + " 64-hex-digit entryHash as a verify response's head gives them, not '"
              + head
              + "'");
    }
    return Optional.of(new ChainHead(Long.parseLong(m.group(1)), m.group(2).toLowerCase()));
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
    return QueryParams.instant(name, value);
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }
}
