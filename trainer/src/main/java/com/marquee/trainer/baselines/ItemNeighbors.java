package com.marquee.trainer.baselines;

import com.marquee.trainer.data.CsrMatrix;

/**
 * A sparse item-item model: for each item {@code i}, the items {@code neighbors[i]} with weights
 * {@code weights[i]} (same lengths). A user's score for item {@code j} is the sum of {@code
 * weights[i][t]} over the user's history items {@code i} with {@code neighbors[i][t] == j} (the
 * history as a set). Shared by {@link ItemKnnScorer} and {@link Rp3BetaScorer}.
 *
 * @param neighbors {@code int[nItems][]}, each item's kept neighbours
 * @param weights {@code float[nItems][]}, their weights
 */
record ItemNeighbors(int[][] neighbors, float[][] weights) {

  /** Fills {@code out[0..nItems)} with the user's scores. */
  void score(int user, CsrMatrix history, float[] out) {
    java.util.Arrays.fill(out, 0, neighbors.length, 0f);
    for (int p = history.indptr()[user]; p < history.indptr()[user + 1]; p++) {
      int i = history.indices()[p];
      int[] nb = neighbors[i];
      float[] w = weights[i];
      for (int t = 0; t < nb.length; t++) {
        out[nb[t]] += w[t];
      }
    }
  }
}
