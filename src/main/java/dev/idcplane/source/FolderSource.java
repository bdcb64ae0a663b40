package dev.idcplane.source;

import dev.idcplane.matrix.MatrixLoad;
import dev.idcplane.matrix.MatrixLoader;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The matrix in a local folder ({@code idc.matrix.path}), the dev default: re-read on every call,
 * with the commit {@link MatrixCommitReader} finds when the folder is in a git work tree.
 */
public final class FolderSource implements MatrixSource {
  private final Path folder;
  private final MatrixLoader loader;
  private final MatrixCommitReader commits;

  public FolderSource(Path folder, MatrixLoader loader, MatrixCommitReader commits) {
    this.folder = folder;
    this.loader = loader;
    this.commits = commits;
  }

  @Override
  public Optional<CurrentMatrix> find() {
    return find(true);
  }

  /**
   * Without {@code withCommit}, git is not asked: previews and digest comparisons need no commit.
   */
  @Override
  public Optional<CurrentMatrix> find(boolean withCommit) {
    MatrixLoad load = loader.load(folder);
    String commit = withCommit ? commits.read().orElse(null) : null;
    return Optional.of(
        new CurrentMatrix(
            load, MatrixOrigin.folder(folder.toString(), commit, load.matrix().digest())));
  }

  @Override
  public String kind() {
    return "folder";
  }
}
