package dev.idcplane.matrix;

import dev.idcplane.matrix.MatrixFileParser.Declaration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The checks that span files: a permission set, a trusted token issuer and an application is
 * declared once, every rule names a declared set, no rule repeats another, at most 10 issuers, and
 * every issuer a grant names and every target a scope names is declared (or an ARN). Assembles the
 * (possibly partial) declarations and rules.
 */
final class MatrixChecks {
  private final Problems problems;

  MatrixChecks(Problems problems) {
    this.problems = problems;
  }

  /** Declarations by name, first one kept; later ones reported. Invalid ones stay as names. */
  Map<String, Declaration> declarations(List<Declaration> all) {
    Map<String, Declaration> byName = new LinkedHashMap<>();
    for (Declaration d : all) {
      Declaration first = byName.putIfAbsent(d.name(), d);
      if (first != null) {
        problems.add(
            ViolationKind.DUPLICATE_PERMISSION_SET,
            d.at(),
            "permission_sets." + d.name(),
            "permission set " + d.name() + " is already declared at " + first.at(),
            "declare each permission set once, in one file");
      }
    }
    return byName;
  }

  /**
   * The valid rules that name a declared set and repeat no earlier rule; the others are reported.
   */
  List<AssignmentRule> rules(List<RuleParser.Parsed> parsed, Map<String, Declaration> declared) {
    List<AssignmentRule> kept = new ArrayList<>();
    for (RuleParser.Parsed p : parsed) {
      boolean known = p.permissionSet().map(ps -> checkDeclared(ps, declared)).orElse(true);
      Optional<AssignmentRule> rule = p.rule();
      if (rule.isEmpty() || !known) {
        continue;
      }
      Optional<AssignmentRule> earlier =
          kept.stream().filter(k -> k.sameWantAs(rule.get())).findFirst();
      if (earlier.isPresent()) {
        problems.add(
            ViolationKind.DUPLICATE_RULE,
            rule.get().at(),
            rule.get().field(),
            "this rule repeats the rule at " + earlier.get().at(),
            "delete one of the two");
        continue;
      }
      kept.add(rule.get());
    }
    return kept;
  }

  private boolean checkDeclared(LocatedValue ps, Map<String, Declaration> declared) {
    if (declared.containsKey(ps.value())) {
      return true;
    }
    String fix =
        Suggestions.closest(ps.value(), declared.keySet())
            .map(s -> "did you mean '" + s + "'? Otherwise declare it under permission_sets")
            .orElse(
                "declare it under permission_sets (use {external: true} for a set that exists"
                    + " already)");
    problems.add(
        ViolationKind.UNDECLARED_PERMISSION_SET,
        ps.at(),
        ps.field(),
        "permission set '" + ps.value() + "' is not declared in any matrix file",
        fix);
    return false;
  }

  /**
   * Issuers by name, first one kept, later ones reported; at most {@value
   * ApplicationChecks#MAX_ISSUERS} of them not absent. Invalid ones stay as names.
   */
  Map<String, TrustedTokenIssuerParser.Declaration> issuers(
      List<TrustedTokenIssuerParser.Declaration> all) {
    Map<String, TrustedTokenIssuerParser.Declaration> byName =
        firstByName(
            all,
            TrustedTokenIssuerParser.Declaration::name,
            TrustedTokenIssuerParser.Declaration::at,
            ViolationKind.DUPLICATE_TRUSTED_TOKEN_ISSUER,
            "trusted_token_issuers",
            "trusted token issuer");
    List<TrustedTokenIssuerParser.Declaration> present =
        byName.values().stream().filter(d -> !d.absent()).toList();
    if (present.size() > ApplicationChecks.MAX_ISSUERS) {
      TrustedTokenIssuerParser.Declaration over = present.get(ApplicationChecks.MAX_ISSUERS);
      problems.add(
          ViolationKind.TOO_MANY_TRUSTED_TOKEN_ISSUERS,
          over.at(),
          "trusted_token_issuers." + over.name(),
          present.size()
              + " trusted token issuers are declared, this one is number "
              + (ApplicationChecks.MAX_ISSUERS + 1)
              + "; IAM Identity Center allows "
              + ApplicationChecks.MAX_ISSUERS
              + " per instance, a quota that cannot be raised",
          "remove issuers (absent: true deletes one that exists)");
    }
    return byName;
  }

  /** The declared issuers without problems of their own, by name. */
  static SortedMap<String, DeclaredTrustedTokenIssuer> parsedIssuers(
      Map<String, TrustedTokenIssuerParser.Declaration> declared) {
    SortedMap<String, DeclaredTrustedTokenIssuer> issuers = new TreeMap<>();
    declared.values().forEach(d -> d.parsed().ifPresent(i -> issuers.put(i.name(), i)));
    return issuers;
  }

