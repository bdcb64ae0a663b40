package dev.idcplane.audit;

import java.util.Objects;

/**
 * A position of the chain: the entry numbered {@code seq} has hash {@code entryHash}. Seq 0 with
 * {@link AuditChain#GENESIS} is the head of an empty chain. The trail keeps its own head in {@code
 * audit_head}; an auditor may keep a copy of one and later ask whether the chain still holds it.
 */
public record ChainHead(long seq, String entryHash) {
  public ChainHead {
    if (seq < 0) {
      throw new IllegalArgumentException("seq must be 0 or more, not " + seq);
    }
    Objects.requireNonNull(entryHash, "entryHash");
  }

  /** The head of an empty chain. */
  public static final ChainHead EMPTY = new ChainHead(0, AuditChain.GENESIS);
}
