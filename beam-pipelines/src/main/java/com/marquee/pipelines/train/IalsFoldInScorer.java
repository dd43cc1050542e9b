package com.marquee.pipelines.train;

import com.marquee.common.als.IalsSolver;
import com.marquee.common.artifact.FactorMatrix;
import com.marquee.common.rank.Scoring;

/**
 * iALS scores for users represented by fold-in: the user vector is solved from the user's history
 * against the trained item factors ({@link IalsSolver#solveRow}, Hu et al. 2008 eq. 4), with no
 * retraining, then {@code s_ui = x_u . y_i}. This is how a user whose history grew after training (or
 * who is new) is served, so it is how the test period is evaluated.
 */
public final class IalsFoldInScorer implements Scorer {

  private final FactorMatrix items;
  private final IalsSolver solver;
  private final double[] gramian;
  private final ThreadLocal<IalsSolver.Workspace> workspace;
  private final ThreadLocal<float[]> vector;

  /** @param items trained item factors {@code (nItems, f)} */
  public IalsFoldInScorer(FactorMatrix items, IalsSolver solver) {
    this.items = items;
    this.solver = solver;
    this.gramian = IalsSolver.gramian(items);
    this.workspace = ThreadLocal.withInitial(solver::newWorkspace);
    this.vector = ThreadLocal.withInitial(() -> new float[items.cols()]);
  }

  @Override
  public String name() {
    return Trainer.IALS;
  }

  @Override
  public void score(int user, CsrMatrix history, float[] out) {
    float[] x = vector.get();
    solver.solveRow(items, gramian, history.indices(), history.values(), history.indptr()[user],
        history.indptr()[user + 1], x, 0, workspace.get());
    Scoring.scoreAll(items.data(), items.rows(), items.cols(), x, out);
  }
}
