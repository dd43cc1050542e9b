package com.marquee.trainer.baselines;

import com.marquee.common.artifact.FactorMatrix;
import com.marquee.common.rank.Scoring;
import com.marquee.trainer.data.CsrMatrix;

/**
 * iALS scores with the trained user vectors: {@code s_ui = x_u . y_i} (Hu et al. 2008 §5). The rows
 * of the history matrix must be the model's user rows (the training users); the history itself is
 * not used because it is what {@code x_u} was trained on.
 */
public record IalsScorer(FactorMatrix users, FactorMatrix items) implements Scorer {
  /** The model name of iALS in metrics maps and model metadata. */
  public static final String NAME = "ials";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public void score(int user, CsrMatrix history, float[] out) {
    Scoring.scoreAll(items.data(), items.rows(), items.cols(), users.row(user), out);
  }
}
