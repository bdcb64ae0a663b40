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
 * name, every rule in file order, every declared trusted token issuer and application by name, the
 * files read and a SHA-256 digest of them. Immutable.
 *
 * <p>When loading found violations the matrix is partial: declarations and rules with problems of
 * their own are left out, so a partial matrix must not be planned.
 *
 * @param digest lowercase hex SHA-256 over the sorted file names and their contents (so it covers
 *     every key of every file, issuers and applications included)
 * @param trustedTokenIssuers declared under {@code trusted_token_issuers}, by name (those with
 *     {@code absent: true} included, see {@link DeclaredTrustedTokenIssuer#absent()})
 * @param applications declared under {@code applications}, by name (those with {@code absent: true}
 *     included, see {@link DeclaredApplication#absent()})
 */
public record Matrix(
    SortedMap<String, DeclaredPermissionSet> permissionSets,
    List<AssignmentRule> rules,
    List<String> files,
    String digest,
    SortedMap<String, DeclaredTrustedTokenIssuer> trustedTokenIssuers,
    SortedMap<String, DeclaredApplication> applications) {

  public Matrix {
    permissionSets = Collections.unmodifiableSortedMap(new TreeMap<>(permissionSets));
    rules = List.copyOf(rules);
    files = List.copyOf(files);
    Objects.requireNonNull(digest, "digest");
    trustedTokenIssuers = Collections.unmodifiableSortedMap(new TreeMap<>(trustedTokenIssuers));
    applications = Collections.unmodifiableSortedMap(new TreeMap<>(applications));
  }

  /** A matrix of permission sets and rules only: no trusted token issuers, no applications. */
  public Matrix(
      SortedMap<String, DeclaredPermissionSet> permissionSets,
      List<AssignmentRule> rules,
      List<String> files,
      String digest) {
    this(permissionSets, rules, files, digest, new TreeMap<>(), new TreeMap<>());
  }

  /** A matrix of permission sets and rules only: no trusted token issuers, no applications. */
  public static Matrix of(
      Map<String, DeclaredPermissionSet> permissionSets,
      List<AssignmentRule> rules,
      List<String> files,
      String digest) {
    return new Matrix(new TreeMap<>(permissionSets), rules, files, digest);
  }

  /** This matrix with other permission sets, everything else (issuers, applications) kept. */
  public Matrix withPermissionSets(Map<String, DeclaredPermissionSet> sets) {
    return new Matrix(new TreeMap<>(sets), rules, files, digest, trustedTokenIssuers, applications);
  }

  public Optional<DeclaredPermissionSet> permissionSet(String name) {
    return Optional.ofNullable(permissionSets.get(name));
  }

  public Optional<DeclaredTrustedTokenIssuer> trustedTokenIssuer(String name) {
    return Optional.ofNullable(trustedTokenIssuers.get(name));
  }

  public Optional<DeclaredApplication> application(String name) {
    return Optional.ofNullable(applications.get(name));
  }
}
