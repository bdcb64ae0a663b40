package dev.idcplane.ui;

import dev.idcplane.audit.AuditAction;
import dev.idcplane.audit.AuditEntry;
import dev.idcplane.audit.AuditTrail;
import dev.idcplane.persistence.AuditRepository;
import dev.idcplane.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The audit trail in the console (auditor): entries in sequence order, {@value #PAGE} a page, with
 * the API's filters (action, subject, from, to), and a button that re-checks the whole hash chain
 * ({@link AuditTrail#verify}, as {@code GET /api/v1/audit/verify}) and says whether it is intact.
 */
@Path("/ui/audit")
public class AuditPagesResource {
  static final int PAGE = 100;

  private final Pages pages;
  private final AuditRepository entries;
  private final AuditTrail trail;

  public AuditPagesResource(Pages pages, AuditRepository entries, AuditTrail trail) {
    this.pages = pages;
    this.entries = entries;
    this.trail = trail;
  }

  @GET
  @RolesAllowed(Roles.AUDITOR)
  public Response audit(
      @QueryParam("action") String action,
      @QueryParam("subject") String subject,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("after") String after,
      @QueryParam("verify") String verify) {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("action", text(action));
    f.put("subject", text(subject));
    f.put("from", text(from));
    f.put("to", text(to));
    Map<String, Object> data = new HashMap<>();
    data.put("f", f);
    data.put("actions", Arrays.stream(AuditAction.values()).map(Enum::name).toList());
    data.put(
        "query",
        f.entrySet().stream()
            .filter(e -> !e.getValue().isEmpty())
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&")));
    data.put(
        "verdict",
        "true".equals(verify) ? Optional.of(trail.verify(Optional.empty())) : Optional.empty());
    String problem = "";
    List<AuditEntry> page = List.of();
    try {
      var filter =
          new AuditRepository.Filter(
              blank(action), blank(subject), instant("from", from), instant("to", to));
      page = entries.page(cursor(after), PAGE, filter);
    } catch (IllegalArgumentException e) {
      problem = e.getMessage();
    }
    data.put("problem", problem);
    data.put("entries", page);
    data.put("next", page.size() == PAGE ? String.valueOf(page.get(page.size() - 1).seq()) : "");
    return pages.page(problem.isEmpty() ? 200 : 400, "audit", data);
  }

  /**
   * The verdict alone, for the page's Verify button (htmx swaps it in; without JavaScript the
   * button reloads the page with {@code verify=true}).
   */
  @GET
  @Path("verdict")
  @RolesAllowed(Roles.AUDITOR)
  public Response verdict() {
    return pages.fragment("verdict", Map.of("v", trail.verify(Optional.empty())));
  }

  private static String text(String s) {
    return s == null ? "" : s.trim();
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }

  private static long cursor(String after) {
    if (after == null || after.isBlank()) {
      return 0;
    }
    try {
      return Long.parseLong(after.trim());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("after must be an entry's seq, not '" + after + "'");
    }
  }

  private static Instant instant(String name, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      return Instant.parse(value.trim());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " must be an ISO instant such as 2026-01-01T00:00:00Z, not '" + value + "'");
    }
  }
}
