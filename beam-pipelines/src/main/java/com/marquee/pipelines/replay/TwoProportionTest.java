package com.marquee.pipelines.replay;

import org.apache.commons.math3.distribution.NormalDistribution;

/**
 * Two-sided two-proportion z-test of an A/B difference in hit rate (e.g. Agresti, "Categorical Data
 * Analysis", §3.1): with {@code x} hits out of {@code n} evaluated lists per variant, {@code p = x / n},
 * pooled {@code p0 = (x_a + x_b) / (n_a + n_b)},
 *
 * <pre>
 *   z = (p_b - p_a) / sqrt(p0 (1 - p0) (1/n_a + 1/n_b)),   p-value = 2 (1 - Phi(|z|))
 * </pre>
 *
 * and a 95% Wald interval of {@code p_b - p_a} with the unpooled standard error {@code sqrt(p_a (1 -
 * p_a) / n_a + p_b (1 - p_b) / n_b)}. The normal approximation needs roughly 10+ hits and misses per
 * variant; the result says how many it had.
 *
 * @param baseline variant compared against
 * @param variant the other variant
 * @param hitsBaseline lists with a hit in the baseline
 * @param listsBaseline evaluated lists of the baseline
 * @param hitsVariant lists with a hit in the variant
 * @param listsVariant evaluated lists of the variant
 * @param difference {@code p_variant - p_baseline}
 * @param z the z statistic, NaN when undefined (no lists, or all hits / no hits on both sides)
 * @param pValue two-sided p-value, NaN when undefined
 * @param ciLow lower end of the 95% interval of the difference
 * @param ciHigh upper end of the 95% interval of the difference
 */
public record TwoProportionTest(
    String baseline, String variant, long hitsBaseline, long listsBaseline, long hitsVariant, long listsVariant,
    double difference, double z, double pValue, double ciLow, double ciHigh) {

  private static final NormalDistribution STANDARD_NORMAL = new NormalDistribution(null, 0, 1);
  private static final double Z_975 = STANDARD_NORMAL.inverseCumulativeProbability(0.975);

  /** Computes the test; lists counts of 0 give NaN statistics. */
  public static TwoProportionTest of(
      String baseline, long hitsA, long listsA, String variant, long hitsB, long listsB) {
    double pa = listsA == 0 ? Double.NaN : hitsA / (double) listsA;
    double pb = listsB == 0 ? Double.NaN : hitsB / (double) listsB;
    double pooled = (hitsA + hitsB) / (double) (listsA + listsB);
    double se0 = Math.sqrt(pooled * (1 - pooled) * (1.0 / listsA + 1.0 / listsB));
    double z = se0 > 0 ? (pb - pa) / se0 : Double.NaN;
    double p = Double.isNaN(z) ? Double.NaN : 2 * (1 - STANDARD_NORMAL.cumulativeProbability(Math.abs(z)));
    double se = Math.sqrt(pa * (1 - pa) / listsA + pb * (1 - pb) / listsB);
    return new TwoProportionTest(baseline, variant, hitsA, listsA, hitsB, listsB, pb - pa, z, p,
        pb - pa - Z_975 * se, pb - pa + Z_975 * se);
  }
}
