package com.marquee.service.recommend;

import com.marquee.service.model.ModelSnapshot;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Genre intra-list diversity of a recommendation list (ILD, Ziegler et al., "Improving
 * recommendation lists through topic diversification", WWW 2005, with the Jaccard distance of
 * genre sets as the dissimilarity):
 *
 * <pre>
 *   genre_diversity = 2 / (n (n - 1)) * sum over pairs i < j of (1 - |G_i ∩ G_j| / |G_i ∪ G_j|)
 * </pre>
 *
 * where {@code G_i} is the set of genres of the i-th movie (case-insensitive). 0 = every movie has
 * the same genres, 1 = no two movies share a genre. Two movies without any genre count as
 * distance 0. Undefined ({@code null}) for fewer than two movies.
 */
public final class GenreDiversity {

  private GenreDiversity() {}

  /**
   * @param genres the genre list of each recommended movie, in list order (empty for unknown movies)
   * @return the mean pairwise Jaccard distance in [0, 1], or {@code null} when {@code genres.size() < 2}
   */
  public static Double of(List<List<String>> genres) {
    int n = genres.size();
    if (n < 2) {
      return null;
    }
    List<Set<String>> sets = genres.stream().map(GenreDiversity::keys).toList();
    double sum = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        sum += jaccardDistance(sets.get(i), sets.get(j));
      }
    }
    return sum / (n * (n - 1) / 2.0);
  }

  /**
   * The same value as {@link #of} for genre sets given as bit masks (one bit per distinct genre key,
   * {@link ModelSnapshot#genreMaskOfRow}); the sum runs over the same pairs in the same order, so
   * the result is bit-identical.
   *
   * @param masks genre mask of each recommended movie, in list order, {@code long[n]}
   * @return the mean pairwise Jaccard distance in [0, 1], or {@code null} when {@code n < 2}
   */
  public static Double ofMasks(long[] masks) {
    int n = masks.length;
    if (n < 2) {
      return null;
    }
    double sum = 0;
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        int inter = Long.bitCount(masks[i] & masks[j]);
        int union = Long.bitCount(masks[i]) + Long.bitCount(masks[j]) - inter;
        sum += union == 0 ? 0.0 : 1.0 - (double) inter / union;
      }
    }
    return sum / (n * (n - 1) / 2.0);
  }

  private static Set<String> keys(List<String> genres) {
    Set<String> s = new HashSet<>();
    for (String g : genres) {
      s.add(ModelSnapshot.genreKey(g));
    }
    return s;
  }

  static double jaccardDistance(Set<String> a, Set<String> b) {
    int inter = 0;
    for (String g : a) {
      if (b.contains(g)) {
        inter++;
      }
    }
    int union = a.size() + b.size() - inter;
    return union == 0 ? 0.0 : 1.0 - (double) inter / union;
  }
}
