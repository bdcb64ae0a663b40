package dev.idcplane.source;

import dev.idcplane.matrix.MatrixLoad;
import dev.idcplane.matrix.MatrixLoader;
import dev.idcplane.persistence.MatrixPushStore;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The matrix a deployer last applied, kept in PostgreSQL with its digest, commit, who pushed it and
 * when; nothing until the first push. A push is recorded only for an accepted apply, so the
 * configured matrix is always one a deployer chose to apply.
 */
public final class PushedSource implements MatrixSource {
  private final MatrixPushStore store;
  private final MatrixLoader loader;
  private final Clock clock;

  public PushedSource(MatrixPushStore store, MatrixLoader loader, Clock clock) {
    this.store = store;
    this.loader = loader;
    this.clock = clock;
  }

  @Override
  public Optional<CurrentMatrix> find() {
    return store
        .newest()
        .map(
            p -> {
              MatrixLoad load = loader.load(p.files());
              return new CurrentMatrix(
                  load,
                  MatrixOrigin.pushed(
                      p.commit(), load.matrix().digest(), p.pushedBy(), p.pushedAt()));
            });
  }

  @Override
  public String kind() {
    return "pushed";
  }

  /** Records {@code files} as the configured matrix, pushed now by {@code subject}. */
  public void push(
      Map<String, String> files, String digest, String commit, String subject, UUID planId) {
    store.add(new MatrixPushStore.Push(files, digest, commit, subject, clock.instant(), planId));
  }
}
