package dev.idcplane.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.idcplane.matrix.MatrixLoader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.RefSpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The git source against a local bare repository made with JGit: it reads the commit it pulled,
 * sees a new commit on the next read, and names what to fix when the URI, branch, folder or work
 * directory is wrong.
 */
class GitSourceTest {
  static final String MATRIX =
      "permission_sets:\n  ReadOnly:\n    external: true\n"
          + "assignments:\n  - group: aws-auditors\n    permission_set: ReadOnly\n"
          + "    accounts: [app-dev]\n";

  @TempDir Path dir;
  Path remote;
  Git author;
  final MatrixLoader loader = new MatrixLoader();

  @BeforeEach
  void repository() throws GitAPIException {
    remote = dir.resolve("remote.git");
    Git.init().setBare(true).setDirectory(remote.toFile()).call().close();
    author = Git.init().setDirectory(dir.resolve("author").toFile()).call();
  }

  /** Writes {@code name} under assignments/, commits, pushes to main; the new commit id. */
  String push(String name, String text) throws IOException, GitAPIException {
    Path folder = author.getRepository().getWorkTree().toPath().resolve("assignments");
    Files.createDirectories(folder);
    Files.writeString(folder.resolve(name), text);
    author.add().addFilepattern(".").call();
    String id =
        author
            .commit()
            .setMessage("matrix " + name)
            .setAuthor("t", "t@example.com")
            .setCommitter("t", "t@example.com")
            .setSign(false)
            .call()
            .name();
    author
        .push()
        .setRemote(remote.toUri().toString())
        .setRefSpecs(new RefSpec("HEAD:refs/heads/main"))
        .call();
    return id;
  }

  GitSource source(String uri, String branch, String folder, Path workDir) {
    return new GitSource(
        new GitSource.Settings(
            uri,
            branch,
            folder,
            workDir,
            Optional.empty(),
            Optional.empty(),
            Duration.ofSeconds(10)),
        loader);
  }

  GitSource source() {
    return source(remote.toString(), "main", "assignments", dir.resolve("work"));
  }

  @Test
  void readsTheCommitItPulledAndTheNextCommitOnTheNextRead() throws Exception {
    String first = push("matrix.yaml", MATRIX);
    Files.writeString(author.getRepository().getWorkTree().toPath().resolve("README.md"), "x");
    GitSource source = source();

    CurrentMatrix a = source.current();
    assertThat(a.origin().kind()).isEqualTo("git");
    assertThat(a.origin().commit()).isEqualTo(first);
    assertThat(a.origin().uri()).isEqualTo(remote.toString());
    assertThat(a.origin().branch()).isEqualTo("main");
    assertThat(a.origin().folder()).isEqualTo("assignments");
    assertThat(a.load().valid()).as(a.load().violations().toString()).isTrue();
    assertThat(a.load().matrix().files()).containsExactly("matrix.yaml");
    assertThat(a.origin().digest())
        .isEqualTo(loader.load(Map.of("matrix.yaml", MATRIX)).matrix().digest());

    String second =
        push(
            "more.yaml",
            "assignments:\n  - group: aws-finops\n"
                + "    permission_set: ReadOnly\n    accounts: [app-dev]\n");
    CurrentMatrix b = source.current();
    assertThat(b.origin().commit()).isEqualTo(second).isNotEqualTo(first);
    assertThat(b.origin().digest()).isNotEqualTo(a.origin().digest());
    assertThat(b.load().matrix().files()).containsExactly("matrix.yaml", "more.yaml");

    // A fresh work directory (a new replica) reads the same commit.
    assertThat(
            source(remote.toString(), "main", "./assignments/", dir.resolve("other"))
                .current()
                .origin()
                .commit())
        .isEqualTo(second);
  }

  @Test
  void theRepositoryRootIsFolderDot() throws Exception {
    push("matrix.yaml", MATRIX);
    CurrentMatrix root = source(remote.toString(), "main", ".", dir.resolve("w")).current();
    assertThat(root.load().matrix().files()).as("files in subfolders are not read").isEmpty();
  }

  @Test
  void aMissingRepositoryIsUnreachable() throws Exception {
    push("matrix.yaml", MATRIX);
    assertThatThrownBy(
            () ->
                source(
                        dir.resolve("nowhere.git").toString(),
                        "main",
                        "assignments",
                        dir.resolve("w"))
                    .current())
        .isInstanceOfSatisfying(
            MatrixGitException.class,
            e -> {
              assertThat(e.code()).isEqualTo("matrix_git_unreachable");
              assertThat(e.httpStatus()).isEqualTo(502);
            })
        .hasMessageContaining("idc.matrix.git.uri");
  }

  @Test
  void aMissingBranchIsNamed() throws Exception {
    push("matrix.yaml", MATRIX);
    assertThatThrownBy(
            () -> source(remote.toString(), "release", "assignments", dir.resolve("w")).current())
        .isInstanceOfSatisfying(
            MatrixGitException.class, e -> assertThat(e.code()).isEqualTo("matrix_git_branch"))
        .hasMessageContaining("'release'")
        .hasMessageContaining("idc.matrix.git.branch");
  }

  @Test
  void aMissingFolderIsNamed() throws Exception {
    push("matrix.yaml", MATRIX);
    assertThatThrownBy(
            () -> source(remote.toString(), "main", "matrix", dir.resolve("w")).current())
        .isInstanceOfSatisfying(
            MatrixGitException.class, e -> assertThat(e.code()).isEqualTo("matrix_git_folder"))
        .hasMessageContaining("'matrix'")
        .hasMessageContaining("idc.matrix.git.folder");
    // a file is not a folder either
    assertThatThrownBy(
            () ->
                source(remote.toString(), "main", "assignments/matrix.yaml", dir.resolve("w"))
                    .current())
        .isInstanceOfSatisfying(
            MatrixGitException.class, e -> assertThat(e.code()).isEqualTo("matrix_git_folder"));
  }

  @Test
  void anUnusableWorkDirectoryIsA500NamingItsKey() throws Exception {
    push("matrix.yaml", MATRIX);
    Path file = Files.writeString(dir.resolve("a-file"), "not a directory");
    assertThatThrownBy(
            () -> source(remote.toString(), "main", "assignments", file.resolve("work")).current())
        .isInstanceOfSatisfying(
            MatrixGitException.class,
            e -> {
              assertThat(e.code()).isEqualTo("matrix_git_work_dir");
              assertThat(e.httpStatus()).isEqualTo(500);
            })
        .hasMessageContaining("idc.matrix.git.work-dir");
  }
}
