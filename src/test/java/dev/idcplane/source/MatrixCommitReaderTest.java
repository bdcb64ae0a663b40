package dev.idcplane.source;

import static org.assertj.core.api.Assertions.assertThat;

import dev.idcplane.support.Git;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The matrix commit read from a real git repository in a temporary folder. */
class MatrixCommitReaderTest {
  @TempDir Path tmp;
  Path repo;
  Path matrix;

  @BeforeEach
  void repository() throws Exception {
    repo = Files.createDirectories(tmp.resolve("repo"));
    matrix = Files.createDirectories(repo.resolve("assignments"));
    Git.init(repo);
    Files.writeString(repo.resolve(".gitignore"), "ignored/\n");
    Files.writeString(matrix.resolve("assignments.yaml"), "assignments: []\n");
  }

  MatrixCommitReader reader(Path folder) {
    return new MatrixCommitReader(Optional.empty(), folder, "git", Duration.ofSeconds(10));
  }

  @Test
  void aCommittedMatrixIsHead() throws Exception {
    String first = commit("first");
    assertThat(reader(matrix).read()).contains(first);

    Files.writeString(matrix.resolve("more.yml"), "assignments: []\n");
    String second = commit("second");
    assertThat(second).isNotEqualTo(first);
    assertThat(reader(matrix).read()).as("asked again on every read").contains(second);
  }

  @Test
  void uncommittedMatrixFilesMakeItDirty() throws Exception {
    String head = commit("first");
    MatrixCommitReader reader = reader(matrix);

    Files.writeString(matrix.resolve("assignments.yaml"), "assignments: [] # edited\n");
    assertThat(reader.read()).as("modified").contains(head + "-dirty");
    Git.run(repo, "add", "-A");
    assertThat(reader.read()).as("staged").contains(head + "-dirty");
    Git.run(repo, "reset", "-q", "--hard");
    assertThat(reader.read()).contains(head);

    Files.writeString(matrix.resolve("new.YAML"), "assignments: []\n");
    assertThat(reader.read()).as("untracked matrix file").contains(head + "-dirty");
    Files.delete(matrix.resolve("new.YAML"));

    Files.delete(matrix.resolve("assignments.yaml"));
    assertThat(reader.read()).as("deleted").contains(head + "-dirty");
  }

  @Test
  void onlyWhatTheLoaderReadsCounts() throws Exception {
    String head = commit("first");
    Files.writeString(matrix.resolve("NOTES.md"), "not a matrix file\n");
    Files.createDirectories(matrix.resolve("drafts"));
    Files.writeString(matrix.resolve("drafts/next.yaml"), "assignments: []\n");
    Files.writeString(repo.resolve("elsewhere.yaml"), "outside the matrix folder\n");
    assertThat(reader(matrix).read()).contains(head);
  }

  @Test
  void aMatrixInAnIgnoredFolderIsNeverClean() throws Exception {
    String head = commit("first");
    Path ignored = Files.createDirectories(repo.resolve("ignored/matrix"));
    Files.writeString(ignored.resolve("assignments.yaml"), "assignments: []\n");
    assertThat(reader(ignored).read()).contains(head + "-dirty");
  }

  @Test
  void theConfiguredCommitWins() throws Exception {
    commit("first");
    var reader =
        new MatrixCommitReader(Optional.of(" 0123abcd "), matrix, "git", Duration.ofSeconds(10));
    assertThat(reader.read()).contains("0123abcd");
    var blank = new MatrixCommitReader(Optional.of("  "), matrix, "git", Duration.ofSeconds(10));
    assertThat(blank.read()).as("blank is unset").isPresent().get().asString().hasSize(40);
  }

  @Test
  void noRepositoryNoCommitsNoGitOrNoFolderGiveNoCommit() throws Exception {
    Path plain = Files.createDirectories(tmp.resolve("plain"));
    assertThat(reader(plain).read()).as("not in a work tree").isEmpty();
    assertThat(reader(matrix).read()).as("a repository without commits").isEmpty();
    commit("first");
    assertThat(
            new MatrixCommitReader(
                    Optional.empty(), matrix, "no-such-git-binary", Duration.ofSeconds(10))
                .read())
        .as("git absent")
        .isEmpty();
    assertThat(reader(tmp.resolve("missing")).read()).as("no such folder").isEmpty();
  }

  private String commit(String message) {
    return Git.commitAll(repo, message);
  }
}
