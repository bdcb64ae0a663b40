package dev.idcplane.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExpiringTest {
  /** A clock the test moves. */
  static final class HandClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }

  final HandClock clock = new HandClock();
  final AtomicInteger loads = new AtomicInteger();

  @Test
  void loadsOncePerTtl() {
    var value = new Expiring<>(clock, Duration.ofSeconds(15), loads::incrementAndGet);
    assertThat(value.get()).hasValue(1);
    clock.now = clock.now.plusSeconds(14);
    assertThat(value.get()).hasValue(1);
    clock.now = clock.now.plusSeconds(1);
    assertThat(value.get()).hasValue(2);
    assertThat(loads).hasValue(2);
  }

  @Test
  void aZeroTtlLoadsEveryTime() {
    var value = new Expiring<>(clock, Duration.ZERO, loads::incrementAndGet);
    value.get();
    value.get();
    assertThat(loads).hasValue(2);
  }

  @Test
  void aFailedLoadIsUnknownUntilTheTtlEnds() {
    var value = new Expiring<Integer>(clock, Duration.ofSeconds(15), () -> {
      if (loads.incrementAndGet() == 1) {
        throw new IllegalStateException("database down");
      }
      return loads.get();
    });
    assertThat(value.get()).isEmpty();
    assertThat(value.get()).isEmpty();
    assertThat(loads).hasValue(1);
    clock.now = clock.now.plusSeconds(15);
    assertThat(value.get()).hasValue(2);
  }
}
