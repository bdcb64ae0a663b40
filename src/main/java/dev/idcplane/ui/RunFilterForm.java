package dev.idcplane.ui;

import dev.idcplane.persistence.RunHistory;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
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
    return RunHistory.Filter.parse(status, startedBy, plan, from, to);
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

  private static String text(String s) {
    return s == null ? "" : s.trim();
  }
}
