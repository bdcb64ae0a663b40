package dev.idcplane.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.support.MutableClock;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ExpiringTest {
  final MutableClock clock = MutableClock.at("2026-01-01T00:00:00Z");
  final AtomicInteger loads = new AtomicInteger();

  @Test
  void loadsOncePerTtl() {
    var value = new Expiring<>(clock, Duration.ofSeconds(15), loads::incrementAndGet);
    assertThat(value.get()).hasValue(1);
    clock.advance(Duration.ofSeconds(14));
    assertThat(value.get()).hasValue(1);
    clock.advance(Duration.ofSeconds(1));
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
    var value =
        new Expiring<Integer>(
            clock,
            Duration.ofSeconds(15),
            () -> {
              if (loads.incrementAndGet() == 1) {
                throw new IllegalStateException("database down");
              }
              return loads.get();
            });
    assertThat(value.get()).isEmpty();
    assertThat(value.get()).isEmpty();
    assertThat(loads).hasValue(1);
    clock.advance(Duration.ofSeconds(15));
    assertThat(value.get()).hasValue(2);
  }
}
