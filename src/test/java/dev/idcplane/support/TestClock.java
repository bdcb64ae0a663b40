package dev.idcplane.support;

import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The clock every {@code @QuarkusTest} application runs on: it starts at {@link #START} when the
 * test JVM starts and runs at real speed, so leases, waits and timeouts behave as in production
 * while the date the tests see never moves. Plans of the shipped matrix (whose USER exception
 * expires on 2027-06-30) give the same counts whatever day the suite runs. Test code that writes
 * times the application compares with its clock takes them from {@link #now()}.
 */
public class TestClock {
  /** The instant the tests' application believes it is when the JVM starts. */
  public static final Instant START = Instant.parse("2026-12-01T09:00:00Z");

  private static final Clock CLOCK =
      Clock.offset(Clock.systemUTC(), Duration.between(Instant.now(), START));

  /** The current instant on the tests' clock. */
  public static Instant now() {
    return CLOCK.instant();
  }

  /** Replaces the application's system clock in every {@code @QuarkusTest}. */
  @Produces
  @Singleton
  @Alternative
  @Priority(1)
  Clock clock() {
    return CLOCK;
  }
}
