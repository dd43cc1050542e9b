package com.marquee.common.als;

import com.marquee.common.artifact.FactorMatrix;
import com.marquee.common.rank.Scoring;

/**
 * The iALS objective of Hu, Koren, Volinsky (2008), eq. 3, over all user-item pairs:
 *
 * <pre>
 *   L = sum_{u,i} c_ui (p_ui - x_u . y_i)^2 + lambda (sum_u |x_u|^2 + sum_i |y_i|^2)
 * </pre>
 *
 * computed without enumerating the {@code nUsers * nItems} pairs: the unobserved part is {@code
 * sum_u x_u^T (Y^T Y) x_u} and each observed pair adds {@code c (1 - s)^2 - s^2} with {@code s = x_u .
 * y_i}. Cost {@code O(nnz f + nUsers f^2)}.
 */
public final class IalsLoss {

  private IalsLoss() {}

  /**
   * @param x user factors {@code (nUsers, f)}
   * @param y item factors {@code (nItems, f)}
   * @param indptr CSR row pointers of the user-item matrix, {@code int[nUsers + 1]}
   * @param indices item rows, {@code int[nnz]}
   * @param weights implicit weights r_ui, {@code float[nnz]}
   * @return the loss (unnormalised)
   */
  public static double loss(
      FactorMatrix x, FactorMatrix y, int[] indptr, int[] indices, float[] weights, double regularization,
      double alpha) {
    int f = x.cols();
    double[] yty = IalsSolver.gramian(y);
    float[] xd = x.data();
    float[] yd = y.data();
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
      total += quad;
      for (int p = indptr[u]; p < indptr[u + 1]; p++) {
        double s = Scoring.dot(xd, off, yd, indices[p] * f, f);
        double c = 1.0 + alpha * weights[p];
        total += c * (1 - s) * (1 - s) - s * s;
      }
    }
    return total + regularization * (sumSquares(xd) + sumSquares(yd));
  }

  private static double sumSquares(float[] a) {
    double s = 0;
    for (float v : a) {
      s += (double) v * v;
    }
    return s;
  }
}
