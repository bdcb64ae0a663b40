package dev.idcplane.api;

import dev.idcplane.api.dto.MatrixView;
import dev.idcplane.security.Roles;
import dev.idcplane.source.MatrixSource;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * The configured matrix as the service reads it from its source ({@code idc.matrix.source}), with
 * its validation result and which source and commit are current.
 */
@Path("/api/v1/matrix")
public class MatrixResource {
  private final MatrixSource source;

  public MatrixResource(MatrixSource source) {
    this.source = source;
  }

  /**
   * 200 with the parsed matrix; {@code valid} is false and {@code violations} lists why. 409 {@code
   * matrix_not_pushed} while a {@code pushed} source holds none; 502/500 {@code matrix_git_*} when
   * the git source cannot be read.
   */
  @GET
  @RolesAllowed({Roles.VIEWER, Roles.CI})
  @Produces(MediaType.APPLICATION_JSON)
  public MatrixView get() {
    return MatrixView.of(source.current());
  }
}
