package com.marquee.trainer.index;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.Arrays;
import java.util.Random;

/** Shared fixtures for the index tests: seeded Gaussian matrices and FAISS availability. */
final class IndexTestData {

  private IndexTestData() {}

  /** {@code float[n * d]} of N(0, 1) draws from a fixed seed. */
  static float[] gaussian(int n, int d, long seed) {
    Random r = new Random(seed);
    float[] m = new float[n * d];
    for (int i = 0; i < m.length; i++) {
      m[i] = (float) r.nextGaussian();
    }
    return m;
  }

  static float[] row(float[] m, int i, int d) {
    return Arrays.copyOfRange(m, i * d, (i + 1) * d);
  }

  /**
   * Skips on platforms the shim is not built for; on Linux x86_64 FAISS must load (the build
   * compiles the shim there), so a load failure fails the test with the reason.
   */
  static void requireFaiss() {
    String os = System.getProperty("os.name", "");
    String arch = System.getProperty("os.arch", "");
    assumeTrue(os.startsWith("Linux") && (arch.equals("amd64") || arch.equals("x86_64")),
        "FAISS shim is Linux x86_64 only");
    assertTrue(FaissNative.isAvailable(), () -> "FAISS unavailable: " + FaissNative.unavailableReason());
  }
}
