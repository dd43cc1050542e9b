package com.marquee.trainer.baselines;

import com.marquee.common.als.IalsSolver;
import com.marquee.common.artifact.FactorMatrix;
import com.marquee.common.rank.Scoring;
import com.marquee.trainer.data.CsrMatrix;

/**
 * iALS scores for users represented by fold-in: the user vector is solved from the user's history
 * against the trained item factors ({@link IalsSolver#foldIn}, Hu et al. 2008 eq. 4, the same call the
 * server makes for an anonymous user), with no retraining, then {@code s_ui = x_u . y_i}. This is how a
 * user whose history grew after training (or who is new) is served, so it is how the test period (and
 * the held-out users of strong-generalization protocols) is evaluated.
 */
public final class IalsFoldInScorer implements Scorer {

  private final FactorMatrix items;
  private final IalsSolver solver;
  private final double[] gramian;

  /** @param items trained item factors {@code (nItems, f)} */
  public IalsFoldInScorer(FactorMatrix items, IalsSolver solver) {
    this.items = items;
    this.solver = solver;
    this.gramian = IalsSolver.gramian(items);
  }

  @Override
  public String name() {
    return IalsScorer.NAME;
  }

  @Override
  public void score(int user, CsrMatrix history, float[] out) {
    int from = history.indptr()[user], to = history.indptr()[user + 1];
    float[] x = solver.foldIn(items, gramian, java.util.Arrays.copyOfRange(history.indices(), from, to),
        java.util.Arrays.copyOfRange(history.values(), from, to));
    Scoring.scoreAll(items.data(), items.rows(), items.cols(), x, out);
  }
}
