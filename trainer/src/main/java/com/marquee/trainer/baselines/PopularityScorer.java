package com.marquee.trainer.baselines;

import com.marquee.trainer.data.CsrMatrix;
/**
 * Popularity baseline: every user gets the items ranked by their number of interactions in the
 * training split (the same list for everyone, minus the user's own items).
 */
public final class PopularityScorer implements Scorer {

  private final float[] counts;

  /** @param train {@code (nUsers, nItems)} training matrix */
  public PopularityScorer(CsrMatrix train) {
    counts = new float[train.cols()];
    for (int c : train.indices()) {
      counts[c]++;
    }
  }

  /** Training interaction count per item row: {@code float[nItems]}. */
  public float[] counts() {
    return counts.clone();
  }

  @Override
  public String name() {
    return "popularity";
  }

  @Override
  public void score(int user, CsrMatrix history, float[] out) {
    System.arraycopy(counts, 0, out, 0, counts.length);
  }
}
