package dev.idcplane.api;

import dev.idcplane.drift.DriftFilter;
import dev.idcplane.plan.DriftKind;
import jakarta.ws.rs.BadRequestException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Parses and validates the drift routes' query parameters; every failure is a 400 saying what to
 * send.
 */
public final class DriftParams {
  private DriftParams() {}

  public static DriftFilter filter(
      String status,
      String kind,
      String account,
      String ou,
      String principal,
      String permissionSet,
      String from,
      String to) {
    Optional<Instant> start = Optional.ofNullable(from).map(v -> instant("from", v));
    Optional<Instant> end = Optional.ofNullable(to).map(v -> instant("to", v));
    if (start.isPresent() && end.isPresent() && !start.get().isBefore(end.get())) {
      throw new BadRequestException(
          "from must be before to (got from=" + from + ", to=" + to + ")");
    }
    return new DriftFilter(
        status(status),
        Optional.ofNullable(kind).map(DriftParams::kind),
        text("account", account),
        text("ou", ou).map(DriftParams::ouPath),
        text("principal", principal),
        text("permissionSet", permissionSet),
        start,
        end);
  }

  static int limit(String limit) {
    if (limit == null) {
      return 100;
    }
    try {
      int n = Integer.parseInt(limit);
      if (n >= 1 && n <= 500) {
        return n;
      }
    } catch (NumberFormatException e) {
      // same message below
    }
    throw new BadRequestException(
        "limit must be a whole number from 1 to 500, not '" + limit + "'");
  }

  public static Optional<DriftFilter.Cursor> cursor(String cursor) {
    if (cursor == null) {
      return Optional.empty();
    }
    String[] parts = {};
    Instant firstSeen = null;
    UUID id = null;
    try {
      parts =
          new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8)
              .split("\\|", -1);
      if (parts.length == 2) {
        firstSeen = Instant.parse(parts[0]);
        id = UUID.fromString(parts[1]);
      }
    } catch (IllegalArgumentException | DateTimeParseException e) {
      // same message below
    }
    if (id != null) {
      return Optional.of(
          new DriftFilter.Cursor(QueryParams.inRange("cursor", parts[0], firstSeen), id));
    }
    throw new BadRequestException(
        "cursor must be the 'next' value of a previous response, unchanged");
  }

  public static String encode(DriftFilter.Cursor c) {
    return Base64.getUrlEncoder()
        .withoutPadding()
        .encodeToString((c.firstSeen() + "|" + c.id()).getBytes(StandardCharsets.UTF_8));
  }

  static String format(String format) {
    if (format == null || format.equals("csv") || format.equals("json")) {
      return format == null ? "csv" : format;
    }
    throw new BadRequestException("format must be csv or json, not '" + format + "'");
  }

  private static DriftFilter.Status status(String s) {
    if (s == null) {
      return DriftFilter.Status.OPEN;
    }
    return switch (s) {
      case "open" -> DriftFilter.Status.OPEN;
      case "resolved" -> DriftFilter.Status.RESOLVED;
      case "all" -> DriftFilter.Status.ALL;
      default ->
          throw new BadRequestException("status must be open, resolved or all, not '" + s + "'");
    };
  }

  private static String kind(String k) {
    try {
      return DriftKind.valueOf(k.toUpperCase(Locale.ROOT)).name();
    } catch (IllegalArgumentException e) {
      throw new BadRequestException(
          "kind must be one of "
              + Arrays.stream(DriftKind.values()).map(Enum::name).collect(Collectors.joining(", "))
              + ", not '"
              + k
              + "'");
    }
  }

  private static String ouPath(String ou) {
    String path = ou.strip();
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.isEmpty() || path.contains("//")) {
      throw new BadRequestException(
          "ou must be an OU path of names from the root such as Workloads/NonProd, not '"
              + ou
              + "'");
    }
    return path;
  }

  private static Optional<String> text(String name, String value) {
    if (value != null && value.isBlank()) {
      throw new BadRequestException(name + " must not be blank; leave it out to match any");
    }
    return Optional.ofNullable(value);
  }

  private static Instant instant(String name, String value) {
    return QueryParams.instant(name, value);
  }
}
