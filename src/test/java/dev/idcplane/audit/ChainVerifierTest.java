package dev.idcplane.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {
  static final Instant T0 = Instant.parse("2026-11-23T10:00:00.123456789Z");

  static List<AuditEntry> chain(int n) {
    List<AuditEntry> out = new ArrayList<>();
    String previous = AuditChain.GENESIS;
    for (int seq = 1; seq <= n; seq++) {
      Instant at = T0.plusSeconds(seq).truncatedTo(java.time.temporal.ChronoUnit.MICROS);
      String details = "{\"n\":" + seq + "}";
      String hash =
          AuditChain.hash(
              previous,
              seq,
              new AuditEntry.Content(
                  at, "PLAN_STORED", "alice", "sha256:d", seq % 2 == 0 ? null : "c0ffee", details));
      out.add(
          new AuditEntry(
              seq,
              new AuditEntry.Content(
                  at, "PLAN_STORED", "alice", "sha256:d", seq % 2 == 0 ? null : "c0ffee", details),
              previous,
              hash));
      previous = hash;
    }
    return out;
  }

  static ChainHead head(List<AuditEntry> chain) {
    return chain.isEmpty()
        ? ChainHead.EMPTY
        : new ChainHead(chain.get(chain.size() - 1).seq(), chain.get(chain.size() - 1).entryHash());
  }

  /** Verifies {@code entries} against an anchor that stayed at {@code anchor}. */
  static ChainVerdict verify(List<AuditEntry> entries, ChainHead anchor) {
    return verify(entries, anchor, null);
  }

  static ChainVerdict verify(List<AuditEntry> entries, ChainHead anchor, ChainHead given) {
    ChainVerifier v = new ChainVerifier(Optional.ofNullable(given));
    entries.forEach(v::accept);
    return v.verdict(Optional.ofNullable(anchor));
  }

  /** Verifies an untampered anchor: the head of the chain as it was built. */
  static ChainVerdict verify(List<AuditEntry> entries) {
    return verify(entries, head(chain(entries.size())));
  }

  @Test
  void anIntactChainIsValid() {
    List<AuditEntry> c = chain(5);
    assertThat(verify(c, head(c))).isEqualTo(ChainVerdict.intact(5, head(c)));
    assertThat(verify(List.of(), ChainHead.EMPTY))
        .isEqualTo(ChainVerdict.intact(0, ChainHead.EMPTY));
  }

  @Test
  void hashesAreDeterministicAndCoverEveryField() {
    String h =
        AuditChain.hash(
            AuditChain.GENESIS, 1, new AuditEntry.Content(T0, "A", "s", "d", "c", "{}"));
    assertThat(h)
        .hasSize(64)
        .isEqualTo(
            AuditChain.hash(
                AuditChain.GENESIS, 1, new AuditEntry.Content(T0, "A", "s", "d", "c", "{}")));
    assertThat(
            AuditChain.hash(
                AuditChain.GENESIS, 1, new AuditEntry.Content(T0, "A", "s", "d", null, "{}")))
        .isNotEqualTo(
            AuditChain.hash(
                AuditChain.GENESIS, 1, new AuditEntry.Content(T0, "A", "s", "d", "", "{}")));
    // Field boundaries are unambiguous: moving a character from one field to the next changes it.
    assertThat(
            AuditChain.hash(
                AuditChain.GENESIS, 1, new AuditEntry.Content(T0, "A", "sd", "", "c", "{}")))
        .isNotEqualTo(
            AuditChain.hash(
                AuditChain.GENESIS, 1, new AuditEntry.Content(T0, "A", "s", "d", "c", "{}")));
    assertThat(
            AuditChain.hash(
                "1".repeat(64), 1, new AuditEntry.Content(T0, "A", "s", "d", "c", "{}")))
        .isNotEqualTo(h);
  }

  @Test
  void anEditedEntryBreaksTheChainAtItsSeq() {
    List<AuditEntry> c = chain(5);
    AuditEntry e = c.get(2);
    c.set(
        2,
        new AuditEntry(
            e.seq(),
            new AuditEntry.Content(
                e.at(), e.action(), "mallory", e.matrixDigest(), e.matrixCommit(), e.details()),
            e.previousHash(),
            e.entryHash()));
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
    String forged =
        AuditChain.hash(
            e.previousHash(),
            e.seq(),
            new AuditEntry.Content(
                e.at(), e.action(), e.subject(), e.matrixDigest(), e.matrixCommit(), "{\"n\":99}"));
    c.set(
        1,
        new AuditEntry(
            e.seq(),
            new AuditEntry.Content(
                e.at(), e.action(), e.subject(), e.matrixDigest(), e.matrixCommit(), "{\"n\":99}"),
            e.previousHash(),
            forged));
    assertThat(verify(c).firstBrokenSeq()).isEqualTo(3);
    assertThat(verify(c).reason()).contains("previous hash");
  }

  @Test
  void aDeletedEntryIsReportedAtItsSeq() {
    List<AuditEntry> c = chain(6);
    c.remove(3); // seq 4
    ChainVerdict v = verify(c, head(chain(6)));
    assertThat(v.valid()).isFalse();
    assertThat(v.firstBrokenSeq()).isEqualTo(4);
    assertThat(v.reason()).contains("missing");
    assertThat(v.entries()).isEqualTo(5);
  }

  @Test
  void aDeletedFirstEntryIsReported() {
    List<AuditEntry> c = chain(3);
    c.remove(0);
    assertThat(verify(c, head(chain(3))).firstBrokenSeq()).isEqualTo(1);
  }

  @Test
  void removedNewestEntriesAreFoundAgainstTheAnchor() {
    List<AuditEntry> full = chain(9);
    ChainVerdict one = verify(full.subList(0, 8), head(full));
    assertThat(one.valid()).isFalse();
    assertThat(one.firstBrokenSeq()).isEqualTo(9);
    assertThat(one.entries()).isEqualTo(8);
    assertThat(one.head()).isEqualTo(head(full));
    assertThat(verify(full.subList(0, 7), head(full)).reason())
        .isEqualTo(
            "chain ends at seq 7 but the head anchor records seq 9:"
                + " the newest entries 8..9 were removed");
    ChainVerdict all = verify(List.of(), head(full));
    assertThat(all.firstBrokenSeq()).isEqualTo(1);
    assertThat(all.reason()).contains("chain ends at seq 0", "removed");
  }

  @Test
  void aChainThatEndsWithADifferentHashThanTheAnchorIsBroken() {
    List<AuditEntry> c = chain(4);
    ChainVerdict v = verify(c, new ChainHead(4, "f".repeat(64)));
    assertThat(v.valid()).isFalse();
    assertThat(v.firstBrokenSeq()).isEqualTo(4);
    assertThat(v.reason()).contains("entry 4", "different hash", "head anchor");
    assertThat(verify(List.of(), new ChainHead(0, "f".repeat(64))).firstBrokenSeq()).isEqualTo(1);
  }

  @Test
  void entriesPastTheAnchorAreBroken() {
    List<AuditEntry> c = chain(6);
    ChainVerdict v = verify(c, head(c.subList(0, 4)));
    assertThat(v.valid()).isFalse();
    assertThat(v.firstBrokenSeq()).isEqualTo(5);
    assertThat(v.reason()).contains("past the head anchor's seq 4");
  }

  @Test
  void aMissingAnchorIsBroken() {
    ChainVerdict v = verify(chain(3), null);
    assertThat(v.valid()).isFalse();
    assertThat(v.firstBrokenSeq()).isEqualTo(4);
    assertThat(v.reason()).contains("anchor", "missing");
    assertThat(v.head()).isNull();
  }

  @Test
  void aGivenHeadTheChainStillHoldsIsValid() {
    List<AuditEntry> c = chain(6);
    assertThat(verify(c, head(c), head(c.subList(0, 3))).valid()).isTrue();
    assertThat(verify(c, head(c), head(c)).valid()).isTrue();
  }

  /** The rows and the anchor rewritten consistently pass alone; the auditor's copy catches it. */
  @Test
  void aGivenHeadCatchesARewriteOfRowsAndAnchor() {
    List<AuditEntry> original = chain(5);
    List<AuditEntry> rewritten = new ArrayList<>(original.subList(0, 2));
    String previous = rewritten.get(1).entryHash();
    for (AuditEntry e : original.subList(2, 5)) {
      String details = "{\"forged\":" + e.seq() + "}";
      String hash =
          AuditChain.hash(
              previous,
              e.seq(),
              new AuditEntry.Content(
                  e.at(), e.action(), e.subject(), e.matrixDigest(), e.matrixCommit(), details));
      rewritten.add(
          new AuditEntry(
              e.seq(),
              new AuditEntry.Content(
                  e.at(), e.action(), e.subject(), e.matrixDigest(), e.matrixCommit(), details),
              previous,
              hash));
      previous = hash;
    }
    assertThat(verify(rewritten, head(rewritten)).valid()).isTrue();
    ChainVerdict v = verify(rewritten, head(rewritten), head(original.subList(0, 4)));
    assertThat(v.valid()).isFalse();
    assertThat(v.firstBrokenSeq()).isEqualTo(4);
    assertThat(v.reason()).contains("given head");
  }

  @Test
  void aGivenHeadPastTheChainsEndIsBroken() {
    List<AuditEntry> c = chain(3);
    ChainVerdict v = verify(c, head(c), new ChainHead(5, "a".repeat(64)));
    assertThat(v.valid()).isFalse();
    assertThat(v.firstBrokenSeq()).isEqualTo(4);
    assertThat(v.reason()).contains("given head records seq 5");
  }
}
