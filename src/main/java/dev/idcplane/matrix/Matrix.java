package dev.idcplane.matrix;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The assignment matrix as read from a folder (or a request): every declared permission set by
 * name, every rule in file order, the files read and a SHA-256 digest of them. Immutable.
 *
 * <p>When loading found violations the matrix is partial: declarations and rules with problems of
 * their own are left out, so a partial matrix must not be planned.
 *
 * @param digest lowercase hex SHA-256 over the sorted file names and their contents
 */
public record Matrix(
    SortedMap<String, DeclaredPermissionSet> permissionSets,
    List<AssignmentRule> rules,
    List<String> files,
    String digest) {

  public Matrix {
    permissionSets = Collections.unmodifiableSortedMap(new TreeMap<>(permissionSets));
    rules = List.copyOf(rules);
    files = List.copyOf(files);
    Objects.requireNonNull(digest, "digest");
  }

  public static Matrix of(
      Map<String, DeclaredPermissionSet> permissionSets,
      List<AssignmentRule> rules,
      List<String> files,
      String digest) {
    return new Matrix(new TreeMap<>(permissionSets), rules, files, digest);
  }

  public Optional<DeclaredPermissionSet> permissionSet(String name) {
    return Optional.ofNullable(permissionSets.get(name));
  }
}
