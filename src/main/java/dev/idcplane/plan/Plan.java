package dev.idcplane.plan;

import dev.idcplane.matrix.Violation;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of planning: the ordered changes apply would make, drift kept apart from them,
 * non-blocking warnings, and how many live assignments belong to sets the matrix manages (what a
 * deletion guard compares deletes against). Immutable. {@code delegation} is present when the live
 * state was read by a delegated administrator, and says what the plan left alone because of it.
 */
public record Plan(
    PlanSource source,
    List<Change> changes,
    List<DriftFinding> drift,
    List<Violation> warnings,
    int managedAssignments,
    Optional<Delegation> delegation) {
  public Plan {
    Objects.requireNonNull(source, "source");
    changes = List.copyOf(changes);
    drift = List.copyOf(drift);
    warnings = List.copyOf(warnings);
    delegation = Objects.requireNonNullElse(delegation, Optional.empty());
  }

  /** A plan read by the management account. */
  public Plan(
      PlanSource source,
      List<Change> changes,
      List<DriftFinding> drift,
      List<Violation> warnings,
      int managedAssignments) {
    this(source, changes, drift, warnings, managedAssignments, Optional.empty());
  }

  public boolean empty() {
    return changes.isEmpty();
  }

  /** This plan with {@code more} warnings besides its own, all sorted by file and line. */
  public Plan withWarnings(List<Violation> more) {
    if (more.isEmpty()) {
      return this;
    }
    List<Violation> all = new java.util.ArrayList<>(warnings);
    all.addAll(more);
    return new Plan(source, changes, drift, all.stream().sorted().toList(), managedAssignments);
  }

  public PlanSummary summary() {
    return PlanSummary.of(this);
  }

  /**
   * SHA-256 over every change's key and content, independent of when the plan was made. Two plans
   * with equal fingerprints make the same changes: apply compares a fresh plan's fingerprint with
   * the stored one to refuse a stale plan.
   */
  public String fingerprint() {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      for (Change c : changes) {
        md.update((c.action() + "|" + c.content()).getBytes(StandardCharsets.UTF_8));
        md.update((byte) '\n');
      }
      return HexFormat.of().formatHex(md.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
