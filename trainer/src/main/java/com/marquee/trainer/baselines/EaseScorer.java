package com.marquee.trainer.baselines;

import com.marquee.trainer.data.CsrMatrix;
import org.ejml.data.DMatrixRMaj;
import org.ejml.dense.row.factory.LinearSolverFactory_DDRM;
import org.ejml.dense.row.factory.LinearSolverFactory_MT_DDRM;
import org.ejml.interfaces.linsol.LinearSolverDense;

/**
 * EASE, "Embarrassingly Shallow Autoencoders for Sparse Data" (Steck, WWW 2019): an item-item weight
 * matrix B with a zero diagonal, in closed form (§3.1, eq. 8):
 *
 * <pre>
 *   P = (X^T X + lambda I)^-1,    B = I - P diag(1 / diag(P)),  i.e.  B_ij = -P_ij / P_jj (i != j), B_jj = 0
 * </pre>
 *
 * and a user's scores are {@code s_u = x_u B}: the sum, over the user's items i, of {@code x_ui} times
 * row i of B. X is the implicit-feedback matrix (weights as given, 1 for binary feedback). Scoring
 * needs only the user's history, so a user absent from X is scored the same way (fold-in is free).
 *
 * <p>The Gram matrix is accumulated from the sparse rows of X ({@code O(sum_u |I_u|^2)}); the inverse
 * uses EJML's Cholesky solver for symmetric positive-definite matrices (multi-threaded when {@code
 * threads > 1}), {@code O(n^3)} for n items.
 *
 * <p>Memory: dense n x n matrices. Fitting holds the Gram matrix, EJML's block copy of it and the
 * inverse in double precision, then B in single precision: about {@link #BYTES_PER_ENTRY} bytes per
 * entry of an n x n matrix at the peak. {@link #fit} refuses (with {@link CatalogTooLargeException})
 * when that exceeds the heap still available, or when n x n exceeds a Java array (n > 46,340).
 */
public final class EaseScorer implements Scorer {

  /** Peak bytes per n x n entry while fitting: three double matrices and one float matrix. */
  public static final long BYTES_PER_ENTRY = 3 * Double.BYTES + Float.BYTES;

  /** Largest n with n * n entries in one Java array. */
  public static final int MAX_ITEMS = 46_340;

  private final int n;
  private final float[] b;

  private EaseScorer(int n, float[] b) {
    this.n = n;
    this.b = b;
  }

  /** The catalog is too large for EASE's dense n x n matrices in this JVM. */
  public static final class CatalogTooLargeException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    CatalogTooLargeException(String message) {
      super(message);
    }
  }

  /**
   * Fits B on {@code x}.
   *
   * @param x {@code (nUsers, nItems)} implicit-feedback matrix
   * @param lambda L2 regularization, {@code > 0} (makes X^T X + lambda I positive definite)
   * @param threads EJML worker threads: {@code > 1} uses its concurrent Cholesky
   * @throws CatalogTooLargeException if the dense matrices do not fit ({@link #requiredBytes})
   * @throws IllegalArgumentException if {@code lambda <= 0}
   */
  public static EaseScorer fit(CsrMatrix x, double lambda, int threads) {
    if (!(lambda > 0)) {
      throw new IllegalArgumentException("EASE lambda must be > 0, got " + lambda);
    }
    int n = x.cols();
    checkMemory(n, availableHeap());
    DMatrixRMaj g = gram(x);
    for (int i = 0; i < n; i++) {
      g.data[i * n + i] += lambda;
    }
    LinearSolverDense<DMatrixRMaj> chol =
        threads > 1 ? LinearSolverFactory_MT_DDRM.symmPosDef(n) : LinearSolverFactory_DDRM.symmPosDef(n);
    if (!chol.setA(g)) {
      throw new IllegalStateException("X^T X + lambda I is not positive definite (lambda=" + lambda + ")");
    }
    g = null; // the solver holds its own copy; let the Gram matrix go before allocating the inverse
    DMatrixRMaj p = new DMatrixRMaj(n, n);
    chol.invert(p);
    chol = null;
    return new EaseScorer(n, weights(p));
  }

  /** B from P: {@code B_ij = -P_ij / P_jj}, zero diagonal, row-major floats. */
  static float[] weights(DMatrixRMaj p) {
    int n = p.numRows;
    double[] diag = new double[n];
    for (int j = 0; j < n; j++) {
      diag[j] = p.data[j * n + j];
    }
    float[] b = new float[n * n];
    for (int i = 0; i < n; i++) {
      int row = i * n;
      for (int j = 0; j < n; j++) {
        b[row + j] = i == j ? 0f : (float) (-p.data[row + j] / diag[j]);
      }
    }
    return b;
  }

  /** {@code X^T X} as a dense n x n matrix, accumulated over the users' rows. */
  static DMatrixRMaj gram(CsrMatrix x) {
    int n = x.cols();
    DMatrixRMaj g = new DMatrixRMaj(n, n);
    double[] d = g.data;
    int[] ind = x.indices();
    float[] val = x.values();
    for (int u = 0; u < x.rows(); u++) {
      int s = x.indptr()[u], e = x.indptr()[u + 1];
      for (int p = s; p < e; p++) {
        int row = ind[p] * n;
        double vp = val[p];
        for (int q = s; q < e; q++) {
          d[row + ind[q]] += vp * val[q];
        }
      }
    }
    return g;
  }

  /** Bytes the fit needs at its peak for {@code n} items. */
  public static long requiredBytes(int n) {
    return BYTES_PER_ENTRY * n * (long) n;
  }

  /** @throws CatalogTooLargeException if n items cannot be fitted with {@code available} bytes of heap */
  static void checkMemory(int n, long available) {
    if (n > MAX_ITEMS) {
      throw new CatalogTooLargeException(String.format(
          "EASE cannot fit %,d items: its dense %,d x %,d matrices exceed a Java array (at most %,d items)",
          n, n, n, MAX_ITEMS));
    }
    long need = requiredBytes(n);
    if (need > available) {
      throw new CatalogTooLargeException(String.format(
          "EASE needs about %.1f GiB of heap for %,d items (dense n x n matrices, %d bytes per entry) but only %.1f GiB "
              + "is available: raise the heap (e.g. JAVA_OPTS=-Xmx%dg) or shrink the catalog (higher --min-rating, "
              + "filter.min_item_interactions)",
          need / GIB, n, BYTES_PER_ENTRY, available / GIB, (long) Math.ceil(need * 1.3 / GIB) + 1));
    }
  }

  private static final double GIB = 1024.0 * 1024 * 1024;

  /** Heap that can still be allocated: max heap minus what is in use now. */
  static long availableHeap() {
    Runtime rt = Runtime.getRuntime();
    return rt.maxMemory() - (rt.totalMemory() - rt.freeMemory());
  }

  /** Number of items. */
  public int items() {
    return n;
  }

  /** {@code B_ij} (for tests). */
  public float weight(int i, int j) {
    return b[i * n + j];
  }

  @Override
  public String name() {
    return "ease";
  }

  @Override
  public void score(int user, CsrMatrix history, float[] out) {
    java.util.Arrays.fill(out, 0, n, 0f);
    for (int p = history.indptr()[user]; p < history.indptr()[user + 1]; p++) {
      int row = history.indices()[p] * n;
      float w = history.values()[p];
      for (int j = 0; j < n; j++) {
        out[j] += w * b[row + j];
      }
    }
  }
}
