package dev.idcplane.source;

import dev.idcplane.matrix.MatrixLoad;
import java.util.Objects;

/** The configured matrix as its source holds it now: the files as loaded, and their origin. */
public record CurrentMatrix(MatrixLoad load, MatrixOrigin origin) {
  public CurrentMatrix {
    Objects.requireNonNull(load, "load");
    Objects.requireNonNull(origin, "origin");
  }
}
