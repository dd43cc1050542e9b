package com.marquee.common.als;

import com.marquee.common.artifact.FactorMatrix;
import com.marquee.common.rank.Scoring;

/**
 * The iALS objective over all user-item pairs, in the general form of {@link IalsObjective}:
 *
 * <pre>
 *   L = sum_u [ a0 x_u^T (Y^T Y) x_u + sum_{i in I_u} (e_ui s_ui^2 - 2 beta_ui s_ui + beta_ui) ]
 *       + sum_u lambda_u |x_u|^2 + sum_i lambda_i |y_i|^2
 * </pre>
 *
 * with {@code s_ui = x_u . y_i}; for Hu, Koren, Volinsky (2008) this is their eq. 3, {@code sum_{u,i}
 * c_ui (p_ui - s_ui)^2 + lambda (sum |x_u|^2 + sum |y_i|^2)}. It is computed without enumerating the
 * {@code nUsers * nItems} pairs: the unobserved part is the Gramian quadratic form. Cost {@code O(nnz f
 * + nUsers f^2)}.
 */
public final class IalsLoss {

  private IalsLoss() {}

  /** Hu et al. (2008) eq. 3; see {@link #loss(FactorMatrix, FactorMatrix, int[], int[], float[], IalsObjective)}. */
  public static double loss(
      FactorMatrix x, FactorMatrix y, int[] indptr, int[] indices, float[] weights, double regularization,
      double alpha) {
    return loss(x, y, indptr, indices, weights, IalsObjective.hu(regularization, alpha));
  }

  /**
   * @param x user factors {@code (nUsers, f)}
   * @param y item factors {@code (nItems, f)}
   * @param indptr CSR row pointers of the user-item matrix, {@code int[nUsers + 1]}
   * @param indices item rows, {@code int[nnz]}
   * @param weights implicit weights r_ui, {@code float[nnz]}
   * @param objective the formulation and its hyperparameters
   * @return the loss (unnormalised)
   */
  public static double loss(
      FactorMatrix x, FactorMatrix y, int[] indptr, int[] indices, float[] weights, IalsObjective objective) {
    int f = x.cols();
    double[] yty = IalsSolver.gramian(y);
    double a0 = objective.unobservedWeight();
    float[] xd = x.data();
    float[] yd = y.data();
    int[] usersPerItem = new int[y.rows()];
    double total = 0;
    for (int u = 0; u < x.rows(); u++) {
      int off = u * f;
      double quad = 0;
      for (int i = 0; i < f; i++) {
        double xi = xd[off + i];
        double row = 0;
        for (int j = 0; j < f; j++) {
          row += yty[i * f + j] * xd[off + j];
        }
        quad += xi * row;
      }
      total += a0 * quad;
      for (int p = indptr[u]; p < indptr[u + 1]; p++) {
        double s = Scoring.dot(xd, off, yd, indices[p] * f, f);
        double beta = objective.betaConstant() + objective.betaSlope() * weights[p];
        double extra = objective.extraSlope() * weights[p];
        total += extra * s * s - 2 * beta * s + beta;
        usersPerItem[indices[p]]++;
      }
      total += objective.rowRegularization(indptr[u + 1] - indptr[u], y.rows()) * sumSquares(xd, off, f);
    }
    for (int i = 0; i < y.rows(); i++) {
      total += objective.rowRegularization(usersPerItem[i], x.rows()) * sumSquares(yd, i * f, f);
    }
    return total;
  }

  private static double sumSquares(float[] a, int from, int n) {
    double s = 0;
    for (int k = from; k < from + n; k++) {
      s += (double) a[k] * a[k];
    }
    return s;
  }
}
