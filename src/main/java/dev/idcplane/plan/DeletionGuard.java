package dev.idcplane.plan;

import dev.idcplane.matrix.SourceLocation;
import dev.idcplane.matrix.Violation;
import dev.idcplane.plan.apps.AppChange;
import dev.idcplane.plan.apps.AppPlanner;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Decides which plans need {@code allowDeletes=true} to be applied, and says why. Pure: the caller
 * supplies the plan, what its matrix declares and what the last applied matrix declared.
 *
 * <p>Four reasons, each a {@link Finding}:
 *
 * <ul>
 *   <li>too many deletes: more than {@code maxDeletes}, or, from {@code minDeletes} deletes on, a
 *       larger share of the managed assignments than {@code maxShare} (a small first rollout is not
 *       refused for deleting 2 of 3);
 *   <li>the plan deletes every assignment the matrix manages (at least one), whatever the numbers;
 *   <li>the plan deletes a declared application or trusted token issuer ({@code absent: true}), but
 *       not the old issuer of a replacement;
 *   <li>the matrix no longer declares a permission set or a file the last applied matrix declared
 *       (what an emptied or deleted file looks like), whatever the numbers. Without a record of the
 *       last applied matrix (none applied yet, or applied before the record was kept) there is
 *       nothing to compare and no such finding.
 * </ul>
 */
public final class DeletionGuard {
  private static final String REVIEW = "review the deletes, then apply with allowDeletes=true";
  private static final String RESTORE =
      "restore it if the removal is a mistake; if intended, apply with allowDeletes=true";

  private DeletionGuard() {}

  /** The thresholds of the count and share rules. */
  public record Limits(int minDeletes, int maxDeletes, double maxShare) {}

