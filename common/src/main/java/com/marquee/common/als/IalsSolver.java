package com.marquee.common.als;

import com.marquee.common.artifact.FactorMatrix;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * The per-row least-squares step of implicit ALS (Hu, Koren, Volinsky, "Collaborative Filtering for
 * Implicit Feedback Datasets", ICDM 2008, §4, eq. 4): with the other side's factors Y fixed,
 *
 * <pre>
 *   x_u = (Y^T C^u Y + lambda I)^-1 Y^T C^u p(u)
 * </pre>
 *
 * where {@code c_ui = 1 + alpha * r_ui} is the confidence weight of an observed pair (1 for every
 * unobserved one) and {@code p_ui = 1} exactly for the observed pairs. Following §4 of the paper,
 * {@code Y^T C^u Y = Y^T Y + Y^T (C^u - I) Y}: the Gramian {@code Y^T Y} is computed once per sweep
 * ({@link #gramian}) and each row adds only its observed items, so a row costs {@code O(n_u f^2 +
 * f^3)}. The system is symmetric positive definite and solved with EJML's Cholesky decomposition.
 *
 * <p>The same step solves a user row during training, an item row (with users and items swapped),
 * and a new or anonymous user's vector online (fold-in: the row is solved against the trained item
 * factors, no retraining).
 *
 * <p>Not thread-safe per {@link Workspace}: give each thread its own.
 */
public final class IalsSolver {

  private final int factors;
  private final IalsObjective objective;

  /**
   * A solver of Hu et al.'s objective (see {@link IalsObjective#hu}).
   *
   * @param factors number of latent factors f ({@code >= 1})
   * @param regularization L2 weight lambda ({@code >= 0}; {@code > 0} keeps the system definite)
   * @param alpha confidence scale: {@code c_ui = 1 + alpha * r_ui} ({@code >= 0})
   * @throws IllegalArgumentException on an out-of-range argument
   */
  public IalsSolver(int factors, double regularization, double alpha) {
    this(factors, IalsObjective.hu(regularization, alpha));
  }

  /**
   * @param factors number of latent factors f ({@code >= 1})
   * @param objective the formulation (Hu et al. 2008 or Rendle et al. 2022) and its hyperparameters
   * @throws IllegalArgumentException if {@code factors < 1} or {@code objective} is null
   */
  public IalsSolver(int factors, IalsObjective objective) {
    if (factors < 1) {
      throw new IllegalArgumentException("factors must be >= 1, got " + factors);
    }
    if (objective == null) {
      throw new IllegalArgumentException("objective is required");
    }
    this.factors = factors;
    this.objective = objective;
  }

  public int factors() {
    return factors;
  }

  public IalsObjective objective() {
    return objective;
  }

  /** Scratch space of one thread: the f x f system, right-hand side and solution, and the solver. */
  public static final class Workspace {
    final DMatrixRMaj a;
    final DMatrixRMaj b;
    final DMatrixRMaj x;
    final LinearSolverDense<DMatrixRMaj> cholesky;
    final double[] yrow;

    public Workspace(int factors) {
      yrow = new double[factors];
      a = new DMatrixRMaj(factors, factors);
      b = new DMatrixRMaj(factors, 1);
      x = new DMatrixRMaj(factors, 1);
      cholesky = LinearSolverFactory_DDRM.chol(factors);
    }
  }

  /** A new workspace sized for this solver. */
  public Workspace newWorkspace() {
    return new Workspace(factors);
  }

  /** Rows accumulated in float before they are added to the double Gramian (bounds the rounding error). */
  private static final int GRAMIAN_BLOCK = 256;

  /**
   * The Gramian {@code Y^T Y} of a factor matrix. Rows are added as SIMD rank-one updates into a float
   * block of {@value #GRAMIAN_BLOCK} rows, and each block is summed into the double result, so the
   * relative error stays near float precision times the block length while the cost is {@code n f^2}
   * vector lanes (about 30 ms for 138k x 64 here, against about 250 ms for a scalar double loop).
   *
   * @param y {@code (n, f)} factors
   * @return {@code double[f * f]}, row-major, symmetric
   */
  public static double[] gramian(FactorMatrix y) {
    int f = y.cols();
    double[] g = new double[f * f];
    float[] block = new float[f * f];
    float[] d = y.data();
    for (int r0 = 0; r0 < y.rows(); r0 += GRAMIAN_BLOCK) {
      java.util.Arrays.fill(block, 0f);
      int r1 = Math.min(y.rows(), r0 + GRAMIAN_BLOCK);
      for (int r = r0; r < r1; r++) {
        int off = r * f;
        for (int i = 0; i < f; i++) {
          float yi = d[off + i];
          if (yi != 0f) {
            VectorKernels.axpy(yi, d, off, block, i * f, f);
          }
        }
      }
      for (int k = 0; k < g.length; k++) {
        g[k] += block[k];
      }
    }
    return g;
  }

