package dev.idcplane.drift;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.drift.ResolutionAttributor.RunTouch;
import dev.idcplane.drift.ResolutionAttributor.Seen;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class ResolutionAttributorTest {
  static final Instant T = Instant.parse("2026-01-01T10:00:00Z");
  static final String KEY = "missing/Dev/111122223333/GROUP:g1";
  static final Seen SEEN = new Seen(KEY, T, "d1");
  static final UUID RUN = UUID.randomUUID();

  @Test
  void aRunThatChangedTheKeyAfterLastSeenAppliedIt() {
    var touch =
        new RunTouch(RUN, "alice", T.plusSeconds(5), "assignment/Dev/111122223333/GROUP:g1");
    assertThat(ResolutionAttributor.attribute(SEEN, List.of(touch), "d2", "bob"))
        .isEqualTo(Resolution.applied(RUN, "alice"));
  }

  @Test
  void theLatestMatchingRunWins() {
    UUID later = UUID.randomUUID();
    var a = new RunTouch(RUN, "alice", T.plusSeconds(5), "assignment/Dev/111122223333/GROUP:g1");
    var b = new RunTouch(later, "carol", T.plusSeconds(9), "assignment/Dev/111122223333/GROUP:g1");
    assertThat(ResolutionAttributor.attribute(SEEN, List.of(a, b), "d1", "bob"))
        .isEqualTo(Resolution.applied(later, "carol"));
  }

  @Test
  void aRunOnAnotherKeyOrBeforeLastSeenDoesNotCount() {
    var other =
        new RunTouch(RUN, "alice", T.plusSeconds(5), "assignment/Dev/111122223333/GROUP:g2");
    var early =
        new RunTouch(RUN, "alice", T.minusSeconds(1), "assignment/Dev/111122223333/GROUP:g1");
    assertThat(ResolutionAttributor.attribute(SEEN, List.of(other, early), "d1", "bob"))
        .isEqualTo(Resolution.outside("bob"));
  }

  @Test
  void aChangedDigestWithoutARunIsAMatrixChange() {
    assertThat(ResolutionAttributor.attribute(SEEN, List.of(), "d2", "scheduler"))
        .isEqualTo(Resolution.matrixChanged("scheduler"));
  }

  @Test
  void permissionSetFindingsMatchSetAndProvisionChanges() {
    Seen def = new Seen("definition/Dev", T, "d1");
    var update = new RunTouch(RUN, "alice", T.plusSeconds(1), "permission-set/Dev");
    assertThat(ResolutionAttributor.attribute(def, List.of(update), "d1", "bob").cause())
        .isEqualTo(Resolution.Cause.APPLIED);
    Seen sync = new Seen("out_of_sync/Dev", T, "d1");
    var provision = new RunTouch(RUN, "alice", T.plusSeconds(1), "provision/Dev");
    assertThat(ResolutionAttributor.attribute(sync, List.of(provision), "d1", "bob").cause())
        .isEqualTo(Resolution.Cause.APPLIED);
  }
}
