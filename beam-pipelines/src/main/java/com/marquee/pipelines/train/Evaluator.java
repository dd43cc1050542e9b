package com.marquee.pipelines.train;

import com.marquee.common.metrics.MetricsAccumulator;
import com.marquee.common.rank.TopK;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;

/**
 * Full-ranking offline evaluation: for every user with held-out items, the model scores the whole
 * catalog, the user's known items are removed (the training items, plus for the test split the
 * validation items, which are known history by then), and the top {@code max k} of the rest are
 * compared with the held-out items (no sampled negatives; Krichene and Rendle, KDD 2020).
 *
 * <p>Held-out items that are also known items are not counted as relevant (they could never be
 * recommended). Users with no held-out items are skipped. Metrics are averaged over users; see
 * {@link com.marquee.common.metrics.RankingMetrics} for the definitions.
 */
public final class Evaluator {

  private Evaluator() {}

  /**
   * @param scorer the model
   * @param known {@code (nUsers, nItems)} items excluded from each user's ranking
   * @param alsoKnown a second matrix of excluded items (e.g. validation when evaluating test), or null
   * @param heldOut {@code (nUsers, nItems)} relevant items per user
   * @param ks cutoffs
   * @param threads worker threads
   * @return metric name to mean value, e.g. {@code ndcg@10}, plus {@code users}
   */
  public static Map<String, Double> evaluate(
      Scorer scorer, CsrMatrix known, CsrMatrix alsoKnown, CsrMatrix heldOut, List<Integer> ks, int threads) {
    int nItems = known.cols();
    Queue<MetricsAccumulator> parts = new ConcurrentLinkedQueue<>();
    ThreadLocal<MetricsAccumulator> acc = ThreadLocal.withInitial(() -> {
      MetricsAccumulator a = new MetricsAccumulator(ks, nItems);
      parts.add(a);
      return a;
    });
    ThreadLocal<float[]> scores = ThreadLocal.withInitial(() -> new float[nItems]);
    int maxK = new MetricsAccumulator(ks, nItems).maxK();
    Parallel.forEach(heldOut.rows(), threads, u -> {
      int[] relevant = relevantItems(heldOut, known, alsoKnown, u);
      if (relevant.length == 0) {
        return;
      }
      float[] s = scores.get();
      scorer.score(u, s);
      int[] top = TopK.select(s, nItems, maxK,
          i -> !known.contains(u, i) && (alsoKnown == null || !alsoKnown.contains(u, i)));
      acc.get().add(top, i -> java.util.Arrays.binarySearch(relevant, i) >= 0, relevant.length);
    });
    MetricsAccumulator total = new MetricsAccumulator(ks, nItems);
    parts.forEach(total::merge);
    return total.result();
  }

  /** Sorted held-out items of user u that are not known items. */
  private static int[] relevantItems(CsrMatrix heldOut, CsrMatrix known, CsrMatrix alsoKnown, int u) {
    int s = heldOut.indptr()[u], e = heldOut.indptr()[u + 1];
    int[] out = new int[e - s];
    int n = 0;
    for (int p = s; p < e; p++) {
      int i = heldOut.indices()[p];
      if (!known.contains(u, i) && (alsoKnown == null || !alsoKnown.contains(u, i))) {
        out[n++] = i;
      }
    }
    return java.util.Arrays.copyOf(out, n);
  }
}
