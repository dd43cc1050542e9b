package com.marquee.common.als;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.lessThan;

import com.marquee.common.artifact.FactorMatrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** CG against the exact Cholesky solve of the same row system. */
class IalsCgSolverTest {

  private static final int N = 40, F = 8;
  private static final double LAMBDA = 0.5, ALPHA = 3.0;
  private final FactorMatrix y = random(N, F, 1);
  private final double[] yty = IalsSolver.gramian(y);
  private final int[] items = {1, 4, 9, 16, 25, 36};
  private final float[] w = {1, 1, 2, 1, 3, 1};

  @Test
  void fStepsFromZeroMatchCholesky() {
    float[] exact = new IalsSolver(F, LAMBDA, ALPHA).foldIn(y, yty, items, w);
    float[] cg = new float[F];
    IalsCgSolver s = new IalsCgSolver(F, LAMBDA, ALPHA, F);
    s.solveRow(y, yty, items, w, 0, items.length, cg, 0, s.newWorkspace());
    for (int j = 0; j < F; j++) {
      assertThat((double) cg[j], closeTo(exact[j], 1e-4));
    }
  }

  @Test
  void fewWarmStartedStepsConvergeAcrossCalls() {
    float[] exact = new IalsSolver(F, LAMBDA, ALPHA).foldIn(y, yty, items, w);
    IalsCgSolver s = new IalsCgSolver(F, LAMBDA, ALPHA, 2);
    float[] x = new float[F];
    double first = Double.NaN;
    double previous = Double.MAX_VALUE;
    for (int call = 0; call < 6; call++) { // like successive sweeps with fixed Y; each call restarts CG
      s.solveRow(y, yty, items, w, 0, items.length, x, 0, s.newWorkspace());
      double err = 0;
      for (int j = 0; j < F; j++) {
        err += (x[j] - exact[j]) * (x[j] - exact[j]);
      }
      // measured here: 2.9e-2, 1.9e-3, 1.8e-4, 1.5e-5, 1.6e-6, 1.4e-7 (about 10x per call)
      assertThat("call " + call, err, lessThan(previous / 5));
      previous = err;
      if (call == 0) {
        first = err;
      }
    }
    assertThat(previous, lessThan(first * 1e-5));
  }

  static FactorMatrix random(int rows, int f, long seed) {
    Random rnd = new Random(seed);
    float[] d = new float[rows * f];
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (rnd.nextGaussian() * 0.5);
    }
    return new FactorMatrix(rows, f, d);
  }
}
