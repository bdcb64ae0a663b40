package dev.idcplane.audit;

/**
 * The outcome of re-checking the whole chain: {@code entries} checked, and when invalid the first
 * sequence number where it breaks and why.
 */
public record ChainVerdict(boolean valid, long entries, Long firstBrokenSeq, String reason) {
  public static ChainVerdict intact(long entries) {
    return new ChainVerdict(true, entries, null, null);
  }

  public static ChainVerdict broken(long entries, long seq, String reason) {
    return new ChainVerdict(false, entries, seq, reason);
  }
}
