package dev.idcplane.service;

import java.util.Map;
import java.util.Optional;

/**
 * Which matrix to plan: the configured folder, or files sent in a request (a pull-request
 * preview), with the git commit they come from when the caller knows it.
 */
public record MatrixInput(Optional<Map<String, String>> files, Optional<String> commit) {
  /** The {@link #origin()} of the configured folder. */
  public static final String CONFIGURED = "configured";

  public MatrixInput {
    files = files == null ? Optional.empty() : files.map(Map::copyOf);
    commit = commit == null ? Optional.empty() : commit.filter(c -> !c.isBlank());
  }

  public static MatrixInput configured(Optional<String> commit) {
    return new MatrixInput(Optional.empty(), commit);
  }

  public String origin() {
    return files.isPresent() ? "request" : CONFIGURED;
  }
}
