package com.marquee.common.als;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.marquee.common.artifact.FactorMatrix;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Rendle et al. (2022)'s formulation against brute force: the loss over every user-item pair, the
 * exact row solve against its normal equations built term by term, and CG against Cholesky.
 */
class RendleObjectiveTest {

  private static final double LAMBDA = 0.3, ALPHA0 = 0.2, NU = 1.0;
  private static final IalsObjective RENDLE = IalsObjective.rendle(LAMBDA, ALPHA0, NU);

  @Test
  void lossEqualsTheSumOverAllPairs() {
    int nU = 4, nI = 6, f = 3;
    Random rnd = new Random(5);
    float[] xd = gaussian(rnd, nU * f), yd = gaussian(rnd, nI * f);
    int[] indptr = {0, 2, 3, 3, 5};
    int[] indices = {0, 3, 1, 3, 4};
    float[] w = {1, 2, 1, 1, 1};
    int[] usersPerItem = new int[nI];
    double brute = 0;
    for (int u = 0; u < nU; u++) {
      for (int i = 0; i < nI; i++) {
        double s = 0;
        for (int j = 0; j < f; j++) {
          s += (double) xd[u * f + j] * yd[i * f + j];
        }
        brute += ALPHA0 * s * s; // every pair is pushed towards 0 with weight alpha0
        for (int q = indptr[u]; q < indptr[u + 1]; q++) {
          if (indices[q] == i) {
            brute += w[q] * (1 - s) * (1 - s); // and an observed one towards 1 with weight w
            usersPerItem[i]++;
          }
        }
      }
      double lambdaU = LAMBDA * Math.pow(indptr[u + 1] - indptr[u] + ALPHA0 * nI, NU);
      for (int j = 0; j < f; j++) {
        brute += lambdaU * xd[u * f + j] * xd[u * f + j];
      }
    }
    for (int i = 0; i < nI; i++) {
      double lambdaI = LAMBDA * Math.pow(usersPerItem[i] + ALPHA0 * nU, NU);
      for (int j = 0; j < f; j++) {
        brute += lambdaI * yd[i * f + j] * yd[i * f + j];
      }
    }
    double fast = IalsLoss.loss(new FactorMatrix(nU, f, xd), new FactorMatrix(nI, f, yd), indptr, indices, w, RENDLE);
    assertThat(fast, closeTo(brute, 1e-6 * Math.abs(brute))); // the Gramian is summed in float blocks
  }

  @Test
  void choleskyRowSolvesTheNormalEquations() {
    int n = 25, f = 5;
    FactorMatrix y = new FactorMatrix(n, f, gaussian(new Random(8), n * f));
    int[] items = {2, 9, 17, 24};
    float[] w = {1, 1, 3, 1};
    float[] x = new IalsSolver(f, RENDLE).foldIn(y, IalsSolver.gramian(y), items, w);
    double lambdaU = LAMBDA * Math.pow(items.length + ALPHA0 * n, NU);
    for (int i = 0; i < f; i++) { // row i of A x - b, with A and b built pair by pair
      double ax = lambdaU * x[i];
      double b = 0;
      for (int r = 0; r < n; r++) {
        double weight = ALPHA0;
        for (int q = 0; q < items.length; q++) {
          if (items[q] == r) {
            weight += w[q];
            b += w[q] * y.data()[r * f + i];
          }
        }
        double s = 0;
        for (int j = 0; j < f; j++) {
          s += (double) y.data()[r * f + j] * x[j];
        }
        ax += weight * y.data()[r * f + i] * s;
      }
      assertThat("equation " + i, ax, closeTo(b, 1e-4));
    }
  }

  @Test
  void cgWithFStepsMatchesCholesky() {
    int n = 60, f = 20; // f above one AVX-512 width, so both the SIMD body and the tail run
    FactorMatrix y = new FactorMatrix(n, f, gaussian(new Random(13), n * f));
    double[] yty = IalsSolver.gramian(y);
    int[] items = {1, 4, 9, 16, 25, 36, 49, 50, 51};
    float[] w = {1, 1, 2, 1, 1, 1, 1, 1, 1};
    float[] exact = new IalsSolver(f, RENDLE).foldIn(y, yty, items, w);
    IalsCgSolver cg = new IalsCgSolver(f, RENDLE, f);
    float[] x = new float[f];
    cg.solveRow(y, yty, items, w, 0, items.length, x, 0, cg.newWorkspace());
    for (int j = 0; j < f; j++) {
      assertThat((double) x[j], closeTo(exact[j], 1e-3));
    }
  }

  @Test
  void rendleNeedsAPositiveUnobservedWeight() {
    assertThrows(IllegalArgumentException.class, () -> IalsObjective.rendle(1.0, 0.0, 1.0));
    assertThrows(IllegalArgumentException.class, () -> IalsObjective.Variant.parse("koren"));
  }

  private static float[] gaussian(Random rnd, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) (rnd.nextGaussian() * 0.5);
    }
    return a;
  }
}
