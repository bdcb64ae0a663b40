package dev.idcplane.ui;

import dev.idcplane.drift.DriftStore.OpenOnDay;
import java.time.LocalDate;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Open drift by kind over the last days as a server-rendered SVG: one stacked bar a day, one colour
 * a kind, with a legend and a text title for screen readers (the page also has the numbers as a
 * table). Pure: the same rows always give the same SVG.
 */
public final class DriftChart {
  private static final String[] COLOURS = {
    "#0b57d0", "#a40e26", "#116329", "#7d4e00", "#6f42c1", "#0a7d8c", "#b35900", "#4a5360"
  };
  private static final int WIDTH = 720;
  private static final int HEIGHT = 220;
  private static final int LEFT = 40;
  private static final int BOTTOM = 30;
  private static final int LEGEND = 170;

  private DriftChart() {}

  /** The SVG for {@code days} days ending {@code last}. */
  public static String svg(List<OpenOnDay> rows, LocalDate last, int days) {
    SortedSet<String> kinds = new TreeSet<>();
    Map<LocalDate, Map<String, Long>> byDay = new TreeMap<>();
    for (OpenOnDay r : rows) {
      kinds.add(r.kind());
      byDay.computeIfAbsent(r.day(), d -> new TreeMap<>()).put(r.kind(), r.open());
    }
    long max =
        Math.max(
            1,
            byDay.values().stream()
                .mapToLong(m -> m.values().stream().mapToLong(Long::longValue).sum())
                .max()
                .orElse(0));
    int plotWidth = WIDTH - LEFT - LEGEND;
    int plotHeight = HEIGHT - BOTTOM - 10;
    double slot = plotWidth / (double) days;
    StringBuilder svg = new StringBuilder();
    svg.append(
            String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 %d %d\" width=\"%d\""
                    + " height=\"%d\" role=\"img\" aria-labelledby=\"drift-chart-title\">",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT))
        .append("<title id=\"drift-chart-title\">Open drift by kind, last ")
        .append(days)
        .append(" days; at most ")
        .append(max)
        .append(" open on one day</title>");
    svg.append(line(LEFT, 10, LEFT, 10 + plotHeight))
        .append(line(LEFT, 10 + plotHeight, LEFT + plotWidth, 10 + plotHeight))
        .append(text(LEFT - 4, 16, "end", String.valueOf(max)))
        .append(text(LEFT - 4, 10 + plotHeight, "end", "0"));
    List<String> kindList = List.copyOf(kinds);
    for (int i = 0; i < days; i++) {
      LocalDate day = last.minusDays(days - 1L - i);
      double x = LEFT + i * slot + slot * 0.15;
      double y = 10 + plotHeight;
      Map<String, Long> counts = byDay.getOrDefault(day, Map.of());
      for (int k = 0; k < kindList.size(); k++) {
        long n = counts.getOrDefault(kindList.get(k), 0L);
        if (n == 0) {
          continue;
        }
        double h = plotHeight * n / (double) max;
        y -= h;
        svg.append(
            String.format(
                Locale.ROOT,
                "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\">"
                    + "<title>%s %s: %d</title></rect>",
                x,
                y,
                slot * 0.7,
                h,
                COLOURS[k % COLOURS.length],
                day,
                escape(kindList.get(k)),
                n));
      }
      if (i % Math.max(1, days / 7) == 0 || i == days - 1) {
        svg.append(
            text(
                LEFT + i * slot + slot / 2,
                HEIGHT - 12,
                "middle",
                day.getMonthValue() + "/" + day.getDayOfMonth()));
      }
    }
    for (int k = 0; k < kindList.size(); k++) {
      int y = 20 + k * 18;
      svg.append(
              String.format(
                  Locale.ROOT,
                  "<rect x=\"%d\" y=\"%d\" width=\"12\" height=\"12\" fill=\"%s\"/>",
                  WIDTH - LEGEND + 16,
                  y - 10,
                  COLOURS[k % COLOURS.length]))
          .append(text(WIDTH - LEGEND + 34, y, "start", kindList.get(k)));
    }
    if (kindList.isEmpty()) {
      svg.append(text(LEFT + plotWidth / 2.0, 10 + plotHeight / 2.0, "middle", "no open drift"));
    }
    return svg.append("</svg>").toString();
  }

  private static String line(double x1, double y1, double x2, double y2) {
    return String.format(
        Locale.ROOT,
        "<line x1=\"%.1f\" y1=\"%.1f\" x2=\"%.1f\" y2=\"%.1f\" stroke=\"#4a5360\"/>",
        x1,
        y1,
        x2,
        y2);
  }

  private static String text(double x, double y, String anchor, String s) {
    return String.format(
        Locale.ROOT,
        "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\" font-size=\"12\" fill=\"#1b1f24\">%s</text>",
        x,
        y,
        anchor,
        escape(s));
  }

  static String escape(String s) {
    return s.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
