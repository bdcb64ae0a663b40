package dev.idcplane.apply;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idcplane.support.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RateLimiterTest {
  private static final long SECOND = 1_000_000_000L;

  @ParameterizedTest
  @ValueSource(ints = {1, 2, 5, 20, 100, 2000})
  void deliversTheConfiguredRateAndNeverMoreInAnySecond(int perSecond) throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    RateLimiter limiter = new RateLimiter(perSecond, clock, clock::advance);
    int seconds = 60;
    List<Long> grants = new ArrayList<>();
    Instant start = clock.instant();
    for (int i = 0; i < perSecond * seconds; i++) {
      limiter.acquire();
      grants.add(Duration.between(start, clock.instant()).toNanos());
    }
    // The last grant opens the next window; time the run up to when the budget is spent again.
    limiter.acquire();
    double elapsed = Duration.between(start, clock.instant()).toNanos() / 1e9;
    double delivered = grants.size() / elapsed;

    assertThat(delivered).isCloseTo(perSecond, org.assertj.core.data.Percentage.withPercentage(3));
    assertThat(maxInAnySecond(grants)).isLessThanOrEqualTo(perSecond);
  }

  @Test
  void belowOnePerSecondGrantsOneCallPerPeriod() throws Exception {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    RateLimiter limiter = new RateLimiter(0.5, clock, clock::advance);
    Instant start = clock.instant();
    for (int i = 0; i < 11; i++) {
      limiter.acquire();
    }
    double perSecond = 10 / (Duration.between(start, clock.instant()).toNanos() / 1e9);
    assertThat(perSecond).isCloseTo(0.5, org.assertj.core.data.Percentage.withPercentage(3));
  }

  @Test
  void refusesARateThatIsNotPositive() {
    MutableClock clock = new MutableClock(Instant.parse("2026-01-01T00:00:00Z"));
    assertThatThrownBy(() -> new RateLimiter(0, clock, clock::advance))
        .hasMessageContaining("must be positive");
  }

  /** Most grants in any half-open window [t, t + 1 s), over sorted grant times. */
  static int maxInAnySecond(List<Long> sortedNanos) {
    int max = 0;
    int j = 0;
    for (int i = 0; i < sortedNanos.size(); i++) {
      while (j < sortedNanos.size() && sortedNanos.get(j) < sortedNanos.get(i) + SECOND) {
        j++;
      }
      max = Math.max(max, j - i);
    }
    return max;
  }
}
