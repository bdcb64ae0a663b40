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
    return new Plan(
        source, changes, drift, all.stream().sorted().toList(), managedAssignments, delegation);
  }

  /**
   * This plan with the changes of {@code apps} after its own, and its findings: each change is a
   * finding it fixes (a declared issuer or application differs from the matrix), and what {@code
   * apps} leaves alone is reported as unmanaged. {@code apps} must be executable.
   */
  public Plan withApplications(dev.idcplane.plan.apps.AppPlan apps) {
    if (!apps.executable()) {
      throw new IllegalArgumentException("application plan has errors: " + apps.errors());
    }
    if (apps.changes().isEmpty() && apps.drift().isEmpty()) {
      return this;
    }
    List<Change> all = new java.util.ArrayList<>(changes);
    List<DriftFinding> found = new java.util.ArrayList<>(drift);
    for (dev.idcplane.plan.apps.AppChange c : apps.changes()) {
      all.add(new Change.ApplicationChange(c));
      boolean issuer = c.touchesIssuer();
      found.add(
          DriftFinding.ofApplication(
              issuer ? DriftKind.TRUSTED_TOKEN_ISSUER : DriftKind.APPLICATION,
              issuer ? c.key().substring("issuer/".length()) : c.key(),
              c.reason(),
              true));
    }
    for (dev.idcplane.plan.apps.AppDrift d : apps.drift()) {
      found.add(
          DriftFinding.ofApplication(
              d.kind() == dev.idcplane.plan.apps.AppDrift.Kind.UNMANAGED_APPLICATION
                  ? DriftKind.UNMANAGED_APPLICATION
                  : DriftKind.UNMANAGED_TRUSTED_TOKEN_ISSUER,
              d.arn(),
              d.message(),
              false));
    }
    found.sort(java.util.Comparator.comparing(DriftFinding::kind).thenComparing(DriftFinding::key));
    return new Plan(source, all, found, warnings, managedAssignments, delegation);
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
