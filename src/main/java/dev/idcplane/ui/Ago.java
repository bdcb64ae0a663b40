package dev.idcplane.ui;

import java.time.Duration;
import java.time.Instant;

/** "3 minutes ago": how long ago an instant was, in words a person reads at a glance. */
public final class Ago {
  private Ago() {}

  public static String of(Instant then, Instant now) {
    if (then == null) {
      return "never";
    }
    Duration d = Duration.between(then, now);
    if (d.isNegative() || d.toSeconds() < 60) {
      return "just now";
    }
    if (d.toMinutes() < 60) {
      return plural(d.toMinutes(), "minute");
    }
    if (d.toHours() < 48) {
      return plural(d.toHours(), "hour");
    }
    return plural(d.toDays(), "day");
  }

  private static String plural(long n, String unit) {
    return n + " " + unit + (n == 1 ? "" : "s") + " ago";
  }
}
