package com.marquee.pipelines.train;

import com.marquee.common.artifact.FactorMatrix;
import com.marquee.common.rank.Scoring;

/** iALS scores: {@code s_ui = x_u . y_i} (Hu et al. 2008 §5). */
public record IalsScorer(FactorMatrix users, FactorMatrix items) implements Scorer {

  @Override
  public String name() {
    return "ials";
  }

  @Override
  public void score(int user, float[] out) {
    Scoring.scoreAll(items.data(), items.rows(), items.cols(), users.row(user), out);
  }
}
