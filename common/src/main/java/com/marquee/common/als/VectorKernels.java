package com.marquee.common.als;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * The float32 inner loops of the iALS solvers, written with the Java Vector API (JEP 508, incubator
 * module {@code jdk.incubator.vector}: run with {@code --add-modules jdk.incubator.vector}) so they
 * use the CPU's SIMD width; C2 does not auto-vectorize floating-point reductions such as dot products.
 * Tails shorter than a vector are done in scalar code. Results differ from a sequential sum only by
 * float rounding order.
 */
public final class VectorKernels {

  private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

  private VectorKernels() {}

  /** {@code sum_j a[ao + j] * b[bo + j]} for {@code j < n}. */
  public static float dot(float[] a, int ao, float[] b, int bo, int n) {
    FloatVector acc = FloatVector.zero(S);
    int j = 0;
    int bound = S.loopBound(n);
    for (; j < bound; j += S.length()) {
      acc = FloatVector.fromArray(S, a, ao + j).fma(FloatVector.fromArray(S, b, bo + j), acc);
    }
    float s = acc.reduceLanes(VectorOperators.ADD);
    for (; j < n; j++) {
      s += a[ao + j] * b[bo + j];
    }
    return s;
  }

  /** {@code out[oo + j] += c * x[xo + j]} for {@code j < n}. */
  public static void axpy(float c, float[] x, int xo, float[] out, int oo, int n) {
    FloatVector cv = FloatVector.broadcast(S, c);
    int j = 0;
    int bound = S.loopBound(n);
    for (; j < bound; j += S.length()) {
      FloatVector.fromArray(S, x, xo + j).fma(cv, FloatVector.fromArray(S, out, oo + j)).intoArray(out, oo + j);
    }
    for (; j < n; j++) {
      out[oo + j] += c * x[xo + j];
    }
  }

  /** {@code out[i] = sum_j m[i * n + j] * v[j]} for a row-major {@code n x n} matrix {@code m}. */
  public static void gemv(float[] m, float[] v, float[] out, int n) {
    for (int i = 0; i < n; i++) {
      out[i] = dot(m, i * n, v, 0, n);
    }
  }
}
