package com.marquee.trainer.evaluate;

import com.marquee.common.metrics.ItemPopularity;
import com.marquee.common.metrics.MetricsAccumulator;
import com.marquee.common.rank.TopK;
import com.marquee.trainer.baselines.Scorer;
import com.marquee.trainer.data.CsrMatrix;
import com.marquee.trainer.data.Parallel;
import com.marquee.trainer.data.TrainingData;
import java.util.List;
import java.util.Map;

/**
 * Full-ranking offline evaluation of one {@link TrainingData.EvalSet}: for every user with held-out
 * items, the model scores the whole catalog from the user's history, the history items are removed,
 * and the top {@code max k} of the rest are compared with the held-out items (no sampled negatives;
 * Krichene and Rendle, KDD 2020).
 *
 * <p>Held-out items that are also history items are not counted as relevant (they could never be
 * recommended). Held-out items outside the catalog count as relevant only when the set says so
 * ({@link TrainingData.EvalSet#unrankable}, fixed splits). Users with no held-out items are skipped,
 * as are users without history. Metrics are averaged over users; see
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
    return evaluate(scorer, set, ks, threads, null);
  }

  /**
   * As {@link #evaluate(Scorer, TrainingData.EvalSet, List, int)}, plus {@code novelty@k} when
   * {@code popularity} is given.
   *
   * @param popularity training popularity of the catalog's items, or null for no novelty
   */
  public static Map<String, Double> evaluate(
      Scorer scorer, TrainingData.EvalSet set, List<Integer> ks, int threads, ItemPopularity popularity) {
    return accumulate(scorer, set, ks, threads, popularity).result();
  }

  /**
   * The accumulator behind {@link #evaluate(Scorer, TrainingData.EvalSet, List, int, ItemPopularity)},
   * for callers that also want {@link MetricsAccumulator#standardErrors()}.
   */
  public static MetricsAccumulator accumulate(
      Scorer scorer, TrainingData.EvalSet set, List<Integer> ks, int threads, ItemPopularity popularity) {
    CsrMatrix history = set.history();
    CsrMatrix heldOut = set.heldOut();
    int nItems = history.cols();
    ThreadLocal<float[]> scores = ThreadLocal.withInitial(() -> new float[nItems]);
    MetricsAccumulator total = new MetricsAccumulator(ks, nItems, popularity);
    int maxK = total.maxK();
    // Rankings in parallel, sums in user order: the means are then bit-for-bit the same for any
    // thread count and schedule (floating-point addition is not associative).
    int[][] tops = new int[heldOut.rows()][];
    int[][] relevants = new int[heldOut.rows()][];
    Parallel.forEach(heldOut.rows(), threads, u -> {
      int[] relevant = relevantItems(heldOut, history, u);
      if (relevant.length + set.unrankable(u) == 0 || history.rowLength(u) == 0) {
        return;
      }
      float[] s = scores.get();
      scorer.score(u, history, s);
      tops[u] = TopK.select(s, nItems, maxK, i -> !history.contains(u, i));
      relevants[u] = relevant;
    });
    for (int u = 0; u < tops.length; u++) {
      if (tops[u] != null) {
        int[] relevant = relevants[u];
        total.add(tops[u], i -> java.util.Arrays.binarySearch(relevant, i) >= 0, relevant.length + set.unrankable(u));
      }
    }
    return total;
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
