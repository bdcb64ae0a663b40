package dev.idcplane.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;

/**
 * The hash chain: {@code entry_hash = SHA-256(previous_hash || canonical(entry))}, hex encoded. The
 * canonical form length-prefixes every field, so no two different entries serialise alike. The
 * first entry's previous hash is {@link #GENESIS}. Pure; no I/O.
 */
public final class AuditChain {
  /** The previous hash of entry 1. */
  public static final String GENESIS = "0".repeat(64);

  private AuditChain() {}

  /** The hash of entry {@code seq} recording {@code c} after {@code previousHash}. */
  public static String hash(String previousHash, long seq, AuditEntry.Content c) {
    StringBuilder canonical = new StringBuilder();
    field(canonical, Long.toString(seq));
    field(canonical, c.at().truncatedTo(ChronoUnit.MICROS).toString());
    field(canonical, c.action());
    field(canonical, c.subject());
    field(canonical, c.matrixDigest());
    field(canonical, c.matrixCommit());
    field(canonical, c.details());
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      sha.update(previousHash.getBytes(StandardCharsets.US_ASCII));
      sha.update(canonical.toString().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The hash the entry should carry given its own fields and previous hash. */
  public static String hashOf(AuditEntry e) {
    return hash(e.previousHash(), e.seq(), e.content());
  }

  private static void field(StringBuilder out, String value) {
    if (value == null) {
      out.append("-1:");
    } else {
      out.append(value.length()).append(':').append(value);
    }
    out.append('\n');
  }
}
