package com.marquee.service.recommend;

/**
 * Maximal Marginal Relevance re-ranking (Carbonell and Goldstein, "The use of MMR, diversity-based
 * reranking for reordering documents and producing summaries", SIGIR 1998, eq. 1):
 *
 * <pre>
 *   MMR = argmax over D_i in R \ S of [ lambda * Sim1(D_i, Q) - (1 - lambda) * max over D_j in S of Sim2(D_i, D_j) ]
 * </pre>
 *
 * applied greedily: each step appends the candidate with the largest value to the selected list
 * {@code S}. Here {@code R} is the candidate pool (the top-scored items after filters),
 * {@code Sim1} is the model score {@code dot(user, item)} <b>min-max normalized over the pool</b> to
 * [0, 1] (so that it is on the scale of a cosine; all equal scores count as 1), {@code Sim2} is
 * the cosine similarity of the two item embeddings (in [-1, 1]), and the max over an empty
 * {@code S} is 0 (so the first pick is the best-scored candidate). Ties go to the candidate that
 * comes first in the pool (the higher model score). {@code lambda = 1} is the plain ranking.
 *
 * <p>Cost: {@code O(k * pool)} similarity evaluations ({@code maxSim} is updated incrementally
 * with the similarity to the last pick only), {@code O(pool)} memory.
 */
public final class Mmr {

  /** Similarity of two item rows; symmetric. */
  @FunctionalInterface
  public interface RowSimilarity {
    double similarity(int rowA, int rowB);
  }

  private Mmr() {}

  /**
   * Selects {@code k} candidates by MMR.
   *
   * @param rows {@code int[n]} candidate item rows, best model score first
   * @param scores {@code float[n]} their model scores (non-increasing)
   * @param k how many to select; {@code min(k, n)} are returned
   * @param lambda weight of relevance, in [0, 1]; {@code 1 - lambda} is the weight of novelty
   * @param sim {@code Sim2}, e.g. the cosine of item embeddings
   * @return indices into {@code rows} in selection order
   * @throws IllegalArgumentException if the arrays differ in length, {@code k < 0} or {@code lambda}
   *     is outside [0, 1]
   */
  public static int[] select(int[] rows, float[] scores, int k, double lambda, RowSimilarity sim) {
    if (rows.length != scores.length) {
      throw new IllegalArgumentException(rows.length + " rows but " + scores.length + " scores");
    }
    if (k < 0) {
      throw new IllegalArgumentException("k must be >= 0, got " + k);
    }
    if (!(lambda >= 0 && lambda <= 1)) {
      throw new IllegalArgumentException("lambda must be in [0, 1], got " + lambda);
    }
    int n = rows.length;
    int m = Math.min(k, n);
    double[] relevance = normalized(scores);
    double[] maxSim = new double[n]; // max over S; 0 while S is empty (see class comment)
    boolean[] taken = new boolean[n];
    int[] out = new int[m];
    for (int step = 0; step < m; step++) {
      int best = -1;
      double bestValue = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < n; i++) {
        if (taken[i]) {
          continue;
        }
        double v = lambda * relevance[i] - (1 - lambda) * maxSim[i];
        if (v > bestValue) { // strict: ties keep the earlier (better-scored) candidate
          bestValue = v;
          best = i;
        }
      }
      taken[best] = true;
      out[step] = best;
      if (step + 1 < m) {
        for (int i = 0; i < n; i++) {
          if (!taken[i]) {
            double s = sim.similarity(rows[i], rows[best]);
            if (step == 0 || s > maxSim[i]) {
              maxSim[i] = s;
            }
          }
        }
      }
    }
    return out;
  }

  /** {@code (s - min) / (max - min)} per score; all 1 when max == min. */
  static double[] normalized(float[] scores) {
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (float s : scores) {
      min = Math.min(min, s);
      max = Math.max(max, s);
    }
    double[] out = new double[scores.length];
    double range = max - min;
    for (int i = 0; i < scores.length; i++) {
      out[i] = range > 0 ? (scores[i] - min) / range : 1.0;
    }
    return out;
  }
}
