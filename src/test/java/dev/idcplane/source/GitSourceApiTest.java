package dev.idcplane.source;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.idcplane.drift.DriftScanner;
import dev.idcplane.support.TestKeys;
import dev.idcplane.support.TestTokens;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.util.FileUtils;
import org.junit.jupiter.api.Test;

/**
 * {@code idc.matrix.source=git} on the real PostgreSQL and the sandbox: the service pulls a local
 * bare repository (made with JGit under target/) before each plan and scan, and every plan of the
 * configured matrix records the commit it pulled.
 */
@QuarkusTest
@TestProfile(GitSourceApiTest.Profile.class)
@QuarkusTestResource(TestKeys.class)
class GitSourceApiTest {
  static final Path ROOT = Path.of("target", "git-source-api").toAbsolutePath();
  static final Path REMOTE = ROOT.resolve("remote.git");
  static final Path AUTHOR = ROOT.resolve("author");
  static final String YAML = dev.idcplane.support.SmallMatrix.powerUser("app-dev, app-staging");

  /** Its own application; the matrix is the main branch of {@link #REMOTE}, folder matrix/. */
  public static class Profile extends dev.idcplane.support.SmallWaits {
    @Override
    public Map<String, String> getConfigOverrides() {
      try {
        FileUtils.delete(ROOT.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
        Git.init().setBare(true).setDirectory(REMOTE.toFile()).call().close();
        Git.init().setDirectory(AUTHOR.toFile()).call().close();
        commit("matrix.yaml", YAML);
      } catch (IOException | GitAPIException e) {
        throw new IllegalStateException(e);
      }
      Map<String, String> m = new HashMap<>(super.getConfigOverrides());
      m.put("idc.matrix.source", "git");
      m.put("idc.matrix.git.uri", REMOTE.toString());
      m.put("idc.matrix.git.branch", "main");
      m.put("idc.matrix.git.folder", "matrix");
      m.put("idc.matrix.git.work-dir", ROOT.resolve("work").toString());
      return m;
    }
  }

  /** Commits {@code matrix/name} and pushes it to main; the commit id. */
  static String commit(String name, String text) {
    try (Git git = Git.open(AUTHOR.toFile())) {
      Path folder = AUTHOR.resolve("matrix");
      Files.createDirectories(folder);
      Files.writeString(folder.resolve(name), text);
      git.add().addFilepattern(".").call();
      String id =
          git.commit()
              .setMessage("matrix " + name)
              .setAuthor("t", "t@example.com")
              .setCommitter("t", "t@example.com")
              .setSign(false)
              .call()
              .name();
      git.push()
          .setRemote(REMOTE.toUri().toString())
          .setRefSpecs(new RefSpec("HEAD:refs/heads/main"))
          .call();
      return id;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  static String head() {
    try (Git git = Git.open(REMOTE.toFile())) {
      return git.getRepository().resolve("refs/heads/main").name();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Inject DriftScanner scanner;

  @Test
  void theMatrixResourceShowsTheSourceAndTheCommitPulled() {
    String head = head();
    given()
        .auth()
        .oauth2(ci())
        .when()
        .get("/api/v1/matrix")
        .then()
        .statusCode(200)
        .body("valid", equalTo(true))
        .body("source.kind", equalTo("git"))
        .body("source.commit", equalTo(head))
        .body("source.uri", equalTo(REMOTE.toString()))
        .body("source.branch", equalTo("main"))
        .body("source.folder", equalTo("matrix"))
        .body("files", org.hamcrest.Matchers.hasItem("matrix.yaml"));
  }

  @Test
  void plansAndScansOfTheConfiguredMatrixRecordTheCommitPulledAndSeeTheNextOne() {
    String before = head();
    JsonPath a = plan();
    assertThat(a.getString("matrixOrigin")).isEqualTo("configured");
    assertThat(a.getString("source.matrixCommit")).isEqualTo(before);

    String next =
        commit(
            "finops.yaml",
            "assignments:\n  - group: aws-finops\n"
                + "    permission_set: PowerUser\n    accounts: [app-dev]\n");
    JsonPath b = plan();
    assertThat(b.getString("source.matrixCommit")).isEqualTo(next).isNotEqualTo(before);
    assertThat(b.getString("source.matrixDigest")).isNotEqualTo(a.getString("source.matrixDigest"));

    String scanned = scanner.scan().planId().orElseThrow().toString();
    given()
        .auth()
        .oauth2(ci())
        .when()
        .get("/api/v1/plans/" + scanned)
        .then()
        .statusCode(200)
        .body("createdBy", equalTo("scheduler"))
        .body("matrixOrigin", equalTo("configured"))
        .body("source.matrixCommit", equalTo(next));

    // CI sends the same files as the branch holds: the configured matrix, at the commit pulled.
    Map<String, String> files =
        Map.of(
            "matrix.yaml",
            YAML,
            "finops.yaml",
            "assignments:\n  - group: aws-finops\n    permission_set: PowerUser\n"
                + "    accounts: [app-dev]\n");
    given()
        .auth()
        .oauth2(ci())
        .contentType("application/json")
        .body(Map.of("files", files))
        .when()
        .post("/api/v1/reconcile?mode=plan")
        .then()
        .statusCode(200)
        .body("matrixOrigin", equalTo("configured"));
  }

  @Test
  void anUnreachableRepositoryIsA502NamingTheKey() throws IOException {
    Path moved = ROOT.resolve("moved.git");
    Files.move(REMOTE, moved);
    try {
      given()
          .auth()
          .oauth2(ci())
          .when()
          .post("/api/v1/plans")
          .then()
          .statusCode(502)
          .body("code", equalTo("matrix_git_unreachable"))
          .body("message", containsString("idc.matrix.git.uri"));
      given()
          .auth()
          .oauth2(ci())
          .when()
          .get("/api/v1/matrix")
          .then()
          .statusCode(502)
          .body("code", equalTo("matrix_git_unreachable"));
      // a body still plans, as a preview that says the configured matrix could not be read
      given()
          .auth()
          .oauth2(ci())
          .contentType("application/json")
          .body(Map.of("files", Map.of("matrix.yaml", YAML)))
          .when()
          .post("/api/v1/reconcile?mode=plan")
          .then()
          .statusCode(200)
          .body("matrixOrigin", equalTo("request"))
          .body("warnings[0].message", containsString("could not be read"));
    } finally {
      Files.move(moved, REMOTE);
    }
    plan();
  }

  static JsonPath plan() {
    return given()
        .auth()
        .oauth2(ci())
        .when()
        .post("/api/v1/plans")
        .then()
        .statusCode(201)
        .extract()
        .jsonPath();
  }

  static String ci() {
    return TestTokens.token("ci-bot", "ci");
  }
}
