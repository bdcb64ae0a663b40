package dev.idcplane.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00.123456789Z");

  static List<AuditEntry> chain(int n) {
    List<AuditEntry> out = new ArrayList<>();
    String previous = AuditChain.GENESIS;
    for (int seq = 1; seq <= n; seq++) {
      Instant at = T0.plusSeconds(seq).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
      String details = "{\"n\":" + seq + "}";
      String hash = AuditChain.hash(previous, seq, at, "PLAN_STORED", "alice", "sha256:d",
          seq % 2 == 0 ? null : "c0ffee", details);
      out.add(new AuditEntry(seq, at, "PLAN_STORED", "alice", "sha256:d",
          seq % 2 == 0 ? null : "c0ffee", details, previous, hash));
      previous = hash;
    }
    return out;
  }

  static ChainVerdict verify(List<AuditEntry> entries) {
    ChainVerifier v = new ChainVerifier();
    entries.forEach(v::accept);
    return v.verdict();
  }

  @Test
  void anIntactChainIsValid() {
    assertThat(verify(chain(5))).isEqualTo(ChainVerdict.intact(5));
    assertThat(verify(List.of())).isEqualTo(ChainVerdict.intact(0));
  }

  @Test
  void hashesAreDeterministicAndCoverEveryField() {
    String h = AuditChain.hash(AuditChain.GENESIS, 1, T0, "A", "s", "d", "c", "{}");
    assertThat(h).hasSize(64).isEqualTo(
        AuditChain.hash(AuditChain.GENESIS, 1, T0, "A", "s", "d", "c", "{}"));
    assertThat(AuditChain.hash(AuditChain.GENESIS, 1, T0, "A", "s", "d", null, "{}"))
        .isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, 1, T0, "A", "s", "d", "", "{}"));
    // Field boundaries are unambiguous: moving a character from one field to the next changes it.
    assertThat(AuditChain.hash(AuditChain.GENESIS, 1, T0, "A", "sd", "", "c", "{}"))
        .isNotEqualTo(AuditChain.hash(AuditChain.GENESIS, 1, T0, "A", "s", "d", "c", "{}"));
    assertThat(AuditChain.hash("1".repeat(64), 1, T0, "A", "s", "d", "c", "{}")).isNotEqualTo(h);
  }

  @Test
  void anEditedEntryBreaksTheChainAtItsSeq() {
    List<AuditEntry> c = chain(5);
    AuditEntry e = c.get(2);
    c.set(2, new AuditEntry(e.seq(), e.at(), e.action(), "mallory", e.matrixDigest(),
        e.matrixCommit(), e.details(), e.previousHash(), e.entryHash()));
    ChainVerdict v = verify(c);
    assertThat(v.valid()).isFalse();
    assertThat(v.firstBrokenSeq()).isEqualTo(3);
    assertThat(v.entries()).isEqualTo(5);
    assertThat(v.reason()).contains("hash does not match its contents");
  }

  @Test
  void anEditedEntryWithARecomputedHashBreaksTheNextLink() {
    List<AuditEntry> c = chain(5);
    AuditEntry e = c.get(1);
    String forged = AuditChain.hash(e.previousHash(), e.seq(), e.at(), e.action(), e.subject(),
        e.matrixDigest(), e.matrixCommit(), "{\"n\":99}");
    c.set(1, new AuditEntry(e.seq(), e.at(), e.action(), e.subject(), e.matrixDigest(),
        e.matrixCommit(), "{\"n\":99}", e.previousHash(), forged));
    assertThat(verify(c).firstBrokenSeq()).isEqualTo(3);
    assertThat(verify(c).reason()).contains("previous hash");
  }

  @Test
  void aDeletedEntryIsReportedAtItsSeq() {
    List<AuditEntry> c = chain(6);
    c.remove(3); // seq 4
    ChainVerdict v = verify(c);
    assertThat(v.valid()).isFalse();
    assertThat(v.firstBrokenSeq()).isEqualTo(4);
    assertThat(v.reason()).contains("missing");
    assertThat(v.entries()).isEqualTo(5);
  }

  @Test
  void aDeletedFirstEntryIsReported() {
    List<AuditEntry> c = chain(3);
    c.remove(0);
    assertThat(verify(c).firstBrokenSeq()).isEqualTo(1);
  }
}
