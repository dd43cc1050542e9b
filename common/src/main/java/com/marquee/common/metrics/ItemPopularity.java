package com.marquee.common.metrics;

/**
 * How popular each catalog item was in the training data, for the novelty metric: the popularity
 * share of item i is {@code p_i = users_i / nUsers}, the fraction of training users who interacted
 * with it, and its self-information is {@code -log2(p_i)} bits (Zhou et al., "Solving the apparent
 * diversity-accuracy dilemma of recommender systems", PNAS 2010, eq. 4; Castells et al., "Novelty and
 * Diversity Metrics for Recommender Systems", 2011). An item every user knows carries 0 bits; an item
 * one user in 1024 knows carries 10 bits.
 *
 * <p>An item with no training interaction (it cannot be in a catalog built from training data, but a
 * caller may pass one) is counted as if one user had it: {@code log2(nUsers)} bits, the largest value.
 */
public final class ItemPopularity {

  private final double[] selfInformation;

  /**
   * @param usersPerItem {@code int[nItems]}: number of distinct training users of each item, each {@code >= 0}
   * @param nUsers number of training users, {@code >= 1} and {@code >= } every count
   * @throws IllegalArgumentException if a count is negative or above {@code nUsers}, or {@code nUsers < 1}
   */
  public ItemPopularity(int[] usersPerItem, int nUsers) {
    if (nUsers < 1) {
      throw new IllegalArgumentException("nUsers must be >= 1, got " + nUsers);
    }
    selfInformation = new double[usersPerItem.length];
    for (int i = 0; i < usersPerItem.length; i++) {
      int c = usersPerItem[i];
      if (c < 0 || c > nUsers) {
        throw new IllegalArgumentException("item " + i + " has " + c + " users, outside [0, " + nUsers + "]");
      }
      selfInformation[i] = log2(nUsers / (double) Math.max(c, 1)); // = -log2(p_i), +0.0 for p_i = 1
    }
  }

  /** Number of items. */
  public int size() {
    return selfInformation.length;
  }

  /** {@code -log2(p_i)} in bits. @throws ArrayIndexOutOfBoundsException for an unknown item */
  public double selfInformation(int item) {
    return selfInformation[item];
  }

  /**
   * Novelty@k of one list: the mean self-information of its first {@code min(k, |list|)} items; 0 for
   * an empty list.
   *
   * @throws IllegalArgumentException if {@code k < 1}
   */
  public double novelty(int[] ranked, int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be >= 1, got " + k);
    }
    int n = Math.min(k, ranked.length);
    if (n == 0) {
      return 0.0;
    }
    double s = 0;
    for (int r = 0; r < n; r++) {
      s += selfInformation[ranked[r]];
    }
    return s / n;
  }

  private static double log2(double x) {
    return Math.log(x) / Math.log(2);
  }
}
