package dev.idcplane.source;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.util.Objects;

/**
 * Where the configured matrix comes from and which version of it is current, so a plan, a scan and
 * {@code GET /api/v1/matrix} can say which matrix the service holds. Only the fields of the
 * source's {@code kind} are set: {@code path} for a folder, {@code uri}/{@code branch}/{@code
 * folder} for git, {@code pushedBy}/{@code pushedAt} for a pushed matrix.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record MatrixOrigin(
    String kind,
    String commit,
    String digest,
    String path,
    String uri,
    String branch,
    String folder,
    String pushedBy,
    Instant pushedAt) {
  public MatrixOrigin {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(digest, "digest");
  }

  static MatrixOrigin folder(String path, String commit, String digest) {
    return new MatrixOrigin("folder", commit, digest, path, null, null, null, null, null);
  }

  static MatrixOrigin git(String uri, String branch, String folder, String commit, String digest) {
    return new MatrixOrigin("git", commit, digest, null, uri, branch, folder, null, null);
  }

  static MatrixOrigin pushed(String commit, String digest, String by, Instant at) {
    return new MatrixOrigin("pushed", commit, digest, null, null, null, null, by, at);
  }
}
