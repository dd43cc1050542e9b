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
    final double[] x;
    final double[] r;
    final double[] p;
    final double[] ap;

    public Workspace(int factors) {
      x = new double[factors];
      r = new double[factors];
      p = new double[factors];
      ap = new double[factors];
    }
  }

  /** A new workspace sized for this solver. */
  public Workspace newWorkspace() {
    return new Workspace(factors);
  }

  /**
   * Improves row {@code out[outOffset .. outOffset + f)} in place by {@code steps} CG iterations on
   * the row's normal equations, starting from its current value.
   *
   * @param y the fixed side's factors, {@code (n, f)}
   * @param yty {@link IalsSolver#gramian(FactorMatrix)} of {@code y}, {@code double[f * f]}
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
    double[] x = ws.x, r = ws.r, p = ws.p, ap = ws.ap;
    for (int j = 0; j < f; j++) {
      x[j] = out[outOffset + j];
    }
    // r = b - A x = -(YtY + lambda I) x + sum_i [c_i - (c_i - 1) (y_i . x)] y_i
    multiplyGramian(yty, x, r, f);
    for (int j = 0; j < f; j++) {
      r[j] = -r[j] - regularization * x[j];
    }
    for (int q = from; q < to; q++) {
      int off = indices[q] * f;
      double c = 1.0 + alpha * weights[q];
      double s = dot(yd, off, x, f);
      double coef = c - (c - 1.0) * s;
      for (int j = 0; j < f; j++) {
        r[j] += coef * yd[off + j];
      }
    }
    System.arraycopy(r, 0, p, 0, f);
    double rsOld = dot(r, r, f);
    for (int step = 0; step < steps && rsOld > 1e-20; step++) {
      // ap = A p = (YtY + lambda I) p + sum_i (c_i - 1) (y_i . p) y_i
      multiplyGramian(yty, p, ap, f);
      for (int j = 0; j < f; j++) {
        ap[j] += regularization * p[j];
      }
      for (int q = from; q < to; q++) {
        double cm1 = alpha * weights[q];
        if (cm1 == 0) {
          continue;
        }
        int off = indices[q] * f;
        double coef = cm1 * dot(yd, off, p, f);
        for (int j = 0; j < f; j++) {
          ap[j] += coef * yd[off + j];
        }
      }
      double pAp = dot(p, ap, f);
      if (!(pAp > 0)) {
        break; // A is positive definite; a non-positive curvature means we have converged numerically
      }
      double a = rsOld / pAp;
      for (int j = 0; j < f; j++) {
        x[j] += a * p[j];
        r[j] -= a * ap[j];
      }
      double rsNew = dot(r, r, f);
      double beta = rsNew / rsOld;
      for (int j = 0; j < f; j++) {
        p[j] = r[j] + beta * p[j];
      }
      rsOld = rsNew;
    }
    for (int j = 0; j < f; j++) {
      out[outOffset + j] = (float) x[j];
    }
  }

  private static void multiplyGramian(double[] g, double[] v, double[] out, int f) {
    for (int i = 0; i < f; i++) {
      double s = 0;
      int gi = i * f;
      for (int j = 0; j < f; j++) {
        s += g[gi + j] * v[j];
      }
      out[i] = s;
    }
  }

  private static double dot(float[] a, int off, double[] b, int f) {
    double s = 0;
    for (int j = 0; j < f; j++) {
      s += a[off + j] * b[j];
    }
    return s;
  }

  private static double dot(double[] a, double[] b, int f) {
    double s = 0;
    for (int j = 0; j < f; j++) {
      s += a[j] * b[j];
    }
    return s;
  }
}
