package dev.idcplane.drift;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Decides why an open finding is no longer seen. Pure: no I/O, no clock.
 *
 * <ol>
 *   <li>a SUCCEEDED or PARTIAL run that finished at or after the finding was last seen and
 *       successfully executed an operation on the finding's key → APPLIED by that run (the latest
 *       such run when several match), resolved by its starter;
 *   <li>else the matrix digest differs from the one the finding was last seen with →
 *       MATRIX_CHANGED, resolved by the creator of the plan that no longer sees it;
 *   <li>else OUTSIDE, resolved by that plan's creator.
 * </ol>
 */
public final class ResolutionAttributor {
  private ResolutionAttributor() {}

  /** An open finding as last seen. */
  public record Seen(String findingKey, Instant lastSeen, String matrixDigest) {}

  /** A successful operation of a SUCCEEDED/PARTIAL run. */
  public record RunTouch(UUID runId, String startedBy, Instant finishedAt, String changeKey) {}

  public static Resolution attribute(
      Seen finding, List<RunTouch> touches, String currentDigest, String planCreatedBy) {
    Set<String> keys = changeKeys(finding.findingKey());
    return touches.stream()
        .filter(t -> keys.contains(t.changeKey()))
        .filter(t -> t.finishedAt() != null && !t.finishedAt().isBefore(finding.lastSeen()))
        .max(Comparator.comparing(RunTouch::finishedAt))
        .map(t -> Resolution.applied(t.runId(), t.startedBy()))
        .orElseGet(
            () ->
                Objects.equals(finding.matrixDigest(), currentDigest)
                    ? Resolution.outside(planCreatedBy)
                    : Resolution.matrixChanged(planCreatedBy));
  }

  /**
   * The change keys (see {@code Change.key()}) that act on a finding's subject. A finding key is
   * {@code kind/natural-key}: assignment kinds carry {@code set/account/TYPE:id}, set kinds the
   * set's name, so the candidate prefixes never collide. An application finding's natural key is
   * the change's own key ({@code application/...}), an issuer finding's the change key after {@code
   * issuer/}.
   */
  static Set<String> changeKeys(String findingKey) {
    int slash = findingKey.indexOf('/');
    String natural = slash < 0 ? findingKey : findingKey.substring(slash + 1);
    return Set.of(
        "assignment/" + natural,
        "permission-set/" + natural,
        "provision/" + natural,
        "issuer/" + natural,
        natural);
  }
}
