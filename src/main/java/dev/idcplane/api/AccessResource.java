package dev.idcplane.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.access.AccessReporter;
import dev.idcplane.access.AccessRow;
import dev.idcplane.export.CsvWriter;
import dev.idcplane.planning.MatrixInput;
import dev.idcplane.planning.PlanningService;
import dev.idcplane.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.BadRequestException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.NotFoundException;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Access reports from a fresh live read and the configured matrix (one read for the whole report):
 * who can reach an account, or everything a principal can reach, with whether the matrix intends
 * each assignment. Exactly one of {@code account} and {@code principal}.
 */
@Path("/api/v1/access")
public class AccessResource {
  static final List<String> CSV_HEADER =
      List.of(
          "accountId",
          "accountName",
          "principalType",
          "principalId",
          "principalName",
          "permissionSet",
          "status",
          "wantedBy",
          "detail");

  private final PlanningService planning;
  private final ObjectMapper json;

  public AccessResource(PlanningService planning, ObjectMapper json) {
    this.planning = planning;
    this.json = json;
  }

  /** A report: what was asked, when the live state was read, from which matrix, and the rows. */
  public record AccessReport(
      String account,
      String principal,
      Instant snapshotAt,
      String matrixDigest,
      List<AccessRow> rows) {}

  @GET
  @RolesAllowed({Roles.VIEWER, Roles.CI})
  @Produces(MediaType.APPLICATION_JSON)
  public AccessReport report(
      @QueryParam("account") String account, @QueryParam("principal") String principal) {
    return build(account, principal);
  }

  /** The same rows as a download: {@code format=csv} (RFC 4180, formula-neutralised) or json. */
  @GET
  @Path("export")
  @RolesAllowed(Roles.AUDITOR)
  public Response export(
      @QueryParam("format") String format,
      @QueryParam("account") String account,
      @QueryParam("principal") String principal) {
    String f = format == null ? "csv" : format;
    if (!f.equals("csv") && !f.equals("json")) {
      throw new BadRequestException("format must be csv or json, not '" + format + "'");
    }
    AccessReport report = build(account, principal);
    String name = "access-" + (account != null ? "account" : "principal");
    StreamingOutput body =
        out -> {
          var writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
          if (f.equals("json")) {
            json.writeValue(writer, report.rows());
            return;
          }
          CsvWriter csv = new CsvWriter(writer).row(CSV_HEADER);
          for (AccessRow r : report.rows()) {
            csv.row(
                List.of(
                    r.accountId(),
                    r.accountName(),
                    r.principalType(),
                    r.principalId(),
                    r.principalName(),
                    r.permissionSet(),
                    r.status(),
                    String.join(" ", r.wantedBy()),
                    Optional.ofNullable(r.detail()).orElse("")));
          }
          writer.flush();
        };
    return Response.ok(body)
        .type(f.equals("csv") ? "text/csv; charset=utf-8" : MediaType.APPLICATION_JSON)
        .header("Content-Disposition", "attachment; filename=\"" + name + "." + f + "\"")
        .build();
  }

  private AccessReport build(String account, String principal) {
    boolean byAccount = account != null && !account.isBlank();
    boolean byPrincipal = principal != null && !principal.isBlank();
    if (byAccount == byPrincipal) {
      throw new BadRequestException(
          "give exactly one of account (id or name) and principal"
              + " (group or user name, or id)");
    }
    var preview = planning.preview(MatrixInput.configured(Optional.empty()));
    var reporter =
        new AccessReporter(preview.live(), preview.resolution().desired(), preview.plan());
    List<AccessRow> rows =
        byAccount
            ? reporter.byAccount(
                reporter
                    .account(account)
                    .orElseThrow(
                        () -> new NotFoundException("no account with id or name " + account)))
            : reporter.byPrincipal(knownPrincipal(reporter, principal));
    return new AccessReport(
        byAccount ? account : null,
        byPrincipal ? principal : null,
        preview.live().readAt(),
        preview.plan().source().matrixDigest(),
        rows);
  }

  private static String knownPrincipal(AccessReporter reporter, String principal) {
    if (!reporter.knowsPrincipal(principal)) {
      throw new PrincipalNotFoundException(principal);
    }
    return principal;
  }
}
