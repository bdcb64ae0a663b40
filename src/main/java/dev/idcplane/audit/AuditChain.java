package dev.idcplane.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
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

  /** The hash of an entry with these fields after {@code previousHash}. */
  public static String hash(
      String previousHash,
      long seq,
      Instant at,
      String action,
      String subject,
      String matrixDigest,
      String matrixCommit,
      String details) {
    StringBuilder canonical = new StringBuilder();
    field(canonical, Long.toString(seq));
    field(canonical, at.truncatedTo(ChronoUnit.MICROS).toString());
    field(canonical, action);
    field(canonical, subject);
    field(canonical, matrixDigest);
    field(canonical, matrixCommit);
    field(canonical, details);
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
    return hash(
        e.previousHash(),
        e.seq(),
        e.at(),
        e.action(),
        e.subject(),
        e.matrixDigest(),
        e.matrixCommit(),
        e.details());
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
