package com.marquee.trainer.baselines;

import com.marquee.common.rank.TopK;
import com.marquee.trainer.data.CsrMatrix;
import com.marquee.trainer.data.Parallel;

/**
 * Item-item cosine baseline (Sarwar et al., WWW 2001; Deshpande and Karypis 2004): the similarity of
 * items i and j is the cosine of their columns of the training matrix, {@code sim(i,j) = r_i . r_j /
 * (|r_i| |r_j|)}; each item keeps its {@code neighbors} most similar items, and a user's score for
 * item j is {@code sum over the user's history items i of sim(i, j)} when j is among i's neighbours.
 *
 * <p>Similarities are computed by accumulating co-occurrences through the users of each item, cost
 * {@code O(sum_u |I_u|^2)}; memory {@code O(nItems * neighbors)}.
 */
public final class ItemKnnScorer implements Scorer {

  private final int nItems;
  private final int[][] neighbors;
  private final float[][] similarities;
  private final ItemNeighbors model;

  /**
   * @param train {@code (nUsers, nItems)} training matrix
   * @param neighbors neighbours kept per item ({@code >= 1})
   * @param threads worker threads for the similarity computation
   */
  public ItemKnnScorer(CsrMatrix train, int neighbors, int threads) {
    this.nItems = train.cols();
    CsrMatrix itemUsers = train.transpose();
    double[] norms = new double[nItems];
    for (int i = 0; i < nItems; i++) {
      double s = 0;
      for (int p = itemUsers.indptr()[i]; p < itemUsers.indptr()[i + 1]; p++) {
        s += (double) itemUsers.values()[p] * itemUsers.values()[p];
      }
      norms[i] = Math.sqrt(s);
    }
    this.neighbors = new int[nItems][];
    this.similarities = new float[nItems][];
    ThreadLocal<float[]> scratch = ThreadLocal.withInitial(() -> new float[nItems]);
    Parallel.forEach(nItems, threads, i -> {
      float[] acc = scratch.get();
      java.util.Arrays.fill(acc, 0f);
      for (int p = itemUsers.indptr()[i]; p < itemUsers.indptr()[i + 1]; p++) {
        int u = itemUsers.indices()[p];
        float wi = itemUsers.values()[p];
        for (int q = train.indptr()[u]; q < train.indptr()[u + 1]; q++) {
          acc[train.indices()[q]] += wi * train.values()[q];
        }
      }
      acc[i] = 0f;
      for (int j = 0; j < nItems; j++) {
        if (acc[j] != 0f) {
          acc[j] = (float) (acc[j] / (norms[i] * norms[j]));
        }
      }
      int[] top = TopK.select(acc, nItems, neighbors, j -> acc[j] > 0f);
      float[] sims = new float[top.length];
      for (int t = 0; t < top.length; t++) {
        sims[t] = acc[top[t]];
      }
      this.neighbors[i] = top;
      this.similarities[i] = sims;
    });
    this.model = new ItemNeighbors(this.neighbors, this.similarities);
  }

  @Override
  public String name() {
    return "itemknn";
  }

  @Override
  public void score(int user, CsrMatrix history, float[] out) {
    model.score(user, history, out);
  }
}
