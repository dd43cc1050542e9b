package com.marquee.common.als;

import com.marquee.common.artifact.FactorMatrix;

/**
 * The per-row step of implicit ALS solved approximately by a few conjugate-gradient iterations,
 * warm-started from the row's current vector (Takács, Pilászy, Tikk, "Applications of the Conjugate
 * Gradient Method for Implicit Feedback Collaborative Filtering", RecSys 2011, §3, Algorithm 2).
 *
 * <p>It solves the same system as {@link IalsSolver#solveRow} (Hu, Koren, Volinsky 2008, eq. 4),
 * {@code A x = b} with {@code A = Y^T Y + lambda I + sum_{i in I_u} (c_ui - 1) y_i y_i^T} and {@code b =
 * sum_{i in I_u} c_ui y_i}, but never forms {@code A}: each product {@code A p} costs {@code O(f^2 +
 * n_u f)} instead of the {@code O(n_u f^2 + f^3)} of building and factorising it. With {@code f}
 * steps CG is exact (in exact arithmetic); in a training sweep 2-4 steps per row, warm-started across
 * sweeps, reach the same loss (paper, §4), which is what makes it fast.
 *
 * <p>Not thread-safe per {@link Workspace}: give each thread its own.
 */
public final class IalsCgSolver {

  private final int factors;
  private final double regularization;
  private final double alpha;
  private final int steps;

  /**
   * @param factors number of latent factors f ({@code >= 1})
   * @param regularization L2 weight lambda ({@code >= 0})
   * @param alpha confidence scale: {@code c_ui = 1 + alpha * r_ui} ({@code >= 0})
   * @param steps CG iterations per row ({@code >= 1})
   * @throws IllegalArgumentException on an out-of-range argument
   */
  public IalsCgSolver(int factors, double regularization, double alpha, int steps) {
    if (factors < 1 || steps < 1 || !(regularization >= 0) || !(alpha >= 0)) {
      throw new IllegalArgumentException("need factors >= 1, steps >= 1, regularization >= 0, alpha >= 0; got "
          + factors + ", " + steps + ", " + regularization + ", " + alpha);
    }
    this.factors = factors;
    this.regularization = regularization;
    this.alpha = alpha;
    this.steps = steps;
  }

  public int factors() {
    return factors;
  }

  /** Scratch vectors of one thread. */
  public static final class Workspace {
    final float[] x;
    final float[] r;
    final float[] p;
    final float[] ap;
    float[] gramian;
    double[] gramianSource;

    public Workspace(int factors) {
      x = new float[factors];
      r = new float[factors];
      p = new float[factors];
      ap = new float[factors];
    }

    /** The float copy of a Gramian, made once per sweep and thread (the double array identifies the sweep). */
    float[] gramian(double[] yty) {
      if (gramianSource != yty) {
        if (gramian == null || gramian.length != yty.length) {
          gramian = new float[yty.length];
        }
        for (int i = 0; i < yty.length; i++) {
          gramian[i] = (float) yty[i];
        }
        gramianSource = yty;
      }
      return gramian;
    }
  }

  /** A new workspace sized for this solver. */
  public Workspace newWorkspace() {
    return new Workspace(factors);
  }

  /**
   * Improves row {@code out[outOffset .. outOffset + f)} in place by {@code steps} CG iterations on
   * the row's normal equations, starting from its current value. Arithmetic is float32 with SIMD
   * kernels ({@link VectorKernels}).
   *
   * @param y the fixed side's factors, {@code (n, f)}
   * @param yty {@link IalsSolver#gramian(FactorMatrix)} of {@code y}, {@code double[f * f]}; pass the
   *     same array for every row of a sweep (its float copy is cached per workspace by identity)
   * @param indices rows of {@code y} the solved row interacted with, in {@code indices[from..to)}
   * @param weights implicit weights {@code r_ui} aligned with {@code indices}
   * @param out the solved side's data; the row is both the starting point and the result
   * @param ws this thread's workspace
   */
  public void solveRow(
      FactorMatrix y, double[] yty, int[] indices, float[] weights, int from, int to, float[] out, int outOffset,
      Workspace ws) {
    int f = factors;
    float[] yd = y.data();
    float[] g = ws.gramian(yty);
    float[] x = ws.x, r = ws.r, p = ws.p, ap = ws.ap;
    float lambda = (float) regularization;
    System.arraycopy(out, outOffset, x, 0, f);
    // r = b - A x = -(YtY + lambda I) x + sum_i [c_i - (c_i - 1) (y_i . x)] y_i
    VectorKernels.gemv(g, x, r, f);
    for (int j = 0; j < f; j++) {
      r[j] = -r[j] - lambda * x[j];
    }
    for (int q = from; q < to; q++) {
      int off = indices[q] * f;
      float c = 1f + (float) alpha * weights[q];
      float s = VectorKernels.dot(yd, off, x, 0, f);
      VectorKernels.axpy(c - (c - 1f) * s, yd, off, r, 0, f);
    }
    System.arraycopy(r, 0, p, 0, f);
    float rsOld = VectorKernels.dot(r, 0, r, 0, f);
    for (int step = 0; step < steps && rsOld > 1e-30f; step++) {
      // ap = A p = (YtY + lambda I) p + sum_i (c_i - 1) (y_i . p) y_i
      VectorKernels.gemv(g, p, ap, f);
      VectorKernels.axpy(lambda, p, 0, ap, 0, f);
      for (int q = from; q < to; q++) {
        float cm1 = (float) alpha * weights[q];
        if (cm1 != 0f) {
          int off = indices[q] * f;
          VectorKernels.axpy(cm1 * VectorKernels.dot(yd, off, p, 0, f), yd, off, ap, 0, f);
        }
      }
      float pAp = VectorKernels.dot(p, 0, ap, 0, f);
      if (!(pAp > 0f)) {
        break; // A is positive definite; a non-positive curvature means we have converged numerically
      }
      float a = rsOld / pAp;
      VectorKernels.axpy(a, p, 0, x, 0, f);
      VectorKernels.axpy(-a, ap, 0, r, 0, f);
      float rsNew = VectorKernels.dot(r, 0, r, 0, f);
      float beta = rsNew / rsOld;
      for (int j = 0; j < f; j++) {
        p[j] = r[j] + beta * p[j];
      }
      rsOld = rsNew;
    }
    System.arraycopy(x, 0, out, outOffset, f);
  }
}
