package dev.idcplane.audit;

import java.util.Optional;

/**
 * Checks entries fed in sequence order: numbering without gaps from 1, each previous hash equal to
 * the hash before it, each entry hash equal to its recomputed hash, and (when given) the entry at
 * an auditor's head carrying that head's hash. {@link #verdict} then compares the chain's end with
 * the head anchor, which catches removed newest entries. Reports the first break and keeps counting
 * entries after it. Not thread-safe; one per verification.
 */
public final class ChainVerifier {
  private final ChainHead given;
  private long expectedSeq = 1;
  private String previousHash = AuditChain.GENESIS;
  private long checked;
  private Long brokenSeq;
  private String reason;

  /** Checks the chain alone. */
  public ChainVerifier() {
    this(Optional.empty());
  }

  /** Also checks that the chain still holds {@code given}, a head an auditor kept (seq >= 1). */
  public ChainVerifier(Optional<ChainHead> given) {
    this.given = given.orElse(null);
  }

  /** Checks the next entry; false once the chain is broken (later entries are only counted). */
  public boolean accept(AuditEntry e) {
    checked++;
    if (brokenSeq != null) {
      return false;
    }
    if (e.seq() != expectedSeq) {
      return fail(
          expectedSeq,
          e.seq() > expectedSeq
              ? entries(expectedSeq, e.seq() - 1, "is missing", "are missing")
                  + " (next stored entry is "
                  + e.seq()
                  + ")"
              : "entry " + e.seq() + " is out of sequence (expected " + expectedSeq + ")");
    }
    if (!e.previousHash().equals(previousHash)) {
      return fail(e.seq(), "previous hash does not match the hash of entry " + (e.seq() - 1));
    }
    if (!AuditChain.hashOf(e).equals(e.entryHash())) {
      return fail(e.seq(), "entry hash does not match its contents");
    }
    if (given != null && given.seq() == e.seq() && !given.entryHash().equals(e.entryHash())) {
      return fail(
          e.seq(),
          "entry "
              + e.seq()
              + " does not have the given head's hash: history up"
              + " to it was rewritten");
    }
    previousHash = e.entryHash();
    expectedSeq++;
    return true;
  }

  /**
   * The verdict once every entry was fed. {@code anchor} is the head anchor read after the last
   * entry was fed (empty when its row is missing): the chain must end exactly at it.
   */
  public ChainVerdict verdict(Optional<ChainHead> anchor) {
    ChainHead head = anchor.orElse(null);
    if (brokenSeq == null) {
      checkEnd(head);
    }
    return brokenSeq != null
        ? ChainVerdict.broken(checked, brokenSeq, reason, head)
        : ChainVerdict.intact(checked, head);
  }

  private void checkEnd(ChainHead anchor) {
    long last = expectedSeq - 1;
    if (given != null && given.seq() > last) {
      fail(
          last + 1,
          "chain ends at seq "
              + last
              + " but the given head records seq "
              + given.seq()
              + ": the newest entries were removed");
    } else if (anchor == null) {
      fail(
          last + 1,
          "the head anchor (audit_head) is missing, so removal of the newest entries"
              + " cannot be ruled out");
    } else if (anchor.seq() > last) {
      fail(
          last + 1,
          "chain ends at seq "
              + last
              + " but the head anchor records seq "
              + anchor.seq()
              + ": the newest "
              + entries(last + 1, anchor.seq(), "was removed", "were removed"));
    } else if (anchor.seq() < last) {
      fail(
          anchor.seq() + 1,
          "chain continues to seq "
              + last
              + " past the head anchor's seq "
              + anchor.seq()
              + ": "
              + entries(anchor.seq() + 1, last, "was", "were")
              + " not appended through the trail, or the anchor was moved back");
    } else if (!anchor.entryHash().equals(previousHash)) {
      fail(
          Math.max(last, 1),
          (last == 0
                  ? "the chain is empty but"
                  : "entry " + last + ", the chain's last, has a different hash than")
              + " the head anchor records: the"
              + " newest entries were rewritten or the anchor was changed");
    }
  }

  /** "entry 4 is missing" or "entries 4..6 are missing". */
  private static String entries(long from, long to, String singular, String plural) {
    return from == to
        ? "entry " + from + " " + singular
        : "entries " + from + ".." + to + " " + plural;
  }

  private boolean fail(long seq, String reason) {
    this.brokenSeq = seq;
    this.reason = reason;
    return false;
  }
}
