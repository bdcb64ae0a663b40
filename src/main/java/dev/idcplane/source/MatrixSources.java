package dev.idcplane.source;

import dev.idcplane.config.IdcConfig;
import dev.idcplane.matrix.MatrixLoader;
import dev.idcplane.persistence.MatrixPushStore;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.nio.file.Path;
import java.time.Clock;

/** Produces the {@link MatrixSource} {@code idc.matrix.source} selects. */
@ApplicationScoped
public class MatrixSources {

  @Produces
  @Singleton
  MatrixSource source(
      IdcConfig config,
      MatrixLoader loader,
      MatrixCommitReader commits,
      MatrixPushStore pushes,
      Clock clock) {
    IdcConfig.Matrix m = config.matrix();
    return switch (m.source()) {
      case FOLDER -> new FolderSource(Path.of(m.path()), loader, commits);
      case PUSHED -> new PushedSource(pushes, loader, clock);
      case GIT -> {
        IdcConfig.Matrix.Git g = m.git();
        String uri =
            g.uri()
                .filter(u -> !u.isBlank())
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "idc.matrix.source=git needs idc.matrix.git.uri (IDC_MATRIX_GIT_URI): the repository"
                                + " holding the matrix"));
        yield new GitSource(
            new GitSource.Settings(
                uri,
                g.branch(),
                g.folder(),
                Path.of(g.workDir()),
                g.username(),
                g.password(),
                g.timeout()),
            loader);
      }
    };
  }
}
