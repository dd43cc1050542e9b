package com.marquee.trainer.baselines;

import com.marquee.common.rank.TopK;
import com.marquee.trainer.data.CsrMatrix;
import com.marquee.trainer.data.Parallel;

/**
 * RP3beta: item-item random-walk similarities re-weighted by popularity (Paudel, Christoffel, Newell,
 * Bernstein, "Updatable, Accurate, Diverse, and Scalable Recommendations for Interactive
 * Applications", ACM TiiS 7(1), 2017, §4; in the form of Dacrema, Cremonesi, Jannach, RecSys 2019).
 *
 * <p>With {@code R} the {@code (nUsers, nItems)} fit matrix, {@code P_ui = R} with each user row
 * divided by its sum (a step user to item) and {@code P_iu = R^T} with each item row divided by its
 * sum (item to user), both raised elementwise to the power {@code alpha}:
 *
 * <pre>
 *   W[i][j] = (sum_u P_iu[i][u]^alpha * P_ui[u][j]^alpha) / pop(j)^beta,   W[i][i] = 0
 * </pre>
 *
 * where {@code pop(j)} is the number of fit users of item j; each item keeps its {@code neighbors}
 * largest {@code W[i][.]} (no row normalisation). A user's score for item j is {@code sum over the
 * user's history items i of W[i][j]} (the history as a set: its weights are not used). {@code alpha
 * = 1, beta = 0} is the plain 3-step random walk P3alpha; {@code beta > 0} moves popular items down.
 *
 * <p>Cost {@code O(sum_u |I_u|^2)} like {@link ItemKnnScorer}; memory {@code O(nItems * neighbors)}.
 */
public final class Rp3BetaScorer implements Scorer {

  private final int nItems;
  private final int[][] neighbors;
  private final float[][] weights;
  private final ItemNeighbors model;

  /**
   * @param fit {@code (nUsers, nItems)} fit matrix (non-negative values)
   * @param alpha exponent of the transition probabilities, {@code > 0}
   * @param beta exponent of the popularity penalty, {@code >= 0}
   * @param neighbors items kept per item, {@code >= 1}
   * @param threads worker threads
   * @throws IllegalArgumentException for an out-of-range parameter
   */
  public Rp3BetaScorer(CsrMatrix fit, double alpha, double beta, int neighbors, int threads) {
    if (!(alpha > 0) || !(beta >= 0) || neighbors < 1) {
      throw new IllegalArgumentException("rp3beta needs alpha > 0, beta >= 0, neighbors >= 1; got alpha " + alpha
          + ", beta " + beta + ", neighbors " + neighbors);
    }
    this.nItems = fit.cols();
    CsrMatrix itemUsers = fit.transpose();
    float[] userToItem = rowNormalizedPower(fit, alpha);
    float[] itemToUser = rowNormalizedPower(itemUsers, alpha);
    double[] popularityPenalty = new double[nItems];
    for (int j = 0; j < nItems; j++) {
      int pop = itemUsers.rowLength(j);
      popularityPenalty[j] = pop == 0 ? 0 : 1 / Math.pow(pop, beta);
    }
    this.neighbors = new int[nItems][];
    this.weights = new float[nItems][];
    ThreadLocal<double[]> scratch = ThreadLocal.withInitial(() -> new double[nItems]);
    ThreadLocal<float[]> ranked = ThreadLocal.withInitial(() -> new float[nItems]);
    Parallel.forEach(nItems, threads, i -> {
      double[] acc = scratch.get();
      java.util.Arrays.fill(acc, 0);
      for (int p = itemUsers.indptr()[i]; p < itemUsers.indptr()[i + 1]; p++) {
        int u = itemUsers.indices()[p];
        double step = itemToUser[p];
        for (int q = fit.indptr()[u]; q < fit.indptr()[u + 1]; q++) {
          acc[fit.indices()[q]] += step * userToItem[q];
        }
      }
      float[] w = ranked.get();
      for (int j = 0; j < nItems; j++) {
        w[j] = (float) (acc[j] * popularityPenalty[j]);
      }
      w[i] = 0f;
      int[] top = TopK.select(w, nItems, neighbors, j -> w[j] > 0f);
      float[] kept = new float[top.length];
      for (int t = 0; t < top.length; t++) {
        kept[t] = w[top[t]];
      }
      this.neighbors[i] = top;
      this.weights[i] = kept;
    });
    this.model = new ItemNeighbors(this.neighbors, this.weights);
  }

  /** Per stored entry of {@code m}: (value / its row's sum)^alpha, in CSR order. */
  private static float[] rowNormalizedPower(CsrMatrix m, double alpha) {
    float[] out = new float[m.nnz()];
    for (int r = 0; r < m.rows(); r++) {
      double sum = 0;
      for (int p = m.indptr()[r]; p < m.indptr()[r + 1]; p++) {
        sum += m.values()[p];
      }
      for (int p = m.indptr()[r]; p < m.indptr()[r + 1]; p++) {
        out[p] = sum > 0 ? (float) Math.pow(m.values()[p] / sum, alpha) : 0f;
      }
    }
    return out;
  }

  @Override
  public String name() {
    return "rp3beta";
  }

  @Override
  public void score(int user, CsrMatrix history, float[] out) {
    model.score(user, history, out);
  }
}
