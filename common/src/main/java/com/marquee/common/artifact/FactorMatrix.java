package com.marquee.common.artifact;

/**
 * A dense float32 matrix in row-major (C) order: the user or item embeddings of a factor model.
 *
 * @param rows number of rows (users or items)
 * @param cols number of latent factors f
 * @param data {@code float[rows * cols]}, element (r, c) at {@code r * cols + c}
 */
public record FactorMatrix(int rows, int cols, float[] data) {

  public FactorMatrix {
    if (rows < 0 || cols < 0) {
      throw new IllegalArgumentException("negative shape (" + rows + ", " + cols + ")");
    }
    if ((long) rows * cols != data.length) {
      throw new IllegalArgumentException(
          "data has " + data.length + " floats, shape (" + rows + ", " + cols + ") needs " + (long) rows * cols);
    }
  }

  /** A zero matrix of the given shape. */
  public static FactorMatrix zeros(int rows, int cols) {
    return new FactorMatrix(rows, cols, new float[Math.multiplyExact(rows, cols)]);
  }

  /** Copy of row {@code r}: {@code float[cols]}. */
  public float[] row(int r) {
    float[] out = new float[cols];
    System.arraycopy(data, r * cols, out, 0, cols);
    return out;
  }
}
