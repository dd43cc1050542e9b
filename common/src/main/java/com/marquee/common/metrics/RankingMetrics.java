package com.marquee.common.metrics;

/**
 * Per-list top-k ranking metrics with binary relevance. Each method takes one user's ranked list
 * (best first) and that user's relevant items, and returns a value in [0, 1]. The definitions:
 *
 * <ul>
 *   <li>{@code hits@k} = number of relevant items among the first {@code min(k, |list|)} positions.
 *   <li>Precision@k = hits@k / k (a list shorter than k is not rewarded).
 *   <li>Recall@k = hits@k / |relevant|.
 *   <li>normalized Recall@k ({@code nrecall@k}) = hits@k / min(k, |relevant|): 1 for a perfect list even
 *       when the user has more than k relevant items (Liang et al., "Variational Autoencoders for
 *       Collaborative Filtering", WWW 2018, eq. 9; also Rendle et al.'s "Recall@k" in several papers).
 *   <li>HitRate@k = 1 if hits@k &gt; 0 else 0.
 *   <li>NDCG@k = DCG@k / IDCG@k with {@code DCG = sum_{r=1..k} rel_r / log2(r + 1)} and IDCG the DCG of
 *       {@code min(k, |relevant|)} relevant items at the top (Järvelin and Kekäläinen 2002).
 *   <li>AP@k = (sum_{r=1..k} Precision@r * rel_r) / min(k, |relevant|); MAP@k is its mean over users.
 * </ul>
 *
 * A user with no relevant items has no defined Recall/NDCG/AP; callers must skip such users (the
 * methods throw {@link IllegalArgumentException}).
 */
public final class RankingMetrics {

  private RankingMetrics() {}

  /** A set of relevant item ids supporting membership tests. */
  @FunctionalInterface
  public interface Relevance {
    boolean isRelevant(int item);
  }

  /** Number of relevant items among the first {@code min(k, ranked.length)} entries. */
  public static int hits(int[] ranked, Relevance relevant, int k) {
    int n = Math.min(k, ranked.length);
    int h = 0;
    for (int r = 0; r < n; r++) {
      if (relevant.isRelevant(ranked[r])) {
        h++;
      }
    }
    return h;
  }

  /** Precision@k. @throws IllegalArgumentException if {@code k < 1} */
  public static double precision(int[] ranked, Relevance relevant, int k) {
    checkK(k);
    return hits(ranked, relevant, k) / (double) k;
  }

  /** Recall@k. @throws IllegalArgumentException if {@code k < 1} or {@code nRelevant < 1} */
  public static double recall(int[] ranked, Relevance relevant, int nRelevant, int k) {
    checkK(k);
    checkRelevant(nRelevant);
    return hits(ranked, relevant, k) / (double) nRelevant;
  }

  /**
   * Normalized Recall@k = hits@k / min(k, nRelevant) (Liang et al. 2018, eq. 9).
   *
   * @throws IllegalArgumentException if {@code k < 1} or {@code nRelevant < 1}
   */
  public static double normalizedRecall(int[] ranked, Relevance relevant, int nRelevant, int k) {
    checkK(k);
    checkRelevant(nRelevant);
    return hits(ranked, relevant, k) / (double) Math.min(k, nRelevant);
  }

  /** HitRate@k: 1 if any of the top k is relevant. */
  public static double hitRate(int[] ranked, Relevance relevant, int k) {
    checkK(k);
    return hits(ranked, relevant, k) > 0 ? 1.0 : 0.0;
  }

  /** NDCG@k, binary relevance, log2 discount. @throws IllegalArgumentException as {@link #recall} */
  public static double ndcg(int[] ranked, Relevance relevant, int nRelevant, int k) {
    checkK(k);
    checkRelevant(nRelevant);
    int n = Math.min(k, ranked.length);
    double dcg = 0;
    for (int r = 0; r < n; r++) {
      if (relevant.isRelevant(ranked[r])) {
        dcg += 1.0 / log2(r + 2);
      }
    }
    double idcg = 0;
    for (int r = 0; r < Math.min(k, nRelevant); r++) {
      idcg += 1.0 / log2(r + 2);
    }
    return dcg / idcg;
  }

  /** AP@k normalised by {@code min(k, nRelevant)}. @throws IllegalArgumentException as {@link #recall} */
  public static double averagePrecision(int[] ranked, Relevance relevant, int nRelevant, int k) {
    checkK(k);
    checkRelevant(nRelevant);
    int n = Math.min(k, ranked.length);
    int h = 0;
    double sum = 0;
    for (int r = 0; r < n; r++) {
      if (relevant.isRelevant(ranked[r])) {
        h++;
        sum += h / (double) (r + 1);
      }
    }
    return sum / Math.min(k, nRelevant);
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }

  private static void checkK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
  }

  private static void checkRelevant(int nRelevant) {
    if (nRelevant < 1) {
      throw new IllegalArgumentException("metric undefined for a user with no relevant items");
    }
  }
}