  /**
   * Solves one row: writes {@code x = (a0 YtY + sum_i e_i y_i y_i^T + lambda_u I)^-1 sum_i beta_i y_i}
   * into {@code out[outOffset .. outOffset + f)} (see {@link IalsObjective}; for Hu et al. this is
   * {@code (YtY + Y^T (C - I) Y + lambda I)^-1 Y^T C p}).
   *
   * @param y the fixed side's factors, {@code (n, f)}
   * @param yty {@link #gramian(FactorMatrix)} of {@code y}, {@code double[f * f]}
   * @param indices rows of {@code y} the solved row interacted with, in {@code indices[from..to)}
   * @param weights implicit weights {@code r_ui} aligned with {@code indices}
   * @param from first entry (inclusive)
   * @param to last entry (exclusive); {@code from == to} gives the zero vector
   * @param out destination, e.g. the data array of the solved side's {@link FactorMatrix}
   * @param outOffset where the row starts in {@code out}
   * @param ws this thread's workspace
   * @throws IllegalStateException if the system is not positive definite (only possible with
   *     a zero regularization and degenerate factors)
   */
  public void solveRow(
      FactorMatrix y, double[] yty, int[] indices, float[] weights, int from, int to, float[] out, int outOffset,
      Workspace ws) {
    int f = factors;
    if (from == to) {
      java.util.Arrays.fill(out, outOffset, outOffset + f, 0f);
      return;
    }
    double[] a = ws.a.data;
    double[] b = ws.b.data;
    double a0 = objective.unobservedWeight();
    for (int k = 0; k < f * f; k++) {
      a[k] = a0 * yty[k];
    }
    java.util.Arrays.fill(b, 0, f, 0.0);
    double lambda = objective.rowRegularization(to - from, y.rows());
    for (int i = 0; i < f; i++) {
      a[i * f + i] += lambda;
    }
    double betaConstant = objective.betaConstant();
    double betaSlope = objective.betaSlope();
    double extraSlope = objective.extraSlope();
    float[] yd = y.data();
    double[] yrow = ws.yrow;
    for (int p = from; p < to; p++) {
      int off = indices[p] * f;
      for (int i = 0; i < f; i++) {
        yrow[i] = yd[off + i];
      }
      VectorKernels.axpy(betaConstant + betaSlope * weights[p], yrow, 0, b, 0, f);
      double extra = extraSlope * weights[p];
      if (extra != 0) {
        // whole rows with SIMD: A[i, :] += (extra y_i) y (twice the flops of one triangle, several
        // times fewer instructions)
        for (int i = 0; i < f; i++) {
          double s = extra * yrow[i];
          if (s != 0) {
            VectorKernels.axpy(s, yrow, 0, a, i * f, f);
          }
        }
      }
    }
    for (int i = 0; i < f; i++) { // (extra y_i) y_j and (extra y_j) y_i can round apart: mirror the upper triangle
      for (int j = 0; j < i; j++) {
        a[i * f + j] = a[j * f + i];
      }
    }
    if (!ws.cholesky.setA(ws.a)) {
      throw new IllegalStateException("iALS row system is not positive definite (" + objective + ")");
    }
    ws.cholesky.solve(ws.b, ws.x);
    double[] x = ws.x.data;
    for (int i = 0; i < f; i++) {
      out[outOffset + i] = (float) x[i];
    }
  }

  /**
   * Fold-in: the vector of a user who is not in the trained model (or whose history changed),
   * solved against the trained item factors without retraining.
   *
   * @param itemFactors trained item factors, {@code (nItems, f)}
   * @param yty {@link #gramian(FactorMatrix)} of {@code itemFactors} (cache it per model)
   * @param items item rows the user interacted with
   * @param weights their implicit weights r_ui (e.g. all 1 for binary feedback)
   * @return {@code float[f]}
   */
  public float[] foldIn(FactorMatrix itemFactors, double[] yty, int[] items, float[] weights) {
    float[] out = new float[factors];
    solveRow(itemFactors, yty, items, weights, 0, items.length, out, 0, newWorkspace());
    return out;
  }
}
