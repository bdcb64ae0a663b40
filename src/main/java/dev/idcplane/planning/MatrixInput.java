package dev.idcplane.planning;

import java.util.Map;
import java.util.Optional;

/**
 * Which matrix to plan: the configured matrix ({@code idc.matrix.source}), or files sent in a
 * request, with the git commit they come from when the caller knows it. Files sent count as the
 * configured matrix when their digest is its digest; otherwise they are a preview ({@link
 * PlanningService} decides).
 */
public record MatrixInput(Optional<Map<String, String>> files, Optional<String> commit) {
  /** The origin of a plan of the configured matrix. */
  public static final String CONFIGURED = "configured";

  public MatrixInput {
    files = files == null ? Optional.empty() : files.map(Map::copyOf);
    commit = commit == null ? Optional.empty() : commit.filter(c -> !c.isBlank());
  }

  public static MatrixInput configured(Optional<String> commit) {
    return new MatrixInput(Optional.empty(), commit);
  }
}
