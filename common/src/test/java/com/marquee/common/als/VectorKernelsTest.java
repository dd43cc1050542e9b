package com.marquee.common.als;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;

import com.marquee.common.artifact.FactorMatrix;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The SIMD kernels against plain double-precision loops, for sizes below, at and between vector
 * widths (the tails are scalar code) and row counts that are not multiples of the 4-row blocks.
 */
class VectorKernelsTest {

  @ParameterizedTest
  @ValueSource(ints = {1, 3, 8, 16, 21, 37, 64, 128})
  void symvIsTheMatrixVectorProductOfASymmetricMatrix(int n) {
    Random rnd = new Random(n);
    float[] m = new float[n * n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j <= i; j++) {
        m[i * n + j] = m[j * n + i] = (float) rnd.nextGaussian();
      }
    }
    float[] v = gaussian(rnd, n);
    float[] out = new float[n];
    VectorKernels.symv(m, v, out, n);
    for (int i = 0; i < n; i++) {
      double expected = 0;
      for (int j = 0; j < n; j++) {
        expected += (double) m[i * n + j] * v[j];
      }
      assertThat("row " + i, (double) out[i], closeTo(expected, 1e-4 * (1 + Math.abs(expected))));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 16, 19, 48, 64, 128})
  void dotRowsEqualsDotRowByRowBitForBitAndMatchesADoubleLoop(int f) {
    Random rnd = new Random(31L * f);
    int n = 11; // rows 2..10 scored: two blocks of 4 and one left over
    float[] m = gaussian(rnd, n * f);
    float[] q = gaussian(rnd, f);
    float[] out = new float[12];
    java.util.Arrays.fill(out, Float.NaN);
    VectorKernels.dotRows(m, 2, 9, f, q, out, 3);
    assertThat("before oo untouched", Float.isNaN(out[2]), org.hamcrest.Matchers.is(true));
    for (int i = 0; i < 9; i++) {
      int row = 2 + i;
      float single = VectorKernels.dot(m, row * f, q, 0, f);
      assertThat("row " + row, Float.floatToIntBits(out[3 + i]), org.hamcrest.Matchers.is(Float.floatToIntBits(single)));
      double expected = 0;
      for (int j = 0; j < f; j++) {
        expected += (double) m[row * f + j] * q[j];
      }
      assertThat("row " + row, (double) out[3 + i], closeTo(expected, 1e-4 * (1 + Math.abs(expected))));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {1, 5, 16, 19, 48, 64, 100})
  void accumulateRowsAddsTheWeightedRowsOfTheGatheredFactors(int f) {
    Random rnd = new Random(f);
    int n = 30;
    float[] yd = gaussian(rnd, n * f);
    int[] idx = {7, 3, 29, 0, 11, 11, 5, 18, 2}; // 9 entries: two blocks of 4 and one left over
    float[] w = {1, 2, 0.5f, 3, 1, 1, 0, 4, 2};
    float u0 = 0.5f, u1 = 1.5f, t0 = -0.25f, t1 = 2f;
    float[] v = gaussian(rnd, f);
    float[] out = gaussian(rnd, f);
    double[] expected = new double[f];
    for (int j = 0; j < f; j++) {
      expected[j] = out[j];
    }
    int from = 1, to = idx.length; // start mid-array, as rows of a CSR matrix do
    for (int q = from; q < to; q++) {
      double s = 0;
      for (int j = 0; j < f; j++) {
        s += (double) yd[idx[q] * f + j] * v[j];
      }
      double k = u0 + u1 * w[q] + (t0 + t1 * w[q]) * s;
      for (int j = 0; j < f; j++) {
        expected[j] += k * yd[idx[q] * f + j];
      }
    }
    VectorKernels.accumulateRows(yd, idx, w, from, to, u0, u1, t0, t1, v, out, f);
    for (int j = 0; j < f; j++) {
      assertThat("component " + j, (double) out[j], closeTo(expected[j], 1e-4 * (1 + Math.abs(expected[j]))));
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 16, 37, 64})
  void gramianMatchesADoubleLoopOverSeveralBlocks(int f) {
    Random rnd = new Random(f);
    int rows = 1000; // several 256-row float blocks
    FactorMatrix y = new FactorMatrix(rows, f, gaussian(rnd, rows * f));
    double[] g = IalsSolver.gramian(y);
    for (int i = 0; i < f; i++) {
      for (int j = 0; j < f; j++) {
        double expected = 0;
        for (int r = 0; r < rows; r++) {
          expected += (double) y.data()[r * f + i] * y.data()[r * f + j];
        }
        assertThat(i + "," + j, g[i * f + j], closeTo(expected, 1e-5 * rows));
      }
    }
  }

  private static float[] gaussian(Random rnd, int n) {
    float[] a = new float[n];
    for (int i = 0; i < n; i++) {
      a[i] = (float) rnd.nextGaussian();
    }
    return a;
  }
}
