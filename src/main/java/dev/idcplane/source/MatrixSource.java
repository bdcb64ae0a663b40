package dev.idcplane.source;

import java.util.Optional;

/**
 * The desired matrix the service holds ({@code idc.matrix.source}): what scheduled scans, plans of
 * the configured matrix and access reports plan, and what a matrix sent in a request is compared
 * with to decide whether it counts as the configured matrix or is a preview. Each call reads the
 * source afresh (a folder is re-read, a git source pulls), so the next plan sees a new commit.
 */
public interface MatrixSource {

  /** The current configured matrix; empty only while a {@code pushed} source holds none yet. */
  Optional<CurrentMatrix> find();

  /**
   * As {@link #find()}; without {@code withCommit} a source may leave the commit out when finding
   * it costs extra work (the folder source's git subprocesses), for reads that only compare or
   * preview the matrix.
   */
  default Optional<CurrentMatrix> find(boolean withCommit) {
    return find();
  }

  /** The current configured matrix; 409 {@code matrix_not_pushed} while there is none. */
  default CurrentMatrix current() {
    return current(true);
  }

  /** As {@link #current()}, with the commit only when asked for (see {@link #find(boolean)}). */
  default CurrentMatrix current(boolean withCommit) {
    return find(withCommit).orElseThrow(MatrixNotPushedException::new);
  }

  /** Which source this is: {@code folder}, {@code git} or {@code pushed}. */
  String kind();
}
