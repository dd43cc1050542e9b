package com.marquee.trainer.index;

/** Argument checks shared by the {@link VectorIndex} implementations. */
final class Checks {

  private Checks() {}

  static void matrix(float[] m, int n, int d, String name) {
    if (n < 0 || d <= 0) {
      throw new IllegalArgumentException("need n >= 0 and d > 0, got n=" + n + ", d=" + d);
    }
    if (m.length < (long) n * d) {
      throw new IllegalArgumentException(
          name + ".length=" + m.length + " < n*d=" + ((long) n * d) + " (n=" + n + ", d=" + d + ")");
    }
  }

  static void query(float[] query, int d, int k) {
    if (query.length != d) {
      throw new IllegalArgumentException("query.length=" + query.length + " != dimension " + d);
    }
    if (k < 0) {
      throw new IllegalArgumentException("k must be >= 0, got " + k);
    }
  }

  static void batch(float[] queries, int n, int d, int k) {
    if (k < 0) {
      throw new IllegalArgumentException("k must be >= 0, got " + k);
    }
    matrix(queries, n, d, "queries");
  }
}
