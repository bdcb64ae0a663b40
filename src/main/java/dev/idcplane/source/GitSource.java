package dev.idcplane.source;

import dev.idcplane.matrix.MatrixLoad;
import dev.idcplane.matrix.MatrixLoader;
import dev.idcplane.source.MatrixGitException.Reason;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.api.errors.InvalidRemoteException;
import org.eclipse.jgit.api.errors.TransportException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * The matrix on a branch of a git repository ({@code idc.matrix.git.*}), pulled with JGit before
 * each read: the branch is fetched into a bare repository in the work directory and the matrix
 * files are read straight from the fetched commit's folder, so no checkout can go stale or
 * conflict. The commit read is the plan's commit. Reads are serialised (one repository on disk).
 */
public final class GitSource implements MatrixSource {
  private static final String REMOTE_REFS = "refs/remotes/matrix/";

  /** What to pull and how. */
  public record Settings(
      String uri,
      String branch,
      String folder,
      Path workDir,
      Optional<String> username,
      Optional<String> password,
      Duration timeout) {}

  private final Settings settings;
  private final MatrixLoader loader;

  public GitSource(Settings settings, MatrixLoader loader) {
    this.settings = settings;
    this.loader = loader;
  }

  @Override
  public String kind() {
    return "git";
  }

  @Override
  public synchronized Optional<CurrentMatrix> find() {
    try (Git git = open()) {
      fetch(git);
      Repository repo = git.getRepository();
      ObjectId tip = repo.resolve(REMOTE_REFS + settings.branch());
      if (tip == null) {
        throw branchMissing(null);
      }
      try (RevWalk walk = new RevWalk(repo)) {
        RevCommit commit = walk.parseCommit(tip);
        MatrixLoad load = loader.load(files(repo, commit));
        return Optional.of(
            new CurrentMatrix(
                load,
                MatrixOrigin.git(
                    settings.uri(),
                    settings.branch(),
                    settings.folder(),
                    commit.name(),
                    load.matrix().digest())));
      }
    } catch (IOException e) {
      throw workDir(e);
    }
  }

  private Git open() {
    Path dir = settings.workDir();
    try {
      Files.createDirectories(dir);
      if (!Files.isWritable(dir)) {
        throw new IOException(dir + " is not writable");
      }
      if (Files.exists(dir.resolve("HEAD"))) {
        return Git.open(dir.toFile());
      }
      return Git.init().setBare(true).setDirectory(dir.toFile()).call();
    } catch (IOException | GitAPIException | RuntimeException e) {
      throw workDir(e);
    }
  }

  private void fetch(Git git) {
    var fetch =
        git.fetch()
            .setRemote(settings.uri())
            .setRefSpecs(new RefSpec("+refs/heads/*:" + REMOTE_REFS + "*"))
            .setRemoveDeletedRefs(true)
            .setTimeout((int) Math.max(1, settings.timeout().toSeconds()));
    if (settings.username().isPresent() || settings.password().isPresent()) {
      fetch.setCredentialsProvider(
          new UsernamePasswordCredentialsProvider(
              settings.username().orElse(""), settings.password().orElse("")));
    }
    try {
      var result = fetch.call();
      if (result.getAdvertisedRef("refs/heads/" + settings.branch()) == null) {
        throw branchMissing(null);
      }
    } catch (InvalidRemoteException e) {
      throw unreachable(e);
    } catch (TransportException e) {
      String m = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
      if (m.contains("not authorized")
          || m.contains("authentication")
          || m.contains("auth fail")
          || m.contains("401")
          || m.contains("403")) {
        throw new MatrixGitException(
            Reason.AUTH,
            "the matrix repository "
                + settings.uri()
                + " refused the credentials ("
                + e.getMessage()
                + "): check idc.matrix.git.username"
                + " and idc.matrix.git.password (IDC_MATRIX_GIT_USERNAME, IDC_MATRIX_GIT_PASSWORD)",
            e);
      }
      throw unreachable(e);
    } catch (GitAPIException | RuntimeException e) {
      if (e instanceof MatrixGitException g) {
        throw g;
      }
      throw unreachable(e);
    }
  }

  /** The matrix files directly in the folder of {@code commit}; the folder missing is an error. */
  private Map<String, String> files(Repository repo, RevCommit commit) throws IOException {
    String folder = normalised(settings.folder());
    Map<String, String> files = new TreeMap<>();
    try (TreeWalk walk =
        folder.isEmpty() ? new TreeWalk(repo) : TreeWalk.forPath(repo, folder, commit.getTree())) {
      if (folder.isEmpty()) {
        walk.addTree(commit.getTree());
      } else {
        if (walk == null || walk.getFileMode(0) != FileMode.TREE) {
          throw new MatrixGitException(
              Reason.FOLDER,
              "branch "
                  + settings.branch()
                  + " of "
                  + settings.uri()
                  + " has no folder '"
                  + settings.folder()
                  + "' at commit "
                  + commit.name()
                  + ": set idc.matrix.git.folder (IDC_MATRIX_GIT_FOLDER) to the"
                  + " folder holding the matrix files ('.' for the repository root)",
              null);
        }
        walk.enterSubtree();
      }
      walk.setRecursive(false);
      while (walk.next()) {
        if (walk.getFileMode(0).getObjectType() == org.eclipse.jgit.lib.Constants.OBJ_BLOB
            && MatrixLoader.isMatrixFile(walk.getNameString())) {
          byte[] bytes = repo.open(walk.getObjectId(0)).getBytes();
          files.put(walk.getNameString(), new String(bytes, StandardCharsets.UTF_8));
        }
      }
    }
    return files;
  }

  private static String normalised(String folder) {
    String f = folder.strip().replace('\\', '/');
    while (f.startsWith("./")) {
      f = f.substring(2);
    }
    f = f.replaceAll("^/+|/+$", "");
    return f.equals(".") ? "" : f;
  }

  private MatrixGitException branchMissing(Throwable cause) {
    return new MatrixGitException(
        Reason.BRANCH,
        "the matrix repository "
            + settings.uri()
            + " has no branch '"
            + settings.branch()
            + "': set idc.matrix.git.branch"
            + " (IDC_MATRIX_GIT_BRANCH) to a branch that exists",
        cause);
  }

  private MatrixGitException unreachable(Exception e) {
    return new MatrixGitException(
        Reason.UNREACHABLE,
        "cannot fetch the matrix repository "
            + settings.uri()
            + " ("
            + e.getMessage()
            + "): check idc.matrix.git.uri"
            + " (IDC_MATRIX_GIT_URI) and that the service can reach it",
        e);
  }

  private MatrixGitException workDir(Exception e) {
    return new MatrixGitException(
        Reason.WORK_DIR,
        "cannot use the matrix work directory "
            + settings.workDir()
            + " ("
            + e.getMessage()
            + "): set idc.matrix.git.work-dir"
            + " (IDC_MATRIX_GIT_WORK_DIR) to a directory the service can write",
        e);
  }
}
