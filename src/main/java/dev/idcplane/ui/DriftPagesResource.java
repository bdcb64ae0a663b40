package dev.idcplane.ui;

import dev.idcplane.api.DriftParams;
import dev.idcplane.drift.DriftFilter;
import dev.idcplane.drift.DriftStore;
import dev.idcplane.drift.FindingRow;
import dev.idcplane.error.ControlPlaneException;
import dev.idcplane.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Drift history in the console: the API's filters (status, kind, account, OU, principal, permission
 * set, from, to) checked by the same {@link DriftParams}, {@value #PAGE} occurrences a page with
 * the API's cursor, and for auditors the links to the CSV and JSON Lines exports of exactly the
 * filtered rows ({@code /api/v1/drift/export}, which the console session may call).
 */
@Path("/ui/drift")
public class DriftPagesResource {
  static final int PAGE = 100;
  static final List<String> FILTERS =
      List.of("status", "kind", "account", "ou", "principal", "permissionSet", "from", "to");

  private final Pages pages;
  private final DriftStore store;

  public DriftPagesResource(Pages pages, DriftStore store) {
    this.pages = pages;
    this.store = store;
  }

  @GET
  @RolesAllowed(Roles.VIEWER)
  public Response drift(
      @QueryParam("status") String status,
      @QueryParam("kind") String kind,
      @QueryParam("account") String account,
      @QueryParam("ou") String ou,
      @QueryParam("principal") String principal,
      @QueryParam("permissionSet") String permissionSet,
      @QueryParam("from") String from,
      @QueryParam("to") String to,
      @QueryParam("cursor") String cursor) {
    Map<String, String> given = new LinkedHashMap<>();
    String[] values = {status, kind, account, ou, principal, permissionSet, from, to};
    for (int i = 0; i < FILTERS.size(); i++) {
      given.put(FILTERS.get(i), values[i] == null ? "" : values[i].trim());
    }
    Map<String, Object> data = new HashMap<>();
    data.put("f", given);
    data.put("kinds", new TreeSet<>(store.openByKind().keySet()));
    String query =
        given.entrySet().stream()
            .filter(e -> !e.getValue().isEmpty())
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    data.put("query", query);
    List<FindingRow> rows;
    try {
      DriftFilter filter =
          DriftParams.filter(
              blank(status),
              blank(kind),
              blank(account),
              blank(ou),
              blank(principal),
              blank(permissionSet),
              blank(from),
              blank(to));
      rows = store.page(filter, DriftParams.cursor(blank(cursor)), PAGE + 1);
    } catch (ControlPlaneException | WebApplicationException e) {
      data.put("problem", e.getMessage());
      data.put("rows", List.of());
      data.put("next", "");
      return pages.page(400, "drift", data);
    }
    boolean more = rows.size() > PAGE;
    List<FindingRow> shown = more ? rows.subList(0, PAGE) : rows;
    data.put("problem", "");
    data.put("rows", shown);
    data.put(
        "next",
        more
            ? DriftParams.encode(
                new DriftFilter.Cursor(
                    shown.get(shown.size() - 1).firstSeen(), shown.get(shown.size() - 1).id()))
            : "");
    return pages.ok("drift", data);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
