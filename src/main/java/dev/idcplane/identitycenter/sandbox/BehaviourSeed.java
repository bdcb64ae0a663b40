package dev.idcplane.identitycenter.sandbox;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads a seed's optional {@code behaviour:} section (format at the top of {@code
 * deploy/sandbox/seed.yaml}) into a {@link SandboxBehaviour}: a {@code profile} gives the base
 * values and every other key overrides one of them. Errors name file:line.
 */
final class BehaviourSeed {
  private static final Set<String> KEYS =
      Set.of(
          "profile",
          "seed",
          "max_outstanding_operations",
          "max_concurrent_provisioning",
          "requests_per_second",
          "latency",
          "faults");
  private static final Set<String> LATENCY =
      Set.of("distribution", "value", "min", "max", "mean", "sd");
  private static final Set<String> FAULTS =
      Set.of(
          "operations",
          "service_error_rate",
          "failed_operation_rate",
          "failure_reason",
          "slow_operation_rate",
          "slow_factor",
          "throttle_storms");
  private static final Set<String> STORM = Set.of("start", "length", "fraction");

  private BehaviourSeed() {}

  static SandboxBehaviour read(SeedNode node) {
    SeedNode.Fields f = node.fields(KEYS);
    String profile = f.opt("profile").map(SeedNode::text).orElse("aws");
    SandboxBehaviour base =
        switch (profile) {
          case "aws" -> SandboxBehaviour.defaults();
          case "fast" -> SandboxBehaviour.fast();
          case "instant" -> SandboxBehaviour.instant();
          default ->
              throw f.req("profile")
                  .error("profile must be one of aws, fast, instant, got " + profile);
        };
    SandboxBehaviour.Builder b = base.toBuilder();
    f.opt("seed").ifPresent(n -> b.seed(number(n)));
    f.opt("max_outstanding_operations").ifPresent(n -> b.maxOutstandingOperations((int) number(n)));
    f.opt("max_concurrent_provisioning")
        .ifPresent(n -> b.maxConcurrentProvisioning((int) number(n)));
    f.opt("requests_per_second").ifPresent(n -> b.requestsPerSecond((int) number(n)));
    f.opt("latency").ifPresent(n -> b.latency(latency(n)));
    f.opt("faults").ifPresent(n -> faults(n, b, base.faults()));
    try {
      return b.build();
    } catch (IllegalArgumentException e) {
      throw node.error(e.getMessage());
    }
  }

  private static Latency latency(SeedNode node) {
    SeedNode.Fields f = node.fields(LATENCY);
    String kind = f.text("distribution");
    try {
      return switch (kind) {
        case "fixed" -> Latency.fixed(duration(f.req("value")));
        case "uniform" -> Latency.uniform(duration(f.req("min")), duration(f.req("max")));
        case "lognormal" -> Latency.logNormal(duration(f.req("mean")), duration(f.req("sd")));
        default ->
            throw f.req("distribution")
                .error("distribution must be one of fixed, uniform, lognormal, got " + kind);
      };
    } catch (IllegalArgumentException e) {
      throw node.error(e.getMessage());
    }
  }

  private static void faults(SeedNode node, SandboxBehaviour.Builder b, Faults base) {
    SeedNode.Fields f = node.fields(FAULTS);
    if (f.has("operations")) {
      b.faultOperations(new LinkedHashSet<>(f.texts("operations")));
    }
    f.opt("service_error_rate").ifPresent(n -> b.serviceErrorRate(fraction(n)));
    double failed =
        f.opt("failed_operation_rate")
            .map(BehaviourSeed::fraction)
            .orElse(base.failedOperationRate());
    b.failedOperations(failed, f.optText("failure_reason"));
    double slow =
        f.opt("slow_operation_rate").map(BehaviourSeed::fraction).orElse(base.slowOperationRate());
    double factor = f.opt("slow_factor").map(BehaviourSeed::decimal).orElse(base.slowFactor());
    b.slowOperations(slow, factor);
    if (f.has("throttle_storms")) {
      List<Faults.ThrottleStorm> storms = new ArrayList<>();
      for (SeedNode s : f.list("throttle_storms")) {
        SeedNode.Fields sf = s.fields(STORM);
        storms.add(
            new Faults.ThrottleStorm(
                duration(sf.req("start")),
                duration(sf.req("length")),
                fraction(sf.req("fraction"))));
      }
      b.throttleStorms(storms);
    }
  }

  private static long number(SeedNode n) {
    try {
      return Long.parseLong(n.text().strip());
    } catch (NumberFormatException e) {
      throw n.error("expected a whole number, got " + n.text());
    }
  }

  private static double decimal(SeedNode n) {
    try {
      return Double.parseDouble(n.text().strip());
    } catch (NumberFormatException e) {
      throw n.error("expected a number, got " + n.text());
    }
  }

  private static double fraction(SeedNode n) {
    double d = decimal(n);
    if (d < 0 || d > 1) {
      throw n.error("expected a fraction between 0 and 1, got " + n.text());
    }
    return d;
  }

  private static Duration duration(SeedNode n) {
    try {
      return Duration.parse(n.text().strip());
    } catch (DateTimeParseException e) {
      throw n.error("expected an ISO-8601 duration like PT2S or PT0.005S, got " + n.text());
    }
  }
}
