package com.marquee.common.als;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;

import com.marquee.common.artifact.FactorMatrix;
import java.util.Random;
import org.ejml.simple.SimpleMatrix;
import org.junit.jupiter.api.Test;

/** The per-row solve against a dense evaluation of Hu et al. (2008) eq. 4 over all items. */
class IalsSolverTest {

  @Test
  void rowSolveEqualsDenseNormalEquations() {
    int nItems = 30, f = 6;
    double lambda = 0.3, alpha = 4.0;
    Random rnd = new Random(11);
    float[] yd = new float[nItems * f];
    for (int i = 0; i < yd.length; i++) {
      yd[i] = (float) rnd.nextGaussian();
    }
    FactorMatrix y = new FactorMatrix(nItems, f, yd);
    int[] items = {2, 5, 11, 17, 29};
    float[] weights = {1f, 2f, 0.5f, 3f, 1f};

    float[] x = new IalsSolver(f, lambda, alpha).foldIn(y, IalsSolver.gramian(y), items, weights);

    // Dense: A = Y^T C Y + lambda I, b = Y^T C p with c_i = 1 + alpha r_i for observed, 1 otherwise.
    SimpleMatrix ym = new SimpleMatrix(nItems, f);
    SimpleMatrix c = SimpleMatrix.identity(nItems);
    SimpleMatrix p = new SimpleMatrix(nItems, 1);
    for (int i = 0; i < nItems; i++) {
      for (int j = 0; j < f; j++) {
        ym.set(i, j, yd[i * f + j]);
      }
    }
    for (int t = 0; t < items.length; t++) {
      c.set(items[t], items[t], 1 + alpha * weights[t]);
      p.set(items[t], 0, 1);
    }
    SimpleMatrix a = ym.transpose().mult(c).mult(ym).plus(SimpleMatrix.identity(f).scale(lambda));
    SimpleMatrix expected = a.solve(ym.transpose().mult(c).mult(p));
    for (int j = 0; j < f; j++) {
      assertThat((double) x[j], closeTo(expected.get(j, 0), 1e-5));
    }
  }

  @Test
  void emptyRowGivesZeroVector() {
    FactorMatrix y = new FactorMatrix(2, 2, new float[] {1, 0, 0, 1});
    float[] x = new IalsSolver(2, 0.1, 1).foldIn(y, IalsSolver.gramian(y), new int[0], new float[0]);
    assertThat((double) x[0], closeTo(0, 0));
    assertThat((double) x[1], closeTo(0, 0));
  }

  @Test
  void lossMatchesBruteForceSum() {
    int nU = 4, nI = 5, f = 3;
    double lambda = 0.2, alpha = 2;
    Random rnd = new Random(3);
    float[] xd = new float[nU * f], yd = new float[nI * f];
    for (int i = 0; i < xd.length; i++) {
      xd[i] = (float) rnd.nextGaussian();
    }
    for (int i = 0; i < yd.length; i++) {
      yd[i] = (float) rnd.nextGaussian();
    }
    int[] indptr = {0, 2, 3, 3, 5};
    int[] indices = {0, 3, 1, 2, 4};
    float[] w = {1, 2, 1, 3, 1};
    double brute = 0;
    for (int u = 0; u < nU; u++) {
      for (int i = 0; i < nI; i++) {
        double s = 0;
        for (int j = 0; j < f; j++) {
          s += (double) xd[u * f + j] * yd[i * f + j];
        }
        double cc = 1, pp = 0;
        for (int q = indptr[u]; q < indptr[u + 1]; q++) {
          if (indices[q] == i) {
            cc = 1 + alpha * w[q];
            pp = 1;
          }
        }
        brute += cc * (pp - s) * (pp - s);
      }
    }
    for (float v : xd) {
      brute += lambda * v * v;
    }
    for (float v : yd) {
      brute += lambda * v * v;
    }
    double fast =
        IalsLoss.loss(new FactorMatrix(nU, f, xd), new FactorMatrix(nI, f, yd), indptr, indices, w, lambda, alpha);
    assertThat(fast, closeTo(brute, 1e-6 * Math.abs(brute)));
  }
}