  /**
   * The applications without problems whose grants name declared issuers (or issuer ARNs) and whose
   * scopes target declared applications (or application ARNs), by name. Duplicates and bad
   * references are reported, for every declaration.
   */
  SortedMap<String, DeclaredApplication> applications(
      List<ApplicationParser.Declaration> all,
      Map<String, TrustedTokenIssuerParser.Declaration> issuers) {
    Map<String, ApplicationParser.Declaration> byName =
        firstByName(
            all,
            ApplicationParser.Declaration::name,
            ApplicationParser.Declaration::at,
            ViolationKind.DUPLICATE_APPLICATION,
            "applications",
            "application");
    Map<String, SourceLocation> absentIssuers = new TreeMap<>();
    List<String> presentIssuers = new ArrayList<>();
    issuers
        .values()
        .forEach(d -> sortInto(d.name(), d.absent(), d.at(), absentIssuers, presentIssuers));
    Map<String, SourceLocation> absentApps = new TreeMap<>();
    List<String> presentApps = new ArrayList<>();
    byName.values().forEach(d -> sortInto(d.name(), d.absent(), d.at(), absentApps, presentApps));
    SortedMap<String, DeclaredApplication> kept = new TreeMap<>();
    for (ApplicationParser.Declaration d : all) {
      boolean known = true;
      for (LocatedValue issuer : d.issuers()) {
        known &=
            reference(
                issuer,
                DeclaredTrustedTokenIssuer.isArn(issuer.value()),
                presentIssuers,
                absentIssuers,
                ViolationKind.UNDECLARED_TRUSTED_TOKEN_ISSUER,
                "trusted token issuer",
                "trusted_token_issuers",
                "arn:aws:sso::<account>:trustedTokenIssuer/ssoins-…/tti-…");
      }
      for (LocatedValue target : d.targets()) {
        known &=
            reference(
                target,
                DeclaredApplication.isArn(target.value()),
                presentApps,
                absentApps,
                ViolationKind.UNDECLARED_APPLICATION,
                "application",
                "applications",
                "arn:aws:sso::<account>:application/ssoins-…/apl-…");
      }
      if (known && byName.get(d.name()) == d) {
        d.parsed().ifPresent(a -> kept.put(a.name(), a));
      }
    }
    return kept;
  }

  private static void sortInto(
      String name,
      boolean absent,
      SourceLocation at,
      Map<String, SourceLocation> absentOnes,
      List<String> presentOnes) {
    if (absent) {
      absentOnes.put(name, at);
    } else {
      presentOnes.add(name);
    }
  }

  /** Whether a reference is an ARN or a declared name that is not absent; reported if not. */
  private boolean reference(
      LocatedValue ref,
      boolean isArn,
      List<String> present,
      Map<String, SourceLocation> absent,
      ViolationKind kind,
      String what,
      String section,
      String arnForm) {
    if (isArn || present.contains(ref.value())) {
      return true;
    }
    String message;
    String fix;
    if (absent.containsKey(ref.value())) {
      message = "is declared absent (to be deleted) at " + absent.get(ref.value());
      fix = "stop referring to it, or remove 'absent: true' and declare it";
    } else {
      String declare = "declare it under " + section + " or write its ARN (" + arnForm + ")";
      message =
          "is not declared in any matrix file"
              + (ref.value().startsWith("arn:") ? " and is not a valid " + what + " ARN" : "");
      fix =
          Suggestions.closest(ref.value(), present)
              .map(s -> "did you mean '" + s + "'? Otherwise " + declare)
              .orElse(declare);
    }
    problems.add(kind, ref.at(), ref.field(), what + " '" + ref.value() + "' " + message, fix);
    return false;
  }

  /** Declarations by name, the first one kept and later ones reported as naming both places. */
  private <D> Map<String, D> firstByName(
      List<D> all,
      Function<D, String> name,
      Function<D, SourceLocation> at,
      ViolationKind kind,
      String section,
      String what) {
    Map<String, D> byName = new LinkedHashMap<>();
    for (D d : all) {
      D first = byName.putIfAbsent(name.apply(d), d);
      if (first != null) {
        problems.add(
            kind,
            at.apply(d),
            section + "." + name.apply(d),
            what + " " + name.apply(d) + " is already declared at " + at.apply(first),
            "declare each " + what + " once, in one file");
      }
    }
    return byName;
  }
}
