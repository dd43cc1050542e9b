package com.marquee.common.rank;

/**
 * Dot-product scoring of a query vector against a row-major factor matrix. Written as plain loops
 * that the JIT auto-vectorizes; shared by the trainer's evaluation and the server.
 */
public final class Scoring {

  private Scoring() {}

  /**
   * {@code out[i] = dot(factors[i*f .. i*f+f), query)} for every row {@code i < rows}.
   *
   * @param factors {@code float[rows * f]}, row-major
   * @param rows number of rows to score
   * @param f number of factors (row length)
   * @param query {@code float[f]}
   * @param out {@code float[>= rows]}, overwritten
   */
  public static void scoreAll(float[] factors, int rows, int f, float[] query, float[] out) {
    for (int i = 0; i < rows; i++) {
      out[i] = dot(factors, i * f, query, 0, f);
    }
  }

  /** {@code sum_j a[aOff + j] * b[bOff + j]} for {@code j < f}. */
  public static float dot(float[] a, int aOff, float[] b, int bOff, int f) {
    float s0 = 0f, s1 = 0f, s2 = 0f, s3 = 0f;
    int j = 0;
    for (; j + 3 < f; j += 4) {
      s0 += a[aOff + j] * b[bOff + j];
      s1 += a[aOff + j + 1] * b[bOff + j + 1];
      s2 += a[aOff + j + 2] * b[bOff + j + 2];
      s3 += a[aOff + j + 3] * b[bOff + j + 3];
    }
    for (; j < f; j++) {
      s0 += a[aOff + j] * b[bOff + j];
    }
    return (s0 + s1) + (s2 + s3);
  }
}
