package dev.idcplane.source;

import dev.idcplane.error.ControlPlaneException;

/**
 * The {@code pushed} matrix source holds no matrix yet: nothing configured to plan or scan until a
 * deployer applies one.
 */
public class MatrixNotPushedException extends ControlPlaneException {
  public MatrixNotPushedException() {
    super(
        "no matrix has been pushed yet (idc.matrix.source=pushed): a deployer pushes one by"
            + " POST /api/v1/reconcile?mode=apply with the matrix in the body");
  }

  @Override
  public int httpStatus() {
    return 409;
  }

  @Override
  public String code() {
    return "matrix_not_pushed";
  }

  @Override
  public boolean retryable() {
    return false;
  }
}
