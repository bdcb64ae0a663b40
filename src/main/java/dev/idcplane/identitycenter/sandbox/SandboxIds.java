package dev.idcplane.identitycenter.sandbox;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Random;
import java.util.UUID;

/**
 * Deterministic AWS-shaped ids derived from a name: the same seed always yields the same ids, so
 * tests and screenshots are stable. Formats follow the AWS API references' id patterns.
 */
final class SandboxIds {
  private SandboxIds() {}

  static String hex(String kind, String name, int length) {
    try {
      byte[] d =
          MessageDigest.getInstance("SHA-256")
              .digest((kind + "\u0000" + name).getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(d).substring(0, length);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** 12 decimal digits. */
  static String accountId(String name) {
    String h = hex("account", name, 15);
    long n = Long.parseLong(h, 16) % 1_000_000_000_000L;
    return String.format("%012d", n);
  }

  /** {@code ou-<root suffix>-<8 chars>}. */
  static String ouId(String rootId, String path) {
    return "ou-" + rootId.substring(2) + "-" + hex("ou", path, 8);
  }

  static String organizationId(String seed) {
    return "o-" + hex("org", seed, 10);
  }

  static String rootId(String orgId) {
    return "r-" + hex("root", orgId, 4);
  }

  static String instanceArn(String orgId) {
    return "arn:aws:sso:::instance/ssoins-" + hex("instance", orgId, 16);
  }

  static String identityStoreId(String orgId) {
    return "d-" + hex("store", orgId, 10);
  }

  /** {@code arn:aws:sso:::permissionSet/ssoins-…/ps-<16 hex>}. */
  static String permissionSetArn(String instanceArn, String name) {
    String instanceId = instanceArn.substring(instanceArn.lastIndexOf('/') + 1);
    return "arn:aws:sso:::permissionSet/" + instanceId + "/ps-" + hex("ps", name, 16);
  }

  /** A UUID-shaped identity store id for a group or user. */
  static String principalId(String kind, String name) {
    String h = hex(kind, name, 32);
    return h.substring(0, 8)
        + "-"
        + h.substring(8, 12)
        + "-"
        + h.substring(12, 16)
        + "-"
        + h.substring(16, 20)
        + "-"
        + h.substring(20, 32);
  }

  /** An RNG stream of its own per purpose, so turning one fault on does not shift the others. */
  static Random rng(long seed, String purpose) {
    return new Random(seed * 0x9E3779B97F4A7C15L ^ Long.parseLong(hex("rng", purpose, 15), 16));
  }

  /** A version-4-shaped request id (AWS's 36-character pattern) drawn from {@code rng}. */
  static String requestId(Random rng) {
    long hi = (rng.nextLong() & ~0xF000L) | 0x4000L;
    long lo = (rng.nextLong() & 0x3FFFFFFFFFFFFFFFL) | 0x8000000000000000L;
    return new UUID(hi, lo).toString();
  }
}
