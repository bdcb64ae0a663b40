package dev.idcplane.api;

import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * The one parser of instants in query parameters and cursors. Java accepts years far beyond what
 * PostgreSQL stores, so an instant outside years 0001..9999 is refused here as a 400 naming the
 * parameter, instead of failing in the database as a 500.
 */
final class QueryParams {
  /** The first instant accepted: 0001-01-01T00:00:00Z. */
  static final Instant EARLIEST = Instant.parse("0001-01-01T00:00:00Z");

  /** The first instant refused: 10000-01-01T00:00:00Z. */
  static final Instant AFTER_LATEST = Instant.parse("+10000-01-01T00:00:00Z");

  private QueryParams() {}

  /** {@code value} as an instant, or a 400 saying what {@code name} accepts. */
  static Instant instant(String name, String value) {
    Instant parsed;
    try {
      parsed = Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw invalid(name, value);
    }
    return inRange(name, value, parsed);
  }

  /** {@code parsed} (read from {@code value}) if it lies in years 0001..9999, else a 400. */
  static Instant inRange(String name, String value, Instant parsed) {
    if (parsed.isBefore(EARLIEST) || !parsed.isBefore(AFTER_LATEST)) {
      throw invalid(name, value);
    }
    return parsed;
  }

  private static InvalidParameterException invalid(String name, String value) {
    return new InvalidParameterException(
        name
            + " must be an ISO-8601 instant such as"
            + " 2026-11-23T10:00:00Z in the years 0001..9999, not '"
            + value
            + "'");
  }
}
