package com.marquee.common.metrics;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Averages {@link RankingMetrics} over users at several cutoffs and tracks catalog coverage: the
 * fraction of the catalog's {@code nItems} items that appear in at least one user's top k (the
 * "aggregate diversity" of Adomavicius and Kwon 2012). Given an {@link ItemPopularity}, it also
 * averages novelty: per user the mean self-information {@code -log2(popularity share)} of the top k
 * ({@link ItemPopularity#novelty}), then the mean over users.
 *
 * <p>Metric names in the result, for every k: {@code precision@k}, {@code recall@k}, {@code nrecall@k}
 * (normalized recall), {@code ndcg@k}, {@code map@k}, {@code hitrate@k}, {@code novelty@k} (only with
 * an {@link ItemPopularity}), {@code coverage@k}; plus {@code users} (number of users averaged).
 * Not thread-safe; merge per-thread accumulators with {@link #merge}.
 */
public final class MetricsAccumulator {

  private static final String[] NAMES = {"precision", "recall", "nrecall", "ndcg", "map", "hitrate", "novelty"};
  private static final int NOVELTY = 6;

  private final int[] ks;
  private final int nItems;
  private final ItemPopularity popularity;
  private final double[][] sums; // [k index][metric index of NAMES]
  private final double[][] squares; // sums of squared per-user values, for standard errors
  private final BitSet[] covered;
  private long users;

  /**
   * @param ks cutoffs, each {@code >= 1}
   * @param nItems catalog size for coverage
   */
  public MetricsAccumulator(List<Integer> ks, int nItems) {
    this(ks, nItems, null);
  }

  /**
   * @param ks cutoffs, each {@code >= 1}
   * @param nItems catalog size for coverage
   * @param popularity training popularity of the {@code nItems} items for {@code novelty@k}; null = no novelty
   * @throws IllegalArgumentException if a cutoff is below 1 or {@code popularity} has another size than nItems
   */
  public MetricsAccumulator(List<Integer> ks, int nItems, ItemPopularity popularity) {
    this.ks = ks.stream().mapToInt(Integer::intValue).toArray();
    for (int k : this.ks) {
      if (k < 1) {
        throw new IllegalArgumentException("k must be >= 1, got " + k);
      }
    }
    if (popularity != null && popularity.size() != nItems) {
      throw new IllegalArgumentException("popularity covers " + popularity.size() + " items, catalog has " + nItems);
    }
    this.nItems = nItems;
    this.popularity = popularity;
    this.sums = new double[this.ks.length][NAMES.length];
    this.squares = new double[this.ks.length][NAMES.length];
    this.covered = new BitSet[this.ks.length];
    for (int i = 0; i < covered.length; i++) {
      covered[i] = new BitSet(nItems);
    }
  }

  /** The largest cutoff: how long each ranked list must be. */
  public int maxK() {
    int m = 0;
    for (int k : ks) {
      m = Math.max(m, k);
    }
    return m;
  }

  /**
   * Adds one user.
   *
   * @param ranked the user's list, best first, at least {@link #maxK()} long when possible
   * @param relevant membership test of the user's relevant items
   * @param nRelevant number of relevant items ({@code >= 1})
   */
  public void add(int[] ranked, RankingMetrics.Relevance relevant, int nRelevant) {
    for (int i = 0; i < ks.length; i++) {
      int k = ks[i];
      put(i, 0, RankingMetrics.precision(ranked, relevant, k));
      put(i, 1, RankingMetrics.recall(ranked, relevant, nRelevant, k));
      put(i, 2, RankingMetrics.normalizedRecall(ranked, relevant, nRelevant, k));
      put(i, 3, RankingMetrics.ndcg(ranked, relevant, nRelevant, k));
      put(i, 4, RankingMetrics.averagePrecision(ranked, relevant, nRelevant, k));
      put(i, 5, RankingMetrics.hitRate(ranked, relevant, k));
      if (popularity != null) {
        put(i, NOVELTY, popularity.novelty(ranked, k));
      }
      for (int r = 0; r < Math.min(k, ranked.length); r++) {
        covered[i].set(ranked[r]);
      }
    }
    users++;
  }

  private void put(int k, int metric, double value) {
    sums[k][metric] += value;
    squares[k][metric] += value * value;
  }

  /** Adds another accumulator's users (same ks, nItems and popularity) into this one. */
  public void merge(MetricsAccumulator other) {
    for (int i = 0; i < ks.length; i++) {
      for (int m = 0; m < NAMES.length; m++) {
        sums[i][m] += other.sums[i][m];
        squares[i][m] += other.squares[i][m];
      }
      covered[i].or(other.covered[i]);
    }
    users += other.users;
  }

  /** Mean metrics over the added users (0 when none) and coverage, in a stable key order. */
  public Map<String, Double> result() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < ks.length; i++) {
      for (int m = 0; m < NAMES.length; m++) {
        if (m == NOVELTY && popularity == null) {
          continue;
        }
        out.put(NAMES[m] + "@" + ks[i], users == 0 ? 0.0 : sums[i][m] / users);
      }
      out.put("coverage@" + ks[i], nItems == 0 ? 0.0 : covered[i].cardinality() / (double) nItems);
    }
    out.put("users", (double) users);
    return out;
  }

  /**
   * Standard error of each user-averaged metric of {@link #result()} (same keys, without coverage and
   * users): {@code sqrt(s^2 / n)}, with {@code s^2} the sample variance of the per-user values
   * ({@code n - 1} in the denominator) over the {@code n} users; 0 with fewer than two users. A rough
   * yardstick for differences between models evaluated on the same users.
   */
  public Map<String, Double> standardErrors() {
    Map<String, Double> out = new LinkedHashMap<>();
    for (int i = 0; i < ks.length; i++) {
      for (int m = 0; m < NAMES.length; m++) {
        if (m == NOVELTY && popularity == null) {
          continue;
        }
        double se = 0;
        if (users > 1) {
          double mean = sums[i][m] / users;
          double var = Math.max(0, (squares[i][m] - users * mean * mean) / (users - 1));
          se = Math.sqrt(var / users);
        }
        out.put(NAMES[m] + "@" + ks[i], se);
      }
    }
    return out;
  }
}
