package com.marquee.pipelines.train;

import com.marquee.common.metrics.MetricsAccumulator;
import com.marquee.common.rank.TopK;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Full-ranking offline evaluation of one {@link TrainingData.EvalSet}: for every user with held-out
 * items, the model scores the whole catalog from the user's history, the history items are removed,
 * and the top {@code max k} of the rest are compared with the held-out items (no sampled negatives;
 * Krichene and Rendle, KDD 2020).
 *
 * <p>Held-out items that are also history items are not counted as relevant (they could never be
 * recommended). Users with no held-out items are skipped. Metrics are averaged over users; see
 * {@link com.marquee.common.metrics.RankingMetrics} for the definitions.
 */
public final class Evaluator {

  private Evaluator() {}

  /**
   * @param scorer the model
   * @param set the split: history (excluded from rankings) and held-out items, same rows
   * @param ks cutoffs
   * @param threads worker threads
   * @return metric name to mean value, e.g. {@code ndcg@10}, plus {@code users}
   */
  public static Map<String, Double> evaluate(Scorer scorer, TrainingData.EvalSet set, List<Integer> ks, int threads) {
    CsrMatrix history = set.history();
    CsrMatrix heldOut = set.heldOut();
    int nItems = history.cols();
    Queue<MetricsAccumulator> parts = new ConcurrentLinkedQueue<>();
    ThreadLocal<MetricsAccumulator> acc = ThreadLocal.withInitial(() -> {
      MetricsAccumulator a = new MetricsAccumulator(ks, nItems);
      parts.add(a);
      return a;
    });
    ThreadLocal<float[]> scores = ThreadLocal.withInitial(() -> new float[nItems]);
    int maxK = new MetricsAccumulator(ks, nItems).maxK();
    Parallel.forEach(heldOut.rows(), threads, u -> {
      int[] relevant = relevantItems(heldOut, history, u);
      if (relevant.length == 0 || history.rowLength(u) == 0) {
        return;
      }
      float[] s = scores.get();
      scorer.score(u, history, s);
      int[] top = TopK.select(s, nItems, maxK, i -> !history.contains(u, i));
      acc.get().add(top, i -> java.util.Arrays.binarySearch(relevant, i) >= 0, relevant.length);
    });
    MetricsAccumulator total = new MetricsAccumulator(ks, nItems);
    parts.forEach(total::merge);
    return total.result();
  }

  /** Sorted held-out items of user u that are not history items. */
  private static int[] relevantItems(CsrMatrix heldOut, CsrMatrix history, int u) {
    int s = heldOut.indptr()[u], e = heldOut.indptr()[u + 1];
    int[] out = new int[e - s];
    int n = 0;
    for (int p = s; p < e; p++) {
      int i = heldOut.indices()[p];
      if (!history.contains(u, i)) {
        out[n++] = i;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }
}
