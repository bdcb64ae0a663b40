package dev.idcplane.api;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.idcplane.api.dto.PlanRequest;
import dev.idcplane.matrix.EmptyMatrixException;
import dev.idcplane.planning.MatrixInput;
import jakarta.ws.rs.BadRequestException;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Turns a plan request (no body, a JSON {@link PlanRequest}, or one raw YAML document) into a
 * {@link MatrixInput}, rejecting malformed requests with a message that says what to send. Only a
 * request without a body plans the configured matrix: a body declared JSON or YAML that is empty,
 * {@code {}} or has no files is an {@link EmptyMatrixException}, never taken for it.
 */
final class PlanRequests {
  static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9._-]{1,100}\\.ya?ml");
  static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{7,64}|[A-Za-z0-9._/-]{1,100}");
  static final int MAX_FILES = 200;
  private static final ObjectMapper STRICT =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);

  private PlanRequests() {}

  static MatrixInput parse(String body, String contentType, String commitParam) {
    Optional<String> commit = Optional.ofNullable(commitParam).filter(c -> !c.isBlank());
    String type = contentType == null ? "" : contentType.toLowerCase(java.util.Locale.ROOT);
    boolean matrixType = type.startsWith("application/json") || type.contains("yaml");
    if (body == null || body.isBlank()) {
      // No body (clients add a form Content-Type to an empty POST): the configured matrix. An
      // empty body declared as JSON or YAML is a matrix that went missing.
      if (matrixType) {
        throw new EmptyMatrixException("the request body is empty");
      }
      return MatrixInput.configured(checkCommit(commit));
    }
    if (type.startsWith("application/json")) {
      PlanRequest req;
      try {
        req = STRICT.readValue(body, PlanRequest.class);
      } catch (Exception e) {
        throw new BadRequestException(
            "the body is not a plan request: send {\"files\": {\"name.yaml\": \"<yaml>\"},"
                + " \"commit\": \"<sha>\"} ("
                + firstLine(e.getMessage())
                + ")");
      }
      if (req == null) {
        throw new EmptyMatrixException("the JSON body is null");
      }
      Optional<String> c = commit.or(() -> Optional.ofNullable(req.commit()));
      if (req.files() == null) {
        throw new EmptyMatrixException("the JSON body has no files");
      }
      return new MatrixInput(Optional.of(checkFiles(req.files())), checkCommit(c));
    }
    if (type.contains("yaml") || type.startsWith("text/plain")) {
      return new MatrixInput(Optional.of(Map.of("request.yaml", body)), checkCommit(commit));
    }
    throw new BadRequestException(
        "unsupported Content-Type '"
            + contentType
            + "': send application/json or application/yaml");
  }

  private static Map<String, String> checkFiles(Map<String, String> files) {
    if (files.isEmpty()) {
      throw new EmptyMatrixException("files is empty");
    }
    if (files.size() > MAX_FILES) {
      throw new BadRequestException("files must hold 1 to " + MAX_FILES + " matrix files");
    }
    files.forEach(
        (name, text) -> {
          if (name == null || !FILE_NAME.matcher(name).matches()) {
            throw new BadRequestException(
                "files: '"
                    + name
                    + "' is not a matrix file name: use letters, digits, . _ - and"
                    + " end in .yaml");
          }
          if (text == null) {
            throw new BadRequestException("files." + name + ": the YAML text is missing");
          }
        });
    return files;
  }

  private static Optional<String> checkCommit(Optional<String> commit) {
    commit.ifPresent(
        c -> {
          if (!COMMIT.matcher(c).matches()) {
            throw new BadRequestException("commit '" + c + "' is not a git commit id or ref");
          }
        });
    return commit;
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "unreadable";
    }
    int nl = s.indexOf('\n');
    return nl < 0 ? s : s.substring(0, nl);
  }
}
