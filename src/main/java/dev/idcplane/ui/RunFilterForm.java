package dev.idcplane.ui;

import dev.idcplane.apply.RunStatus;
import dev.idcplane.persistence.RunHistory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * The runs page's filters as typed in its form (and so in its bookmarkable query string): status,
 * who started the run, the plan, and a start-time window. {@link #filter()} refuses a value it
 * cannot read with a sentence saying what it expects.
 */
record RunFilterForm(String status, String startedBy, String plan, String from, String to) {

  static RunFilterForm of(String status, String startedBy, String plan, String from, String to) {
    return new RunFilterForm(text(status), text(startedBy), text(plan), text(from), text(to));
  }

  /** The filter, or IllegalArgumentException naming the field that cannot be read. */
  RunHistory.Filter filter() {
    if (!status.isEmpty()
        && Arrays.stream(RunStatus.values()).noneMatch(s -> s.name().equals(status))) {
      throw new IllegalArgumentException(
          "status must be one of "
              + Arrays.stream(RunStatus.values()).map(Enum::name).collect(Collectors.joining(", "))
              + ", not '"
              + status
              + "'");
    }
    UUID planId = null;
    if (!plan.isEmpty()) {
      try {
        planId = UUID.fromString(plan);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("plan must be a plan's id (a UUID), not '" + plan + "'");
      }
    }
    Instant start = instant("from", from);
    Instant end = instant("to", to);
    if (start != null && end != null && !start.isBefore(end)) {
      throw new IllegalArgumentException("from must be before to");
    }
    return new RunHistory.Filter(
        status.isEmpty() ? null : status,
        startedBy.isEmpty() ? null : startedBy,
        planId,
        start,
        end);
  }

  /** The filters as a query string, empty ones left out, for the pager's links. */
  String query() {
    Map<String, String> f = new LinkedHashMap<>();
    f.put("status", status);
    f.put("startedBy", startedBy);
    f.put("plan", plan);
    f.put("from", from);
    f.put("to", to);
    return f.entrySet().stream()
        .filter(e -> !e.getValue().isEmpty())
        .map(e -> e.getKey() + "=" + URLEncoder.encode(e.getValue(), StandardCharsets.UTF_8))
        .collect(Collectors.joining("&"));
  }

  private static Instant instant(String name, String value) {
    if (value.isEmpty()) {
      return null;
    }
    try {
      return Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          name + " must be an ISO instant such as 2026-01-01T00:00:00Z, not '" + value + "'");
    }
  }

  private static String text(String s) {
    return s == null ? "" : s.trim();
  }
}
