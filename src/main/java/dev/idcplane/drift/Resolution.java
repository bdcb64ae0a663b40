package dev.idcplane.drift;

import java.util.Objects;
import java.util.UUID;

/**
 * Why an open finding was no longer seen. {@code runId} is set for {@link Cause#APPLIED} only;
 * {@code matrixDigest}/{@code matrixCommit} are those of the plan that stopped seeing it.
 */
public record Resolution(Cause cause, String resolvedBy, UUID runId) {
  public Resolution {
    Objects.requireNonNull(cause, "cause");
    Objects.requireNonNull(resolvedBy, "resolvedBy");
  }

  /** How a finding went away. */
  public enum Cause {
    /** A run of this service changed the finding's key. */
    APPLIED,
    /** The matrix changed since the finding was last seen. */
    MATRIX_CHANGED,
    /** Neither: someone changed Identity Center outside the service. */
    OUTSIDE
  }

  public static Resolution applied(UUID runId, String startedBy) {
    return new Resolution(Cause.APPLIED, startedBy, Objects.requireNonNull(runId, "runId"));
  }

  public static Resolution matrixChanged(String planCreatedBy) {
    return new Resolution(Cause.MATRIX_CHANGED, planCreatedBy, null);
  }

  public static Resolution outside(String planCreatedBy) {
    return new Resolution(Cause.OUTSIDE, planCreatedBy, null);
  }
}
