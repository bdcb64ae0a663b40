package dev.idcplane.audit;

/**
 * Checks entries fed in sequence order: numbering without gaps from 1, each previous hash equal to
 * the hash before it, each entry hash equal to its recomputed hash. Reports the first break and
 * keeps counting entries after it. Not thread-safe; one per verification.
 */
public final class ChainVerifier {
  private long expectedSeq = 1;
  private String previousHash = AuditChain.GENESIS;
  private long checked;
  private Long brokenSeq;
  private String reason;

  /** Checks the next entry; false once the chain is broken (later entries are only counted). */
  public boolean accept(AuditEntry e) {
    checked++;
    if (brokenSeq != null) {
      return false;
    }
    if (e.seq() != expectedSeq) {
      return fail(expectedSeq, e.seq() > expectedSeq
          ? "entries " + expectedSeq + (e.seq() - 1 > expectedSeq ? ".." + (e.seq() - 1) : "")
              + " are missing (next stored entry is " + e.seq() + ")"
          : "entry " + e.seq() + " is out of sequence (expected " + expectedSeq + ")");
    }
    if (!e.previousHash().equals(previousHash)) {
      return fail(e.seq(), "previous hash does not match the hash of entry " + (e.seq() - 1));
    }
    if (!AuditChain.hashOf(e).equals(e.entryHash())) {
      return fail(e.seq(), "entry hash does not match its contents");
    }
    previousHash = e.entryHash();
    expectedSeq++;
    return true;
  }

  public ChainVerdict verdict() {
    return brokenSeq != null
        ? ChainVerdict.broken(checked, brokenSeq, reason)
        : ChainVerdict.intact(checked);
  }

  private boolean fail(long seq, String reason) {
    this.brokenSeq = seq;
    this.reason = reason;
    return false;
  }
}
