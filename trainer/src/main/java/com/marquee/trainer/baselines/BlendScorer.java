package com.marquee.trainer.baselines;

import com.marquee.trainer.data.CsrMatrix;
import java.util.List;

/**
 * A weighted sum of per-user standardized scores: for one user, each part's scores over the whole
 * catalog are turned into z-scores, {@code z_i = (s_i - mean) / std} (population standard deviation
 * over the {@code nItems} items; a part whose scores are all equal contributes 0), and the blend is
 * {@code sum_m w_m z_m,i}. Standardizing puts models with different score scales (iALS inner
 * products, EASE's regression weights, RP3beta's walk probabilities) on one scale before weighting:
 * weighted CombSUM (Fox and Shaw, TREC-2 1994) over z-score normalized scores (Montague and Aslam,
 * "Relevance Score Normalization for Metasearch", CIKM 2001).
 *
 * <p>Thread-safe like its parts: per-thread buffers of {@code float[nItems]}.
 */
public final class BlendScorer implements Scorer {

  private final List<Scorer> parts;
  private final double[] weights;
  private final ThreadLocal<float[]> buffer;

  /**
   * @param parts the models, each scoring the same catalog and users
   * @param weights one weight per part, {@code >= 0}, not all 0
   * @param nItems catalog size
   * @throws IllegalArgumentException if the sizes differ or the weights are invalid
   */
  public BlendScorer(List<Scorer> parts, double[] weights, int nItems) {
    if (parts.isEmpty() || parts.size() != weights.length) {
      throw new IllegalArgumentException("a blend needs one weight per part, got " + parts.size() + " parts and "
          + weights.length + " weights");
    }
    double sum = 0;
    for (double w : weights) {
      if (!(w >= 0)) {
        throw new IllegalArgumentException("blend weights must be >= 0, got " + java.util.Arrays.toString(weights));
      }
      sum += w;
    }
    if (sum == 0) {
      throw new IllegalArgumentException("blend weights must not all be 0");
    }
    this.parts = List.copyOf(parts);
    this.weights = weights.clone();
    this.buffer = ThreadLocal.withInitial(() -> new float[nItems]);
  }

  @Override
  public String name() {
    return "blend";
  }

  @Override
  public void score(int user, CsrMatrix history, float[] out) {
    int n = history.cols();
    java.util.Arrays.fill(out, 0, n, 0f);
    float[] s = buffer.get();
    for (int m = 0; m < parts.size(); m++) {
      if (weights[m] == 0) {
        continue;
      }
      parts.get(m).score(user, history, s);
      addStandardized(s, n, weights[m], out);
    }
  }

  /** {@code out[i] += weight * (s[i] - mean) / std} over {@code s[0..n)}; nothing when std is 0. */
  static void addStandardized(float[] s, int n, double weight, float[] out) {
    double mean = 0;
    for (int i = 0; i < n; i++) {
      mean += s[i];
    }
    mean /= n;
    double var = 0;
    for (int i = 0; i < n; i++) {
      double d = s[i] - mean;
      var += d * d;
    }
    double std = Math.sqrt(var / n);
    if (std == 0 || !Double.isFinite(std)) {
      return;
    }
    double scale = weight / std;
    for (int i = 0; i < n; i++) {
      out[i] += (float) ((s[i] - mean) * scale);
    }
  }
}
