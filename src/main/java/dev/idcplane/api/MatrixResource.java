package dev.idcplane.api;

import dev.idcplane.api.dto.MatrixView;
import dev.idcplane.config.IdcConfig;
import dev.idcplane.matrix.MatrixLoader;
import dev.idcplane.security.Roles;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The configured matrix as the service reads it, with its validation result. */
@Path("/api/v1/matrix")
public class MatrixResource {
  private final IdcConfig config;
  private final MatrixLoader loader;

  public MatrixResource(IdcConfig config, MatrixLoader loader) {
    this.config = config;
    this.loader = loader;
  }

  /** 200 with the parsed matrix; {@code valid} is false and {@code violations} lists why. */
  @GET
  @RolesAllowed({Roles.VIEWER, Roles.CI})
  @Produces(MediaType.APPLICATION_JSON)
  public MatrixView get() {
    String path = config.matrix().path();
    return MatrixView.of(path, loader.load(java.nio.file.Path.of(path)));
  }
}
