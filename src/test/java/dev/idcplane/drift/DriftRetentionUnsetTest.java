package dev.idcplane.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.persistence.PlanRepository;
import dev.idcplane.support.DriftRows;
import dev.idcplane.support.TestKeys;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Without {@code idc.drift.retention} (the default profile) a purge deletes nothing. */
@QuarkusTest
@QuarkusTestResource(TestKeys.class)
class DriftRetentionUnsetTest {
  static final String ARN = "arn:aws:sso:::instance/ssoins-retention-unset";

  @Inject PlanRepository plans;
  @Inject DriftStore store;
  @Inject AgroalDataSource db;
  @Inject Clock clock;
  @Inject DriftPurger purger;

  @Test
  void keepsAllHistory() {
    DriftRows rows = new DriftRows(plans, store, db);
    Instant now = clock.instant();
    try {
      DriftRetentionTest.occurrence(
          rows, ARN, "old", now.minus(Duration.ofDays(5000)), now.minus(Duration.ofDays(4000)));
      long before = rows.count("select count(*) from drift_finding");
      long audited = rows.count("select count(*) from audit_entry where action = 'DRIFT_PURGED'");

      assertThat(purger.purge()).isEmpty();

      assertThat(rows.count("select count(*) from drift_finding")).isEqualTo(before);
      assertThat(rows.count("select count(*) from audit_entry where action = 'DRIFT_PURGED'"))
          .isEqualTo(audited);
    } finally {
      rows.forget(ARN);
    }
  }
}
