package com.marquee.trainer.data;

import com.marquee.common.artifact.UserItems;
import java.util.Arrays;

/**
 * A sparse {@code (rows, cols)} matrix in compressed sparse row form, column indices ascending within
 * each row: the implicit-feedback matrix R of the trainer (rows = users) and its transpose (rows =
 * items).
 *
 * @param rows number of rows
 * @param cols number of columns
 * @param indptr {@code int[rows + 1]}; row r's entries are {@code [indptr[r], indptr[r+1])}
 * @param indices {@code int[nnz]} column indices
 * @param values {@code float[nnz]} implicit weights r_ui
 */
public record CsrMatrix(int rows, int cols, int[] indptr, int[] indices, float[] values) {

  /** Number of stored entries. */
  public int nnz() {
    return indices.length;
  }

  /**
   * Builds a CSR matrix from coordinate triples; duplicates of a (row, col) pair keep the larger value.
   *
   * @param rowIdx {@code int[n]} row of each entry, in {@code [0, rows)}
   * @param colIdx {@code int[n]} column of each entry, in {@code [0, cols)}
   * @param vals {@code float[n]} value of each entry
   * @throws IllegalArgumentException if an index is out of range
   */
  public static CsrMatrix fromTriples(int rows, int cols, int[] rowIdx, int[] colIdx, float[] vals) {
    int n = rowIdx.length;
    int[] counts = new int[rows + 1];
    for (int t = 0; t < n; t++) {
      if (rowIdx[t] < 0 || rowIdx[t] >= rows || colIdx[t] < 0 || colIdx[t] >= cols) {
        throw new IllegalArgumentException("entry (" + rowIdx[t] + ", " + colIdx[t] + ") outside " + rows + " x " + cols);
      }
      counts[rowIdx[t] + 1]++;
    }
    for (int r = 0; r < rows; r++) {
      counts[r + 1] += counts[r];
    }
    int[] next = Arrays.copyOf(counts, rows);
    int[] ind = new int[n];
    float[] val = new float[n];
    for (int t = 0; t < n; t++) {
      int p = next[rowIdx[t]]++;
      ind[p] = colIdx[t];
      val[p] = vals[t];
    }
    // Sort each row by column and merge duplicates.
    int[] outPtr = new int[rows + 1];
    int w = 0;
    for (int r = 0; r < rows; r++) {
      int s = counts[r], e = counts[r + 1];
      sortRow(ind, val, s, e);
      for (int p = s; p < e; p++) {
        if (w > outPtr[r] && ind[w - 1] == ind[p]) {
          val[w - 1] = Math.max(val[w - 1], val[p]);
        } else {
          ind[w] = ind[p];
          val[w] = val[p];
          w++;
        }
      }
      outPtr[r + 1] = w;
    }
    return new CsrMatrix(rows, cols, outPtr, Arrays.copyOf(ind, w), Arrays.copyOf(val, w));
  }

  /** The transpose, {@code (cols, rows)}, with sorted rows. */
  public CsrMatrix transpose() {
    int[] ptr = new int[cols + 1];
    for (int c : indices) {
      ptr[c + 1]++;
    }
    for (int c = 0; c < cols; c++) {
      ptr[c + 1] += ptr[c];
    }
    int[] next = Arrays.copyOf(ptr, cols);
    int[] ind = new int[nnz()];
    float[] val = new float[nnz()];
    for (int r = 0; r < rows; r++) { // rows visited in order, so each transposed row comes out sorted
      for (int p = indptr[r]; p < indptr[r + 1]; p++) {
        int q = next[indices[p]]++;
        ind[q] = r;
        val[q] = values[p];
      }
    }
    return new CsrMatrix(cols, rows, ptr, ind, val);
  }

  /** Number of entries in row r. */
  /**
   * Splits the rows into at most {@code parts} contiguous ranges of about equal cost, a row costing
   * its number of entries plus {@code rowCost}: rows of power-law data differ by orders of magnitude
   * (a blockbuster has thousands of users), so equal row counts would leave one worker with most of
   * the work.
   *
   * @param parts wanted number of ranges ({@code >= 1})
   * @param rowCost fixed cost of a row in units of one entry ({@code >= 0})
   * @return {@code int[k + 1]} boundaries, {@code k <= parts}: range {@code j} is rows {@code
   *     [b[j], b[j + 1])}, {@code b[0] = 0}, {@code b[k] = rows}, every range non-empty
   */
  public int[] balancedRowRanges(int parts, long rowCost) {
    if (parts < 1 || rowCost < 0) {
      throw new IllegalArgumentException("need parts >= 1 and rowCost >= 0, got " + parts + ", " + rowCost);
    }
    double total = (double) nnz() + rowCost * (double) rows;
    int[] bounds = new int[Math.min(parts, Math.max(rows, 1)) + 1];
    int k = 0;
    long cost = 0;
    for (int r = 0; r < rows; r++) {
      cost += indptr[r + 1] - indptr[r] + rowCost;
      if (k < bounds.length - 2 && r + 1 < rows && cost >= total * (k + 1) / (bounds.length - 1)) {
        bounds[++k] = r + 1;
      }
    }
    bounds[++k] = rows;
    return java.util.Arrays.copyOf(bounds, k + 1);
  }

  public int rowLength(int r) {
    return indptr[r + 1] - indptr[r];
  }

  /** True when (r, c) is stored (binary search). */
  public boolean contains(int r, int c) {
    return Arrays.binarySearch(indices, indptr[r], indptr[r + 1], c) >= 0;
  }

  /** This matrix as the {@code user_items.bin} artifact (rows = users). */
  public UserItems toUserItems() {
    return new UserItems(cols, indptr, indices, values);
  }

  private static void sortRow(int[] ind, float[] val, int s, int e) {
    for (int i = s + 1; i < e; i++) { // rows are short; insertion sort is stable and allocation-free
      int ci = ind[i];
      float vi = val[i];
      int j = i - 1;
      while (j >= s && ind[j] > ci) {
        ind[j + 1] = ind[j];
        val[j + 1] = val[j];
        j--;
      }
      ind[j + 1] = ci;
      val[j + 1] = vi;
    }
  }
}
