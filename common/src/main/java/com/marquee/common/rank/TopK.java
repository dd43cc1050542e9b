package com.marquee.common.rank;

import java.util.function.IntPredicate;

/**
 * Top-k selection over a dense score vector: the serving hot path and the evaluator's ranking step.
 *
 * <p>Uses a size-k binary min-heap over primitive arrays: O(n log k) time, O(k) extra memory, no
 * boxing. Ties are broken by the lower index first, so results are deterministic.
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
    int[] heap = new int[Math.min(k, n)];
    int size = 0;
    for (int i = 0; i < n; i++) {
      if (allowed != null && !allowed.test(i)) {
        continue;
      }
      if (size < heap.length) {
        heap[size] = i;
        siftUp(heap, size, scores);
        size++;
      } else if (size > 0 && better(i, heap[0], scores)) {
        heap[0] = i;
        siftDown(heap, size, scores);
      }
    }
    // Pop the heap into descending order.
    int[] out = new int[size];
    for (int pos = size - 1; pos >= 0; pos--) {
      out[pos] = heap[0];
      heap[0] = heap[pos];
      siftDown(heap, pos, scores);
    }
    return out;
  }

  /** {@link #select(float[], int, int, IntPredicate)} over all of {@code scores}. */
  public static int[] select(float[] scores, int k, IntPredicate allowed) {
    return select(scores, scores.length, k, allowed);
  }

  /** True when index a ranks strictly before index b: higher score, or equal score and lower index. */
  private static boolean better(int a, int b, float[] s) {
    return s[a] > s[b] || (s[a] == s[b] && a < b);
  }

  private static void siftUp(int[] h, int pos, float[] s) {
    while (pos > 0) {
      int parent = (pos - 1) >>> 1;
      if (better(h[parent], h[pos], s)) { // parent must be the worse one in a min-heap
        int t = h[parent];
        h[parent] = h[pos];
        h[pos] = t;
        pos = parent;
      } else {
        return;
      }
    }
  }

  private static void siftDown(int[] h, int size, float[] s) {
    int pos = 0;
    while (true) {
      int l = 2 * pos + 1;
      if (l >= size) {
        return;
      }
      int r = l + 1;
      int worst = (r < size && better(h[l], h[r], s)) ? r : l;
      if (better(h[pos], h[worst], s)) {
        int t = h[pos];
        h[pos] = h[worst];
        h[worst] = t;
        pos = worst;
      } else {
        return;
      }
    }
  }
}
