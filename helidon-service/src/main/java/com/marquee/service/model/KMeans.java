package com.marquee.service.model;

import com.marquee.common.als.VectorKernels;
import java.util.SplittableRandom;

/**
 * Lloyd's k-means with squared Euclidean distance (Lloyd 1982; as in FAISS {@code Clustering}),
 * used to partition item vectors into the inverted lists of {@link IvfRetriever}.
 *
 * <p>Initial centroids: {@code k} distinct rows drawn with a seeded shuffle. Assignment: the
 * centroid minimizing {@code ||x - c||^2}, i.e. maximizing {@code x.c - ||c||^2 / 2} (dot products
 * with {@link VectorKernels#dot}). Update: the mean of the assigned rows; an emptied centroid is
 * re-seeded with a random row. Cost {@code O(iterations * n * k * f)}; deterministic for a seed.
 */
final class KMeans {

  /**
   * @param centroids {@code float[k * f]}, row-major
   * @param assignment {@code int[n]}: list of each row, in {@code [0, k)}
   */
  record Result(float[] centroids, int[] assignment) {}

  private KMeans() {}

  /**
   * @param x {@code float[n * f]}, row-major
   * @param k number of clusters, {@code 1 <= k <= n}
   * @param iterations Lloyd iterations, {@code >= 1}
   * @throws IllegalArgumentException if {@code k} or {@code iterations} is out of range
   */
  static Result fit(float[] x, int n, int f, int k, int iterations, long seed) {
    if (k < 1 || k > n) {
      throw new IllegalArgumentException("k must be in [1, " + n + "], got " + k);
    }
    if (iterations < 1) {
      throw new IllegalArgumentException("iterations must be >= 1, got " + iterations);
    }
    SplittableRandom rnd = new SplittableRandom(seed);
    int[] perm = new int[n];
    for (int i = 0; i < n; i++) {
      perm[i] = i;
    }
    for (int i = 0; i < k; i++) { // partial Fisher-Yates: the first k entries are a uniform sample
      int j = i + rnd.nextInt(n - i);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    float[] c = new float[k * f];
    for (int i = 0; i < k; i++) {
      System.arraycopy(x, perm[i] * f, c, i * f, f);
    }
    int[] assignment = new int[n];
    double[] sums = new double[k * f];
    int[] counts = new int[k];
    for (int it = 0; it < iterations; it++) {
      assign(x, n, f, c, k, assignment);
      java.util.Arrays.fill(sums, 0);
      java.util.Arrays.fill(counts, 0);
      for (int i = 0; i < n; i++) {
        int a = assignment[i];
        counts[a]++;
        for (int j = 0; j < f; j++) {
          sums[a * f + j] += x[i * f + j];
        }
      }
      for (int a = 0; a < k; a++) {
        if (counts[a] == 0) {
          System.arraycopy(x, rnd.nextInt(n) * f, c, a * f, f);
          continue;
        }
        for (int j = 0; j < f; j++) {
          c[a * f + j] = (float) (sums[a * f + j] / counts[a]);
        }
      }
    }
    assign(x, n, f, c, k, assignment);
    return new Result(c, assignment);
  }

  /** Nearest centroid of every row (ties: the lower centroid index). */
  static void assign(float[] x, int n, int f, float[] c, int k, int[] out) {
    float[] halfNorm = new float[k];
    for (int a = 0; a < k; a++) {
      halfNorm[a] = 0.5f * VectorKernels.dot(c, a * f, c, a * f, f);
    }
    for (int i = 0; i < n; i++) {
      int best = 0;
      float bestScore = Float.NEGATIVE_INFINITY;
      for (int a = 0; a < k; a++) {
        float s = VectorKernels.dot(x, i * f, c, a * f, f) - halfNorm[a];
        if (s > bestScore) {
          bestScore = s;
          best = a;
        }
      }
      out[i] = best;
    }
  }
}
