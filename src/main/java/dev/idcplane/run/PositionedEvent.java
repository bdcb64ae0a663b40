package dev.idcplane.run;

import java.util.Objects;

/**
 * A run event and its position in the run's journal, which the stream sends as the SSE {@code id}
 * and a client sends back as {@code Last-Event-ID} to resume after it.
 */
public record PositionedEvent(long position, RunEvent event) {
  public PositionedEvent {
    Objects.requireNonNull(event, "event");
    if (position < 1) {
      throw new IllegalArgumentException("positions start at 1, not " + position);
    }
  }
}
