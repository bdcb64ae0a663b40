package dev.idcplane.drift;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.persistence.PlanRepository;
import dev.idcplane.plan.DriftKind;
import dev.idcplane.support.DriftRows;
import dev.idcplane.support.TestKeys;
import dev.idcplane.support.TestTokens;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * With {@code idc.drift.retention=30d} a purge deletes resolved occurrences resolved more than 30
 * days ago, with their sightings, in batches (of 2 here), keeps open and recently resolved ones,
 * unlinks a kept occurrence from a purged predecessor, and leaves one audit entry.
 */
@QuarkusTest
@TestProfile(DriftRetentionTest.ThirtyDays.class)
@QuarkusTestResource(TestKeys.class)
class DriftRetentionTest {
  static final String ARN = "arn:aws:sso:::instance/ssoins-retention";

  public static class ThirtyDays implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("idc.drift.retention", "30d", "idc.drift.purge-batch-size", "2");
    }
  }

  @Inject PlanRepository plans;
  @Inject DriftStore store;
  @Inject AgroalDataSource db;
  @Inject Clock clock;
  @Inject DriftPurger purger;

  @Test
  void purgesOldResolvedHistoryOnlyAndRecordsItOnce() {
    DriftRows rows = new DriftRows(plans, store, db);
    Instant now = clock.instant();
    // Key a: two old resolved occurrences, then an open one linked to the second.
    UUID a1 = occurrence(rows, "a", now.minus(days(100)), now.minus(days(60)));
    UUID a2 = occurrence(rows, "a", now.minus(days(50)), now.minus(days(40)));
    UUID a3 = occurrence(rows, "a", now.minus(days(35)), null);
    // Key b: old resolved, then resolved yesterday.
    UUID b1 = occurrence(rows, "b", now.minus(days(70)), now.minus(days(45)));
    UUID b2 = occurrence(rows, "b", now.minus(days(10)), now.minus(days(1)));
    // Open for over a year: never purged. Two more old resolved ones.
    UUID c1 = occurrence(rows, "c", now.minus(days(400)), null);
    UUID d1 = occurrence(rows, "d", now.minus(days(40)), now.minus(days(31)));
    UUID e1 = occurrence(rows, "e", now.minus(days(200)), now.minus(days(90)));
    assertThat(previous(rows, a3)).isEqualTo(a2);
    assertThat(previous(rows, b2)).isEqualTo(b1);
    List<UUID> purged = List.of(a1, a2, b1, d1, e1);
    assertThat(sightings(rows, purged)).isEqualTo(5);

    var purge = purger.purge().orElseThrow();

    assertThat(purge.deleted()).isEqualTo(5);
    assertThat(purge.retention()).isEqualTo(days(30));
    assertThat(purge.cutoff()).isAfterOrEqualTo(now.minus(days(30)));
    assertThat(rows.count("select count(*) from drift_finding where instance_arn = ?", ARN))
        .isEqualTo(3);
    for (UUID kept : List.of(a3, b2, c1)) {
      assertThat(exists(rows, kept)).as(kept.toString()).isTrue();
    }
    assertThat(sightings(rows, purged)).isZero();
    assertThat(sightings(rows, List.of(a3, b2, c1))).isEqualTo(3);
    assertThat(previous(rows, a3)).as("its predecessor was purged").isNull();
    assertThat(previous(rows, b2)).isNull();

    assertThat(purger.purge().orElseThrow().deleted()).as("nothing left to purge").isZero();
    JsonPath audit =
        given()
            .auth()
            .oauth2(TestTokens.token("audrey", "auditor"))
            .when()
            .get("/api/v1/audit?action=DRIFT_PURGED")
            .then()
            .statusCode(200)
            .extract()
            .jsonPath();
    assertThat(audit.getList("entries")).as("one entry, none for the empty purge").hasSize(1);
    assertThat(audit.getString("entries[0].subject")).isEqualTo("scheduler");
    assertThat(audit.getInt("entries[0].details.deleted")).isEqualTo(5);
    assertThat(audit.getString("entries[0].details.retention")).isEqualTo("PT720H");
    assertThat(audit.getString("entries[0].details.cutoff")).isEqualTo(purge.cutoff().toString());
  }

  static Duration days(int n) {
    return Duration.ofDays(n);
  }

  /** An occurrence of {@code key} opened at {@code from}, resolved at {@code to} unless null. */
  static UUID occurrence(DriftRows rows, String key, Instant from, Instant to) {
    return occurrence(rows, ARN, key, from, to);
  }

  static UUID occurrence(DriftRows rows, String arn, String key, Instant from, Instant to) {
    UUID id = rows.open(arn, DriftKind.UNEXPECTED, "unexpected/retention-" + key, from);
    if (to != null) {
      rows.resolve(id, arn, to);
    }
    return id;
  }

  static UUID previous(DriftRows rows, UUID id) {
    return rows.uuid("select previous_occurrence_id from drift_finding where id = ?", id);
  }

  static boolean exists(DriftRows rows, UUID id) {
    return rows.count("select count(*) from drift_finding where id = ?", id) == 1;
  }

  static long sightings(DriftRows rows, List<UUID> ids) {
    return rows.count(
        "select count(*) from drift_sighting where finding_id = any(?)",
        (Object) ids.toArray(UUID[]::new));
  }
}