  /**
   * What a matrix declares: its permission set names and its files (a file with neither
   * permission_sets nor assignments counts as not there).
   */
  public record Declared(SortedSet<String> permissionSets, SortedSet<String> files) {
    public Declared {
      permissionSets = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(permissionSets));
      files = java.util.Collections.unmodifiableSortedSet(new TreeSet<>(files));
    }
  }

  /** What the decision is made from; {@code lastApplied} is empty when there is no record. */
  public record Input(Plan plan, Declared declared, Optional<Declared> lastApplied, Limits limits) {
    public Input {
      Objects.requireNonNull(plan, "plan");
      Objects.requireNonNull(declared, "declared");
      Objects.requireNonNull(lastApplied, "lastApplied");
      Objects.requireNonNull(limits, "limits");
    }
  }

  /** One reason the apply needs allowDeletes. */
  public sealed interface Finding {
    /** Stable kind, as in plan warnings and the 422 details. */
    String kind();

    String message();

    /** The finding as a plan warning; findings without a file or field use this default. */
    default Violation warning() {
      return violation(this, new SourceLocation("", 0), "", REVIEW);
    }
  }

  /** More deletes than the count or share rule allows. */
  public record TooManyDeletes(int deletes, int managed, Limits limits) implements Finding {
    public String kind() {
      return "guard_too_many_deletes";
    }

    public String message() {
      return String.format(
          java.util.Locale.ROOT,
          "the plan deletes %d assignments (%.0f%% of %d managed); the limits are %d deletes,"
              + " and %.0f%% of the managed ones from %d deletes on",
          deletes,
          share(deletes, managed) * 100,
          managed,
          limits.maxDeletes(),
          limits.maxShare() * 100,
          limits.minDeletes());
    }
  }

  /** Every assignment the matrix manages would be deleted. */
  public record DeletesAll(int deletes) implements Finding {
    public String kind() {
      return "guard_deletes_all";
    }

    public String message() {
      return "the plan deletes every assignment the matrix manages ("
          + deletes
          + " of "
          + deletes
          + ")";
    }
  }

  /** A permission set the last applied matrix declared and this one does not. */
  public record RemovedPermissionSet(String name) implements Finding {
    public String kind() {
      return "guard_removed_permission_set";
    }

    public String message() {
      return "permission set "
          + name
          + " was declared by the last applied matrix and no longer"
          + " is: its assignments stop being managed";
    }

    public Violation warning() {
      return violation(this, new SourceLocation("", 0), "permission_sets." + name, RESTORE);
    }
  }

  /** A file of the last applied matrix that is now missing or empty. */
  public record RemovedFile(String file) implements Finding {
    public String kind() {
      return "guard_removed_file";
    }

    public String message() {
      return file + " was part of the last applied matrix and is now missing or empty";
    }

    public Violation warning() {
      return violation(this, new SourceLocation(file, 0), "", RESTORE);
    }
  }

  /**
   * A declared application or trusted token issuer the plan deletes ({@code absent: true}): every
   * user it served loses what it gave them. Not the old issuer of a replacement, whose successor
   * takes its name in the same run.
   */
  public record DeletesApplication(String field) implements Finding {
    public String kind() {
      return "guard_deletes_application";
    }

    public String message() {
      return "the plan deletes "
          + (field.startsWith("applications.") ? "application " : "trusted token issuer ")
          + field.substring(field.indexOf('.') + 1);
    }

    public Violation warning() {
      return violation(this, new SourceLocation("", 0), field, REVIEW);
    }
  }

  /** The decision: the apply needs allowDeletes exactly when there are findings. */
  public record Verdict(List<Finding> findings) {
    public Verdict {
      findings = List.copyOf(findings);
    }

    public static Verdict clear() {
      return new Verdict(List.of());
    }

    public boolean needsAllowDeletes() {
      return !findings.isEmpty();
    }

    public List<Violation> warnings() {
      return findings.stream().map(Finding::warning).toList();
    }
  }

  public static Verdict check(Input in) {
    List<Finding> found = new ArrayList<>();
    int deletes =
        (int)
            in.plan().changes().stream()
                .filter(c -> c.action() == ChangeAction.DELETE_ASSIGNMENT)
                .count();
    int managed = in.plan().managedAssignments();
    Limits limits = in.limits();
    if (deletes > limits.maxDeletes()
        || (deletes >= limits.minDeletes() && share(deletes, managed) > limits.maxShare())) {
      found.add(new TooManyDeletes(deletes, managed, limits));
    }
    if (deletes > 0 && deletes >= managed) {
      found.add(new DeletesAll(deletes));
    }
    found.addAll(applicationDeletes(in.plan()));
    in.lastApplied()
        .ifPresent(
            last -> {
              last.permissionSets().stream()
                  .filter(s -> !in.declared().permissionSets().contains(s))
                  .forEach(s -> found.add(new RemovedPermissionSet(s)));
              last.files().stream()
                  .filter(f -> !in.declared().files().contains(f))
                  .forEach(f -> found.add(new RemovedFile(f)));
            });
    return new Verdict(found);
  }

  private static List<DeletesApplication> applicationDeletes(Plan plan) {
    List<AppChange> changes =
        plan.changes().stream()
            .filter(Change.ApplicationChange.class::isInstance)
            .map(c -> ((Change.ApplicationChange) c).change())
            .toList();
    Set<String> renamedTo =
        changes.stream()
            .filter(AppChange.UpdateIssuer.class::isInstance)
            .map(c -> ((AppChange.UpdateIssuer) c).newName())
            .collect(Collectors.toSet());
    List<DeletesApplication> found = new ArrayList<>();
    for (AppChange c : changes) {
      if (c instanceof AppChange.DeleteApplication d) {
        found.add(new DeletesApplication("applications." + d.application().name()));
      } else if (c instanceof AppChange.DeleteIssuer d
          && !renamedTo.contains(d.issuer().name())
          && !d.issuer().name().endsWith(AppPlanner.REPLACEMENT_SUFFIX)) {
        found.add(new DeletesApplication("trusted_token_issuers." + d.issuer().name()));
      }
    }
    return found;
  }

  private static double share(int deletes, int managed) {
    return deletes / (double) Math.max(1, managed);
  }

  private static Violation violation(Finding f, SourceLocation at, String field, String fix) {
    return new Violation(
        at, field, f.kind(), f.message() + "; applying needs allowDeletes=true", fix);
  }
}
