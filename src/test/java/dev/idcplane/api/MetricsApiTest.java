package dev.idcplane.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.drift.DriftScanner;
import dev.idcplane.drift.DriftStore;
import dev.idcplane.identitycenter.IdentityCenter;
import dev.idcplane.persistence.ApplyLocks;
import dev.idcplane.persistence.PlanRepository;
import dev.idcplane.plan.DriftKind;
import dev.idcplane.support.DriftRows;
import dev.idcplane.support.Scrape;
import dev.idcplane.support.TestKeys;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import java.time.Clock;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Metrics read from the stored history agree with the table, also about rows this process never
 * wrote; scans are timed and counted by outcome. Drift's own matrix and sandbox (as {@link
 * DriftApiTest}), with the metrics cache off so each scrape reads the database.
 */
@QuarkusTest
@TestProfile(MetricsApiTest.Profile.class)
@QuarkusTestResource(TestKeys.class)
class MetricsApiTest {
  static final String OTHER = "arn:aws:sso:::instance/ssoins-metrics-other";

  /** {@link DriftApiTest.Profile} with every scrape reading the database. */
  public static class Profile extends DriftApiTest.Profile {
    @Override
    public Map<String, String> getConfigOverrides() {
      Map<String, String> m = new HashMap<>(super.getConfigOverrides());
      m.put("idc.metrics.cache-ttl", "0s");
      return m;
    }
  }

  @Inject PlanRepository plans;
  @Inject DriftStore store;
  @Inject AgroalDataSource db;
  @Inject Clock clock;
  @Inject DriftScanner scanner;
  @Inject ApplyLocks locks;
  @Inject IdentityCenter identityCenter;

  DriftRows rows() {
    return new DriftRows(plans, store, db);
  }

  @Test
  void openFindingsByKindAreTheTablesOpenCounts() {
    DriftApiTest.plan();
    Map<String, Long> counted = rows().openCounts();
    assertThat(counted).as("the planned matrix has drift").isNotEmpty();
    assertGaugesEqual(counted);

    // Behind the application's back: another instance's findings, and a row resolved by SQL.
    for (int i = 0; i < 3; i++) {
      rows().open(OTHER, DriftKind.OUT_OF_SYNC, "out_of_sync/metrics-" + i, clock.instant());
    }
    assertThat(
            rows()
                .update(
                    "update drift_finding set resolved_at = now(), resolution = 'OUTSIDE',"
                        + " resolved_by = 'sql' where id = (select id from drift_finding where resolved_at is null"
                        + " and kind = 'MISSING' limit 1)"))
        .isEqualTo(1);
    Map<String, Long> after = rows().openCounts();
    assertThat(after).isNotEqualTo(counted);
    assertThat(after.get("OUT_OF_SYNC")).isGreaterThanOrEqualTo(3);
    assertGaugesEqual(after);
  }

  @Test
  void scansAreTimedAndCountedAndTheLastSuccessHasAnAge() {
    assertThat(Scrape.now().value("idc_scan_last_success_age_seconds"))
        .as("no scan yet")
        .hasValueSatisfying(v -> assertThat(v).isNaN());

    assertThat(scanner.scan().skipped()).isFalse();
    String arn = identityCenter.listInstances().get(0).instanceArn();
    try (var held = locks.tryLock(arn).orElseThrow()) {
      assertThat(scanner.scan().skipped()).isTrue();
    }

    Scrape scrape = Scrape.now();
    assertThat(scrape.value("idc_scan_duration_seconds_count", "outcome=\"succeeded\""))
        .hasValue(1.0);
    assertThat(scrape.value("idc_scan_duration_seconds_count", "outcome=\"skipped-busy\""))
        .hasValue(1.0);
    assertThat(scrape.value("idc_scans_total", "outcome=\"succeeded\"")).hasValue(1.0);
    assertThat(scrape.value("idc_scans_total", "outcome=\"skipped-busy\"")).hasValue(1.0);
    assertThat(scrape.value("idc_scan_last_success_age_seconds"))
        .hasValueSatisfying(v -> assertThat(v).isBetween(0.0, 60.0));
  }

  static void assertGaugesEqual(Map<String, Long> counted) {
    Scrape scrape = Scrape.now();
    for (DriftKind kind : DriftKind.values()) {
      String label = "kind=\"" + kind.name().toLowerCase(Locale.ROOT) + "\"";
      assertThat(scrape.value("idc_drift_findings", label))
          .as(kind.name())
          .hasValue((double) counted.getOrDefault(kind.name(), 0L));
    }
  }
}
