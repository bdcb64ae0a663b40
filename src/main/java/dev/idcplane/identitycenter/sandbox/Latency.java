package dev.idcplane.identitycenter.sandbox;

import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * How long a simulated asynchronous operation takes from submission to its terminal state. One
 * value is drawn per operation from the sandbox's seeded RNG, so a seed repeats the same latencies.
 */
public sealed interface Latency {

  /** A latency for one operation; never negative. */
  Duration draw(Random rng);

  static Latency fixed(Duration value) {
    return new Fixed(value);
  }

  static Latency uniform(Duration min, Duration max) {
    return new Uniform(min, max);
  }

  static Latency logNormal(Duration mean, Duration sd) {
    return new LogNormal(mean, sd);
  }

  /** Always the same latency ({@link Duration#ZERO}: done by the next call). */
  record Fixed(Duration value) implements Latency {
    public Fixed {
      requireNotNegative(value, "value");
    }

    @Override
    public Duration draw(Random rng) {
      return value;
    }
  }

  /** Uniform between {@code min} and {@code max} inclusive of min. */
  record Uniform(Duration min, Duration max) implements Latency {
    public Uniform {
      requireNotNegative(min, "min");
      requireNotNegative(max, "max");
      if (max.compareTo(min) < 0) {
        throw new IllegalArgumentException("latency max " + max + " is below min " + min);
      }
    }

    @Override
    public Duration draw(Random rng) {
      long span = max.toNanos() - min.toNanos();
      return min.plusNanos((long) (rng.nextDouble() * span));
    }
  }

  /**
   * Log-normal with the given mean and standard deviation of the latency itself (not of its
   * logarithm): a long right tail, as real assignment operations have.
   */
  record LogNormal(Duration mean, Duration sd) implements Latency {
    public LogNormal {
      requireNotNegative(mean, "mean");
      requireNotNegative(sd, "sd");
      if (mean.isZero()) {
        throw new IllegalArgumentException("a log-normal latency needs a mean above zero");
      }
    }

    @Override
    public Duration draw(Random rng) {
      double m = mean.toNanos();
      double s = sd.toNanos();
      double sigma2 = Math.log(1 + (s * s) / (m * m));
      double mu = Math.log(m) - sigma2 / 2;
      return Duration.ofNanos((long) Math.exp(mu + Math.sqrt(sigma2) * rng.nextGaussian()));
    }
  }

  private static void requireNotNegative(Duration d, String name) {
    Objects.requireNonNull(d, name);
    if (d.isNegative()) {
      throw new IllegalArgumentException("latency " + name + " must not be negative, got " + d);
    }
  }
}
