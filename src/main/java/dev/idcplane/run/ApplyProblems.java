package dev.idcplane.run;

import dev.idcplane.error.ControlPlaneException;
import dev.idcplane.plan.DeletionGuard;
import java.util.List;

/** Why an apply was refused. Each says its status and carries what the caller needs next. */
public final class ApplyProblems {
  private ApplyProblems() {}

  /** A fresh plan differs from the stored one: apply the new plan after review. */
  public static final class StalePlan extends Refused {
    public StalePlan(String planId, String newPlanId) {
      super(
          409,
          "plan_stale",
          "plan "
              + planId
              + " no longer matches Identity Center or the"
              + " matrix; review and apply the new plan "
              + newPlanId,
          List.of(newPlanId));
    }
  }

  /** The stored plan is too old to apply. */
  public static final class PlanExpired extends Refused {
    public PlanExpired(String planId, String age) {
      super(
          409,
          "plan_expired",
          "plan " + planId + " was made " + age + " ago and has expired;" + " plan again",
          List.of());
    }
  }

  /** Another run holds the instance. */
  public static final class Busy extends Refused {
    public Busy(String runId) {
      super(
          409,
          "apply_busy",
          "another run is applying to this instance" + (runId == null ? "" : ": " + runId),
          runId == null ? List.of() : List.of(runId));
    }
  }

  /** The deletion guard stopped the apply: allowDeletes was not given. */
  public static final class GuardTripped extends Refused {
    public GuardTripped(String message, List<GuardDetail> details) {
      super(422, "deletion_guard", message, details);
    }
  }

  /**
   * One entry of a {@code deletion_guard} refusal: first each reason ({@code kind} as in the plan's
   * warnings, with the removed {@code file} or {@code permissionSet}), then each delete ({@code
   * kind} {@code delete_assignment} and the change {@code key}).
   */
  @com.fasterxml.jackson.annotation.JsonInclude(
      com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
  public record GuardDetail(
      String kind, String message, String file, String permissionSet, String key) {
    static GuardDetail of(DeletionGuard.Finding f) {
      String file = f instanceof DeletionGuard.RemovedFile r ? r.file() : null;
      String set = f instanceof DeletionGuard.RemovedPermissionSet r ? r.name() : null;
      return new GuardDetail(f.kind(), f.message(), file, set, null);
    }

    static GuardDetail delete(String key) {
      return new GuardDetail("delete_assignment", "deletes " + key, null, null, key);
    }
  }

  /** Base: a refused apply changes nothing. */
  public abstract static class Refused extends ControlPlaneException {
    private final int status;
    private final String code;
    private final List<?> details;

    Refused(int status, String code, String message, List<?> details) {
      super(message);
      this.status = status;
      this.code = code;
      this.details = List.copyOf(details);
    }

    @Override
    public List<?> details() {
      return details;
    }

    @Override
    public int httpStatus() {
      return status;
    }

    @Override
    public String code() {
      return code;
    }

    @Override
    public boolean retryable() {
      return status == 409;
    }
  }
}
