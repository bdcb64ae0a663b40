package dev.idcplane.matrix;

import java.util.Collection;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;

/** "Did you mean" for misspelt keys and names, by case-insensitive edit distance. */
public final class Suggestions {
  private Suggestions() {}

  /** The known word closest to {@code word}, if it is close enough to be a likely typo. */
  public static Optional<String> closest(String word, Collection<String> known) {
    int limit = Math.max(2, word.length() / 3);
    String w = word.toLowerCase(Locale.ROOT);
    return known.stream()
        .filter(k -> distance(w, k.toLowerCase(Locale.ROOT)) <= limit)
        .min(Comparator.comparingInt((String k) -> distance(w, k.toLowerCase(Locale.ROOT))));
  }

  static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }
}
