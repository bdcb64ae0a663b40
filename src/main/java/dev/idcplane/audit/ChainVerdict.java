package dev.idcplane.audit;

/**
 * The outcome of re-checking the whole chain: {@code entries} checked; when invalid, the first
 * sequence number where it breaks and why; and {@code head}, the head anchor the chain's end was
 * compared with ({@code null} when the anchor row is missing). A valid verdict's head is an entry
 * the chain was seen to hold, so an auditor can keep it and pass it to a later verify.
 */
public record ChainVerdict(
    boolean valid, long entries, Long firstBrokenSeq, String reason, ChainHead head) {
  public static ChainVerdict intact(long entries, ChainHead head) {
    return new ChainVerdict(true, entries, null, null, head);
  }

  public static ChainVerdict broken(long entries, long seq, String reason, ChainHead head) {
    return new ChainVerdict(false, entries, seq, reason, head);
  }
}
