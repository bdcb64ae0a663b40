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

  /** The current configured matrix; 409 {@code matrix_not_pushed} while there is none. */
  default CurrentMatrix current() {
    return find().orElseThrow(MatrixNotPushedException::new);
  }

  /** Which source this is: {@code folder}, {@code git} or {@code pushed}. */
  String kind();
}
