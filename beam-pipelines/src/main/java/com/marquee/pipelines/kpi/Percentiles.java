package com.marquee.pipelines.kpi;

/**
 * Exact percentiles by the nearest-rank method: for values sorted ascending {@code x_1 <= ... <= x_n}
 * and a percentile {@code p} in (0, 100], {@code P_p = x_r} with rank {@code r = ceil(p / 100 * n)}
 * (1-based). The result is always one of the observed values; no interpolation. Computed in integer
 * arithmetic so that e.g. p95 of 20 values is exactly {@code x_19}.
 */
public final class Percentiles {
  private Percentiles() {}

  /**
   * The 1-based nearest rank {@code ceil(perMille * n / 1000)}.
   *
   * @param perMille the percentile in thousandths, 1..1000 (p95 = 950, p99 = 990)
   * @param n number of values, {@code >= 1}
   * @throws IllegalArgumentException if an argument is out of range
   */
  public static int nearestRank(int perMille, int n) {
    if (perMille < 1 || perMille > 1000 || n < 1) {
      throw new IllegalArgumentException("need 1 <= perMille <= 1000 and n >= 1, got " + perMille + ", " + n);
    }
    return (int) ((perMille * (long) n + 999) / 1000);
  }

  /** The nearest-rank percentile of {@code sorted} (ascending, non-empty). */
  public static double of(double[] sorted, int perMille) {
    return sorted[nearestRank(perMille, sorted.length) - 1];
  }
}
