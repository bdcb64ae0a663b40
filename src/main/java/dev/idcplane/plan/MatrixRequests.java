package dev.idcplane.plan;

import dev.idcplane.identitycenter.LiveStateReader;
import dev.idcplane.identitycenter.PrincipalType;
import dev.idcplane.matrix.AssignmentRule;
import dev.idcplane.matrix.Matrix;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/** What live state a matrix needs read. */
public final class MatrixRequests {
  private MatrixRequests() {}

  /**
   * A request for every permission set the matrix declares (managed and external), and every group
   * and user its rules name (expired USER rules included, so they can be reported by name).
   */
  public static LiveStateReader.Request forMatrix(Matrix matrix, Optional<String> instanceArn) {
    return new LiveStateReader.Request(
        instanceArn,
        matrix.permissionSets().keySet(),
        names(matrix, PrincipalType.GROUP),
        names(matrix, PrincipalType.USER));
  }

  private static Set<String> names(Matrix matrix, PrincipalType type) {
    return matrix.rules().stream()
        .filter(r -> r.principalType() == type)
        .map(AssignmentRule::principalName)
        .collect(Collectors.toSet());
  }
}
