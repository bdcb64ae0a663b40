package dev.idcplane.drift;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.export.CsvWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Writes an auditor export as rows arrive, hashing the data part as it goes.
 *
 * <p>CSV: exactly {@value #CSV_HEADER_LINES} header lines starting with {@code #}, then the CSV
 * column row and one RFC 4180 row per finding (CRLF line ends), then exactly one trailer line
 * {@code # rows=N sha256=HEX}. HEX is the SHA-256 of the bytes between header and trailer (column
 * row included): {@code tail -n +8 drift.csv | head -n -1 | sha256sum}.
 *
 * <p>JSON: JSON Lines; the first line is {@code {"header":{...}}}, then one finding object per
 * line, then {@code {"trailer":{"rows":N,"sha256":"HEX"}}} with HEX over the finding lines
 * including their newlines: {@code sed '1d;$d' drift.jsonl | sha256sum}.
 */
public final class DriftExporter {
  public static final int CSV_HEADER_LINES = 7;

  static final List<String> COLUMNS =
      List.of(
          "id",
          "status",
          "kind",
          "key",
          "permission_set",
          "account_id",
          "account_name",
          "account_path",
          "principal_type",
          "principal_id",
          "principal_name",
          "detail",
          "changed_fields",
          "first_seen",
          "last_seen",
          "seen_by_plans",
          "resolved_at",
          "resolution",
          "resolved_by",
          "resolved_run_id",
          "resolved_matrix_digest",
          "resolved_matrix_commit",
          "previous_occurrence_id",
          "instance_arn");

  /** What the header block states. */
  public record Header(
      String generatedAt,
      String generatedBy,
      String filters,
      String matrixDigest,
      String matrixCommit) {}

  private final OutputStream out;
  private final boolean csv;
  private final ObjectMapper json;
  private final MessageDigest sha;
  private long rows;

  public DriftExporter(OutputStream out, boolean csv, ObjectMapper json) {
    this.out = out;
    this.csv = csv;
    this.json = json;
    try {
      this.sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Writes the header, every row {@code source} gives, and the trailer. */
  public void write(Header h, Consumer<Consumer<FindingRow>> source) {
    if (csv) {
      raw("# IDC Control Plane drift export (format: README, Drift history and reports)\r\n");
      raw("# generated-at: " + headerValue(h.generatedAt()) + "\r\n");
      raw("# generated-by: " + headerValue(h.generatedBy()) + "\r\n");
      raw("# filters: " + headerValue(h.filters()) + "\r\n");
      raw("# matrix-digest: " + nullToEmpty(h.matrixDigest()) + "\r\n");
      raw("# matrix-commit: " + nullToEmpty(h.matrixCommit()) + "\r\n");
      raw(
          "# rows and sha256 of the lines between this header and the trailer: see the last line\r\n");
      data(CsvWriter.line(COLUMNS));
      source.accept(
          r -> {
            data(CsvWriter.line(cells(r)));
            rows++;
          });
      raw("# rows=" + rows + " sha256=" + HexFormat.of().formatHex(sha.digest()) + "\r\n");
    } else {
      Map<String, Object> header = new LinkedHashMap<>();
      header.put("generatedAt", h.generatedAt());
      header.put("generatedBy", h.generatedBy());
      header.put("filters", h.filters());
      header.put("matrixDigest", h.matrixDigest());
      header.put("matrixCommit", h.matrixCommit());
      raw(jsonLine(Map.of("header", header)));
      source.accept(
          r -> {
            data(jsonLine(r));
            rows++;
          });
      raw(
          jsonLine(
              Map.of(
                  "trailer",
                  Map.of("rows", rows, "sha256", HexFormat.of().formatHex(sha.digest())))));
    }
  }

  private static List<Object> cells(FindingRow r) {
    return Arrays.asList(
        r.id(),
        r.status(),
        r.kind(),
        r.key(),
        r.permissionSet(),
        r.accountId(),
        r.accountName(),
        r.accountPath(),
        r.principalType(),
        r.principalId(),
        r.principalName(),
        r.detail(),
        changedFields(r),
        r.firstSeen(),
        r.lastSeen(),
        r.seenByPlans(),
        r.resolvedAt(),
        r.resolution(),
        r.resolvedBy(),
        r.resolvedRunId(),
        r.resolvedMatrixDigest(),
        r.resolvedMatrixCommit(),
        r.previousOccurrenceId(),
        r.instanceArn());
  }

  /** A definition finding's fields as {@code field: before -> after} joined by {@code "; "}. */
  private static String changedFields(FindingRow r) {
    return r.fields().stream()
        .map(f -> f.field() + ": " + f.before() + " -> " + f.after())
        .collect(java.util.stream.Collectors.joining("; "));
  }

  private String jsonLine(Object value) {
    try {
      return json.writeValueAsString(value) + "\n";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void data(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    sha.update(b);
    write(b);
  }

  private void raw(String s) {
    write(s.getBytes(StandardCharsets.UTF_8));
  }

  private void write(byte[] b) {
    try {
      out.write(b);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String nullToEmpty(String s) {
    return s == null ? "" : headerValue(s);
  }

  /**
   * A header value made safe for a spreadsheet like a data cell: one line, no comma or quote that
   * would start a new cell ({@code %2C}, {@code %22}), and a leading apostrophe if it would start a
   * formula.
   */
  static String headerValue(String s) {
    if (s == null) {
      return "";
    }
    return CsvWriter.neutralise(oneLine(s).replace("\"", "%22").replace(",", "%2C"));
  }

  private static String oneLine(String s) {
    return s.replace('\r', ' ').replace('\n', ' ');
  }
}
