package com.marquee.common.metrics;

import java.util.BitSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Averages {@link RankingMetrics} over users at several cutoffs and tracks catalog coverage: the
 * fraction of the catalog's {@code nItems} items that appear in at least one user's top k (the
 * "aggregate diversity" of Adomavicius and Kwon 2012).
 *
 * <p>Metric names in the result: {@code precision@k}, {@code recall@k}, {@code ndcg@k}, {@code map@k},
 * {@code hitrate@k}, {@code coverage@k} for every k, plus {@code users} (number of users averaged).
 * Not thread-safe; merge per-thread accumulators with {@link #merge}.
 */
public final class MetricsAccumulator {

  private final int[] ks;
  private final int nItems;
  private final double[][] sums; // [k index][metric 0..4]
  private final BitSet[] covered;
  private long users;

  /**
   * @param ks cutoffs, each {@code >= 1}
   * @param nItems catalog size for coverage
   */
  public MetricsAccumulator(List<Integer> ks, int nItems) {
    this.ks = ks.stream().mapToInt(Integer::intValue).toArray();
    for (int k : this.ks) {
      if (k < 1) {
        throw new IllegalArgumentException("k must be >= 1, got " + k);
      }
    }
    this.nItems = nItems;
    this.sums = new double[this.ks.length][5];
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
      sums[i][0] += RankingMetrics.precision(ranked, relevant, k);
      sums[i][1] += RankingMetrics.recall(ranked, relevant, nRelevant, k);
      sums[i][2] += RankingMetrics.ndcg(ranked, relevant, nRelevant, k);
      sums[i][3] += RankingMetrics.averagePrecision(ranked, relevant, nRelevant, k);
      sums[i][4] += RankingMetrics.hitRate(ranked, relevant, k);
      for (int r = 0; r < Math.min(k, ranked.length); r++) {
        covered[i].set(ranked[r]);
      }
    }
    users++;
  }

  /** Adds another accumulator's users (same ks and nItems) into this one. */
  public void merge(MetricsAccumulator other) {
    for (int i = 0; i < ks.length; i++) {
      for (int m = 0; m < 5; m++) {
        sums[i][m] += other.sums[i][m];
      }
      covered[i].or(other.covered[i]);
    }
    users += other.users;
  }

  /** Mean metrics over the added users (0 when none) and coverage, in a stable key order. */
  public Map<String, Double> result() {
    Map<String, Double> out = new LinkedHashMap<>();
    String[] names = {"precision", "recall", "ndcg", "map", "hitrate"};
    for (int i = 0; i < ks.length; i++) {
      for (int m = 0; m < names.length; m++) {
        out.put(names[m] + "@" + ks[i], users == 0 ? 0.0 : sums[i][m] / users);
      }
      out.put("coverage@" + ks[i], nItems == 0 ? 0.0 : covered[i].cardinality() / (double) nItems);
    }
    out.put("users", (double) users);
    return out;
  }
}
