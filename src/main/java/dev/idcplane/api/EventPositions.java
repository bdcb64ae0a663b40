package dev.idcplane.api;

/**
 * Where a client resumes a run's event stream: after the position in {@code Last-Event-ID} (what a
 * reconnecting EventSource sends), else after {@code ?after=} (for clients that cannot set the
 * header), else from the run's first event. The header wins because an EventSource reconnects to
 * the URL it opened, {@code after} included, with the header naming the newer position.
 */
final class EventPositions {
  static final String HEADER = "Last-Event-ID";
  static final String QUERY = "after";

  private EventPositions() {}

  /** The position a stream starts after; a 400 naming the parameter when it is no position. */
  static long after(String lastEventId, String after) {
    if (lastEventId != null) {
      return parse(HEADER, lastEventId);
    }
    if (after != null) {
      return parse(QUERY, after);
    }
    return 0;
  }

  /** The 400 for a position beyond the run's journal: no stream of this run sent that id. */
  static InvalidParameterException beyond(String lastEventId, String after, String runId) {
    String name = lastEventId != null ? HEADER : QUERY;
    String value = lastEventId != null ? lastEventId : after;
    return new InvalidParameterException(
        name,
        value,
        name + " " + value + " is beyond the last event of run " + runId + ": no event had it");
  }

  private static long parse(String name, String value) {
    if (!value.isEmpty() && value.length() <= 19 && value.chars().allMatch(Character::isDigit)) {
      try {
        return Long.parseLong(value);
      } catch (NumberFormatException tooLarge) {
        // falls through to the 400
      }
    }
    return refuse(name, value);
  }

  private static long refuse(String name, String value) {
    String shown = value.length() > 40 ? value.substring(0, 40) + "…" : value;
    throw new InvalidParameterException(
        name,
        shown,
        name
            + " must be the id of an event of this run's stream (a whole number from 0), not '"
            + shown
            + "'");
  }
}
