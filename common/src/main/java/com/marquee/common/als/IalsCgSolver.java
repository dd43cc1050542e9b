package com.marquee.common.als;

import com.marquee.common.artifact.FactorMatrix;

/**
 * The per-row step of implicit ALS solved approximately by a few conjugate-gradient iterations,
 * warm-started from the row's current vector (Takács, Pilászy, Tikk, "Applications of the Conjugate
 * Gradient Method for Implicit Feedback Collaborative Filtering", RecSys 2011, §3, Algorithm 2).
 *
 * <p>It solves the same system as {@link IalsSolver#solveRow}, {@code A x = b} with {@code A = a0 Y^T Y +
 * lambda_u I + sum_{i in I_u} e_i y_i y_i^T} and {@code b = sum_{i in I_u} beta_i y_i} ({@link
 * IalsObjective}; for Hu, Koren, Volinsky 2008, eq. 4: {@code a0 = 1, e = c - 1, beta = c}), but never
 * forms {@code A}: each product {@code A p} costs {@code O(f^2 + n_u f)} instead of the {@code O(n_u f^2 +
 * f^3)} of building and factorising it. With {@code f} steps CG is exact (in exact arithmetic); in a
 * training sweep 2-4 steps per row, warm-started across sweeps, reach the same loss (paper, §4), which is
 * what makes it fast.
 *
 * <p>Not thread-safe per {@link Workspace}: give each thread its own.
 */
public final class IalsCgSolver {

  private final int factors;
  private final IalsObjective objective;
  private final int steps;

  /**
   * A CG solver of Hu et al.'s objective (see {@link IalsObjective#hu}).
   *
   * @param factors number of latent factors f ({@code >= 1})
   * @param regularization L2 weight lambda ({@code >= 0})
   * @param alpha confidence scale: {@code c_ui = 1 + alpha * r_ui} ({@code >= 0})
   * @param steps CG iterations per row ({@code >= 1})
   * @throws IllegalArgumentException on an out-of-range argument
   */
  public IalsCgSolver(int factors, double regularization, double alpha, int steps) {
    this(factors, IalsObjective.hu(regularization, alpha), steps);
  }

  /**
   * @param factors number of latent factors f ({@code >= 1})
   * @param objective the formulation (Hu et al. 2008 or Rendle et al. 2022) and its hyperparameters
   * @param steps CG iterations per row ({@code >= 1})
   * @throws IllegalArgumentException on an out-of-range argument
   */
  public IalsCgSolver(int factors, IalsObjective objective, int steps) {
    if (factors < 1 || steps < 1 || objective == null) {
      throw new IllegalArgumentException("need factors >= 1, steps >= 1 and an objective; got "
          + factors + ", " + steps + ", " + objective);
    }
    this.factors = factors;
    this.objective = objective;
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
    double gramianScale;

    public Workspace(int factors) {
      x = new float[factors];
      r = new float[factors];
      p = new float[factors];
      ap = new float[factors];
    }

    /**
     * The float copy of {@code scale * yty}, made once per sweep and thread (the double array
     * identifies the sweep).
     */
    float[] gramian(double[] yty, double scale) {
      if (gramianSource != yty || gramianScale != scale) {
        if (gramian == null || gramian.length != yty.length) {
          gramian = new float[yty.length];
        }
        for (int i = 0; i < yty.length; i++) {
          gramian[i] = (float) (scale * yty[i]);
        }
        gramianSource = yty;
        gramianScale = scale;
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
   * @param yty {@link IalsSolver#gramian(FactorMatrix)} of {@code y} (unscaled), {@code double[f * f]};
   *     pass the same array for every row of a sweep (its float copy is cached per workspace by identity)
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
    float[] g = ws.gramian(yty, objective.unobservedWeight());
    float[] x = ws.x, r = ws.r, p = ws.p, ap = ws.ap;
    float lambda = (float) objective.rowRegularization(to - from, y.rows());
    float betaConstant = objective.betaConstant();
    float betaSlope = objective.betaSlope();
    float extraSlope = objective.extraSlope();
    System.arraycopy(out, outOffset, x, 0, f);
    // r = b - A x = -(a0 YtY + lambda I) x + sum_i [beta_i - e_i (y_i . x)] y_i
    VectorKernels.symv(g, x, r, f);
    for (int j = 0; j < f; j++) {
      r[j] = -r[j] - lambda * x[j];
    }
    VectorKernels.accumulateRows(yd, indices, weights, from, to, betaConstant, betaSlope, 0f, -extraSlope, x, r, f);
    System.arraycopy(r, 0, p, 0, f);
    float rsOld = VectorKernels.dot(r, 0, r, 0, f);
    for (int step = 0; step < steps && rsOld > 1e-30f; step++) {
      // ap = A p = (a0 YtY + lambda I) p + sum_i e_i (y_i . p) y_i
      VectorKernels.symv(g, p, ap, f);
      VectorKernels.axpy(lambda, p, 0, ap, 0, f);
      VectorKernels.accumulateRows(yd, indices, weights, from, to, 0f, 0f, 0f, extraSlope, p, ap, f);
      float pAp = VectorKernels.dot(p, 0, ap, 0, f);
      if (!(pAp > 0f)) {
        break; // A is positive definite; a non-positive curvature means we have converged numerically
      }
      float stepLength = rsOld / pAp;
      VectorKernels.axpy(stepLength, p, 0, x, 0, f);
      VectorKernels.axpy(-stepLength, ap, 0, r, 0, f);
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
