package com.marquee.common.rank;

import java.util.function.IntPredicate;

/**
 * Top-k selection over a dense score vector: the serving hot path and the evaluator's ranking step.
 *
 * <p>Uses a size-k binary min-heap over primitive arrays ({@link TopKHeap}): O(n log k) time, O(k)
 * extra memory, no boxing. Ties are broken by the lower index first, so results are deterministic.
 */
public final class TopK {

  private TopK() {}

  /**
   * Indices of the {@code k} largest {@code scores[i]} among {@code i} in {@code [0, n)} with {@code
   * allowed.test(i)}, ordered by descending score (ties: ascending index).
   *
   * @param scores {@code float[>= n]}
   * @param n number of leading entries of {@code scores} to consider
   * @param k how many to return; fewer are returned when fewer are allowed
   * @param allowed which indices may be returned; {@code null} allows all
   * @return {@code int[min(k, #allowed)]}
   * @throws IllegalArgumentException if {@code k < 0} or {@code n > scores.length}
   */
  public static int[] select(float[] scores, int n, int k, IntPredicate allowed) {
    if (k < 0) {
      throw new IllegalArgumentException("k must be >= 0, got " + k);
    }
    if (n > scores.length) {
      throw new IllegalArgumentException("n=" + n + " exceeds scores.length=" + scores.length);
    }
    TopKHeap heap = new TopKHeap(Math.min(k, n));
    for (int i = 0; i < n; i++) {
      if (allowed == null || allowed.test(i)) {
        heap.offer(i, scores[i]);
      }
    }
    return heap.drainBestFirst();
  }

  /** {@link #select(float[], int, int, IntPredicate)} over all of {@code scores}. */
  public static int[] select(float[] scores, int k, IntPredicate allowed) {
    return select(scores, scores.length, k, allowed);
  }
}
