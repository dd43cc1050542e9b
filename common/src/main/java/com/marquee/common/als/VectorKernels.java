package com.marquee.common.als;

import jdk.incubator.vector.DoubleVector;
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
  private static final VectorSpecies<Double> D = DoubleVector.SPECIES_PREFERRED;

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

  /**
   * Scores of consecutive rows against one query: {@code out[oo + i] = dot(m[(row0 + i) * f ..), q)}
   * for {@code i < count}. Four rows are done together (four independent FMA chains sharing each
   * load of {@code q}), which hides the FMA latency and amortizes the horizontal sums; every row's
   * lanes are accumulated in the same order as {@link #dot}, so each score is bit-identical to
   * {@code dot(m, (row0 + i) * f, q, 0, f)}.
   *
   * @param m {@code float[>= (row0 + count) * f]}, row-major
   * @param row0 first row
   * @param count number of rows, {@code >= 0}
   * @param q {@code float[f]}
   * @param out {@code float[>= oo + count]}, overwritten
   */
  public static void dotRows(float[] m, int row0, int count, int f, float[] q, float[] out, int oo) {
    int i = 0;
    for (; i + 3 < count; i += 4) {
      int o0 = (row0 + i) * f;
      dot4(m, o0, o0 + f, o0 + 2 * f, o0 + 3 * f, q, f, out, oo + i);
    }
    for (; i < count; i++) {
      out[oo + i] = dot(m, (row0 + i) * f, q, 0, f);
    }
  }

  /**
   * {@code out[oo + r] = dot(m[o_r ..), q)} for the four rows starting at offsets {@code o0..o3}:
   * four independent FMA chains sharing each load of {@code q}, lanes accumulated in the order of
   * {@link #dot} (bit-identical results).
   */
  private static void dot4(float[] m, int o0, int o1, int o2, int o3, float[] q, int f, float[] out, int oo) {
    int bound = S.loopBound(f);
    FloatVector d0 = FloatVector.zero(S), d1 = d0, d2 = d0, d3 = d0;
    int j = 0;
    for (; j < bound; j += S.length()) {
      FloatVector qv = FloatVector.fromArray(S, q, j);
      d0 = FloatVector.fromArray(S, m, o0 + j).fma(qv, d0);
      d1 = FloatVector.fromArray(S, m, o1 + j).fma(qv, d1);
      d2 = FloatVector.fromArray(S, m, o2 + j).fma(qv, d2);
      d3 = FloatVector.fromArray(S, m, o3 + j).fma(qv, d3);
    }
    float s0 = d0.reduceLanes(VectorOperators.ADD), s1 = d1.reduceLanes(VectorOperators.ADD);
    float s2 = d2.reduceLanes(VectorOperators.ADD), s3 = d3.reduceLanes(VectorOperators.ADD);
    for (; j < f; j++) {
      s0 += m[o0 + j] * q[j];
      s1 += m[o1 + j] * q[j];
      s2 += m[o2 + j] * q[j];
      s3 += m[o3 + j] * q[j];
    }
    out[oo] = s0;
    out[oo + 1] = s1;
    out[oo + 2] = s2;
    out[oo + 3] = s3;
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

  /** {@code out[oo + j] += c * x[xo + j]} for {@code j < n}, in double precision. */
  public static void axpy(double c, double[] x, int xo, double[] out, int oo, int n) {
    DoubleVector cv = DoubleVector.broadcast(D, c);
    int j = 0;
    int bound = D.loopBound(n);
    for (; j < bound; j += D.length()) {
      DoubleVector.fromArray(D, x, xo + j).fma(cv, DoubleVector.fromArray(D, out, oo + j)).intoArray(out, oo + j);
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

  /**
   * {@code out = m v} for a <em>symmetric</em> row-major {@code n x n} matrix {@code m}, computed as
   * {@code sum_j v[j] * m[j, :]} (row j equals column j): broadcast-multiply-add over whole vectors
   * with four independent accumulators and no horizontal reductions, several times faster than
   * {@link #gemv} for the Gramian products of the CG solver.
   *
   * @param m {@code float[n * n]}, symmetric (not checked)
   * @param v {@code float[n]}
   * @param out {@code float[n]}, overwritten
   */
  public static void symv(float[] m, float[] v, float[] out, int n) {
    int bound = S.loopBound(n);
    for (int c = 0; c < bound; c += S.length()) {
      FloatVector a0 = FloatVector.zero(S), a1 = a0, a2 = a0, a3 = a0;
      int j = 0;
      for (; j + 3 < n; j += 4) {
        a0 = FloatVector.fromArray(S, m, j * n + c).fma(FloatVector.broadcast(S, v[j]), a0);
        a1 = FloatVector.fromArray(S, m, (j + 1) * n + c).fma(FloatVector.broadcast(S, v[j + 1]), a1);
        a2 = FloatVector.fromArray(S, m, (j + 2) * n + c).fma(FloatVector.broadcast(S, v[j + 2]), a2);
        a3 = FloatVector.fromArray(S, m, (j + 3) * n + c).fma(FloatVector.broadcast(S, v[j + 3]), a3);
      }
      for (; j < n; j++) {
        a0 = FloatVector.fromArray(S, m, j * n + c).fma(FloatVector.broadcast(S, v[j]), a0);
      }
      a0.add(a1).add(a2.add(a3)).intoArray(out, c);
    }
    for (int c = bound; c < n; c++) {
      out[c] = dot(m, c * n, v, 0, n);
    }
  }

  /**
   * The observed-pair part of the iALS normal equations, for one row: with {@code y_q = yd[idx[q] * f ..
   * idx[q] * f + f)} and {@code s_q = y_q . v},
   *
   * <pre>
   *   out += sum_{q in [from, to)} (u0 + u1 w[q] + (t0 + t1 w[q]) s_q) y_q
   * </pre>
   *
   * Four rows of {@code y} are processed together (four independent dot products, then one pass that
   * adds all four to {@code out}), which hides the latency of the gathers and of the horizontal sums.
   * With {@code (u0, u1, t0, t1) = (0, 0, 0, alpha)} this is {@code sum (c - 1)(y . p) y} of a CG product
   * {@code A p}; with {@code (1, alpha, 0, -alpha)} it is the observed part of the residual {@code b -
   * A x} (Hu et al. 2008, eq. 4, with {@code c = 1 + alpha w}).
   *
   * @param yd factors of the fixed side, {@code float[n * f]} row-major
   * @param idx row indices into {@code yd}, read in {@code [from, to)}
   * @param w implicit weights aligned with {@code idx}
   * @param v {@code float[f]}
   * @param out {@code float[f]}, accumulated into
   */
  public static void accumulateRows(
      float[] yd, int[] idx, float[] w, int from, int to, float u0, float u1, float t0, float t1, float[] v,
      float[] out, int f) {
    int bound = S.loopBound(f);
    float[] sq = new float[4];
    int q = from;
    for (; q + 3 < to; q += 4) {
      int o0 = idx[q] * f, o1 = idx[q + 1] * f, o2 = idx[q + 2] * f, o3 = idx[q + 3] * f;
      dot4(yd, o0, o1, o2, o3, v, f, sq, 0);
      float s0 = sq[0], s1 = sq[1], s2 = sq[2], s3 = sq[3];
      float k0 = u0 + u1 * w[q] + (t0 + t1 * w[q]) * s0;
      float k1 = u0 + u1 * w[q + 1] + (t0 + t1 * w[q + 1]) * s1;
      float k2 = u0 + u1 * w[q + 2] + (t0 + t1 * w[q + 2]) * s2;
      float k3 = u0 + u1 * w[q + 3] + (t0 + t1 * w[q + 3]) * s3;
      FloatVector c0 = FloatVector.broadcast(S, k0), c1 = FloatVector.broadcast(S, k1);
      FloatVector c2 = FloatVector.broadcast(S, k2), c3 = FloatVector.broadcast(S, k3);
      int j = 0;
      for (; j < bound; j += S.length()) {
        FloatVector acc = FloatVector.fromArray(S, out, j);
        acc = FloatVector.fromArray(S, yd, o0 + j).fma(c0, acc);
        acc = FloatVector.fromArray(S, yd, o1 + j).fma(c1, acc);
        acc = FloatVector.fromArray(S, yd, o2 + j).fma(c2, acc);
        acc = FloatVector.fromArray(S, yd, o3 + j).fma(c3, acc);
        acc.intoArray(out, j);
      }
      for (; j < f; j++) {
        out[j] += k0 * yd[o0 + j] + k1 * yd[o1 + j] + k2 * yd[o2 + j] + k3 * yd[o3 + j];
      }
    }
    for (; q < to; q++) {
      int o = idx[q] * f;
      float k = u0 + u1 * w[q] + (t0 + t1 * w[q]) * dot(yd, o, v, 0, f);
      axpy(k, yd, o, out, 0, f);
    }
  }
}
