package dev.idcplane.planning;

import dev.idcplane.plan.Plan;
import java.time.Instant;
import java.util.UUID;
import java.util.function.Function;

/**
 * A plan stored whose drift now counts, fired synchronously (in the storing thread and transaction)
 * by {@link PlanningService}: at once for an ordinary plan, and only once its apply is accepted for
 * a deployer's plan of a matrix being pushed. Drift history listens to it.
 *
 * @param matrixOrigin {@code configured}, or {@code request} for a preview of files sent
 * @param accountPath an account's OU path as the plan's live read saw it
 */
public record PlanStored(
    UUID planId,
    Instant createdAt,
    String createdBy,
    String matrixOrigin,
    Plan plan,
    Function<String, String> accountPath) {

  /** Whether the plan is of the configured matrix (not a preview of files sent). */
  public boolean ofConfiguredMatrix() {
    return MatrixInput.CONFIGURED.equals(matrixOrigin);
  }
}
