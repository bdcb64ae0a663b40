package dev.idcplane.matrix;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * Loads the matrix from every {@code *.yaml} / {@code *.yml} file of a folder (not recursive) or
 * from an in-memory map of file name to content (a pull-request preview). Files are read in name
 * order. Never throws for bad input: every problem, including unreadable files, is a {@link
 * Violation} in the result. Stateless and thread-safe.
 */
public final class MatrixLoader {

  /** Whether a file name is a matrix file: ends with .yaml or .yml (any case). */
  public static boolean isMatrixFile(String name) {
    String n = name.toLowerCase(Locale.ROOT);
    return n.endsWith(".yaml") || n.endsWith(".yml");
  }

  /** Loads every matrix file directly inside {@code folder}; other files are ignored. */
  public MatrixLoad load(Path folder) {
    SortedMap<String, String> files = new TreeMap<>();
    Problems problems = new Problems();
    List<Path> paths;
    try (Stream<Path> listing = Files.list(folder)) {
      paths =
          listing
              .filter(Files::isRegularFile)
              .filter(p -> isMatrixFile(p.getFileName().toString()))
              .sorted()
              .toList();
    } catch (IOException | UncheckedIOException e) {
      problems.add(
          ViolationKind.UNREADABLE_MATRIX,
          new SourceLocation(folder.toString(), 0),
          "",
          "cannot list the matrix folder: " + e,
          "check that the folder exists and is readable");
      return load(files, problems, folder.toString());
    }
    for (Path p : paths) {
      String name = p.getFileName().toString();
      try {
        files.put(name, Files.readString(p));
      } catch (IOException | UncheckedIOException e) {
        problems.add(
            ViolationKind.UNREADABLE_MATRIX,
            new SourceLocation(name, 0),
            "",
            "cannot read the file as UTF-8: " + e,
            "save the file as UTF-8 text");
      }
    }
    return load(files, problems, folder.toString());
  }

  /**
   * Loads a matrix given as file name → content. Names that are not matrix files (see {@link
   * #isMatrixFile}) are ignored, as they would be in a folder, so both forms have the same digest.
   */
  public MatrixLoad load(Map<String, String> files) {
    SortedMap<String, String> matrixFiles = new TreeMap<>();
    files.forEach(
        (name, content) -> {
          if (isMatrixFile(name)) {
            matrixFiles.put(name, content == null ? "" : content);
          }
        });
    return load(matrixFiles, new Problems(), "");
  }

  /**
   * {@code source} names where the files came from (the folder), for a violation about all of them.
   */
  private MatrixLoad load(SortedMap<String, String> files, Problems problems, String source) {
    if (files.isEmpty() && problems.count() == 0) {
      problems.add(
          ViolationKind.NO_MATRIX_FILES,
          new SourceLocation(source, 0),
          "",
          "no *.yaml or *.yml matrix file found",
          "add at least one matrix file");
    }
    List<MatrixFileParser.Declaration> declarations = new ArrayList<>();
    List<RuleParser.Parsed> rules = new ArrayList<>();
    List<TrustedTokenIssuerParser.Declaration> issuers = new ArrayList<>();
    List<ApplicationParser.Declaration> applications = new ArrayList<>();
    List<String> empty = new ArrayList<>();
    files.forEach(
        (name, content) -> {
          int before = problems.count();
          MatrixFileParser.Contents c = new MatrixFileParser(name, problems).parse(content);
          declarations.addAll(c.declarations());
          rules.addAll(c.rules());
          issuers.addAll(c.issuers());
          applications.addAll(c.applications());
          if (c.isEmpty() && problems.count() == before) {
            empty.add(name);
          }
        });
    MatrixChecks checks = new MatrixChecks(problems);
    Map<String, MatrixFileParser.Declaration> declared = checks.declarations(declarations);
    List<AssignmentRule> kept = checks.rules(rules, declared);
    SortedMap<String, DeclaredPermissionSet> sets = new TreeMap<>();
    declared.values().forEach(d -> d.parsed().ifPresent(ps -> sets.put(ps.name(), ps)));
    Map<String, TrustedTokenIssuerParser.Declaration> declaredIssuers = checks.issuers(issuers);
    SortedMap<String, DeclaredApplication> apps =
        checks.applications(applications, declaredIssuers);
    Matrix matrix =
        new Matrix(
            sets,
            kept,
            List.copyOf(files.keySet()),
            MatrixDigest.of(files),
            MatrixChecks.parsedIssuers(declaredIssuers),
            apps);
    return new MatrixLoad(matrix, problems.all(), empty);
  }
}
