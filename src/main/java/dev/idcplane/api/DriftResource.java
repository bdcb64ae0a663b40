package dev.idcplane.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.drift.DriftExporter;
import dev.idcplane.drift.DriftFilter;
import dev.idcplane.drift.DriftStore;
import dev.idcplane.drift.FindingRow;
import dev.idcplane.security.Caller;
import dev.idcplane.security.Roles;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Drift history: a filtered, cursor-paginated listing and the auditors' streamed export. */
@Path("/api/v1/drift")
public class DriftResource {
  static final int EXPORT_FETCH_SIZE = 500;

  private final DriftStore store;
  private final SecurityIdentity identity;
  private final Clock clock;
  private final ObjectMapper json;

  public DriftResource(
      DriftStore store, SecurityIdentity identity, Clock clock, ObjectMapper json) {
    this.store = store;
    this.identity = identity;
    this.clock = clock;
    this.json = json;
  }

  /** One page of occurrences, newest first; {@code next} is the cursor of the following page. */
  public record Page(List<FindingRow> items, String next) {}

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.CI})
  @Produces(MediaType.APPLICATION_JSON)
  public Page list(
      @BeanParam DriftQuery query,
      @QueryParam("limit") String limit,
      @QueryParam("cursor") String cursor) {
    DriftFilter filter = query.filter();
    int n = DriftParams.limit(limit);
    List<FindingRow> rows = store.page(filter, DriftParams.cursor(cursor), n + 1);
    if (rows.size() <= n) {
      return new Page(rows, null);
    }
    FindingRow last = rows.get(n - 1);
    return new Page(
        rows.subList(0, n),
        DriftParams.encode(new DriftFilter.Cursor(last.firstSeen(), last.id())));
  }

  /** One occurrence and every plan that saw it (for a definition finding, the fields each saw). */
  public record Occurrence(FindingRow finding, List<DriftStore.Sighting> sightings) {}

  /** One occurrence by id with its sightings, oldest first; 404 when there is none. */
  @GET
  @Path("{id}")
  @RolesAllowed(Roles.AUDITOR)
  @Produces(MediaType.APPLICATION_JSON)
  public Occurrence get(@PathParam("id") String id) {
    UUID key;
    try {
      key = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      throw new jakarta.ws.rs.BadRequestException("drift finding id '" + id + "' is not a UUID");
    }
    FindingRow row =
        store.find(key).orElseThrow(() -> new NotFoundException("no drift finding " + id));
    return new Occurrence(row, store.sightings(key));
  }

  /** Every matching occurrence, streamed; see {@link DriftExporter} for the format. */
  @GET
  @Path("export")
  @RolesAllowed(Roles.AUDITOR)
  public Response export(@QueryParam("format") String format, @BeanParam DriftQuery query) {
    String fmt = DriftParams.format(format);
    DriftFilter filter = query.filter();
    Map<String, String> given = new LinkedHashMap<>();
    given.put("status", filter.status().name().toLowerCase(java.util.Locale.ROOT));
    filter.kind().ifPresent(v -> given.put("kind", v));
    filter.account().ifPresent(v -> given.put("account", v));
    filter.ou().ifPresent(v -> given.put("ou", v));
    filter.principal().ifPresent(v -> given.put("principal", v));
    filter.permissionSet().ifPresent(v -> given.put("permissionSet", v));
    filter.from().ifPresent(v -> given.put("from", v.toString()));
    filter.to().ifPresent(v -> given.put("to", v.toString()));
    String filters =
        given.entrySet().stream()
            .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
            .collect(Collectors.joining("&"));
    Optional<String[]> matrix = store.latestMatrix();
    var header =
        new DriftExporter.Header(
            clock.instant().toString(),
            Caller.of(identity).subject(),
            filters,
            matrix.map(m -> m[0]).orElse(null),
            matrix.map(m -> m[1]).orElse(null));
    boolean csv = fmt.equals("csv");
    StreamingOutput body =
        out ->
            new DriftExporter(out, csv, json)
                .write(header, sink -> store.stream(filter, EXPORT_FETCH_SIZE, sink));
    return Response.ok(body, csv ? "text/csv; charset=utf-8" : "application/x-ndjson")
        .header(
            "Content-Disposition", "attachment; filename=\"drift." + (csv ? "csv" : "jsonl") + "\"")
        .build();
  }
}
