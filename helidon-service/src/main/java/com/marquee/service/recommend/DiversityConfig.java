package com.marquee.service.recommend;

import static com.marquee.common.config.ConfigChecks.require;

/**
 * The {@code diversity} section: MMR re-ranking of {@code /recommend} and {@code /recommend/anonymous}.
 *
 * @param candidatePool how many of the best-scored allowed items MMR re-ranks when a request asks
 *     for {@code diversity > 0} (at least {@code k} are used), in [1, 100000]
 * @param maxCost most item-item similarity evaluations one request's MMR re-ranking may cost:
 *     {@code (offset + k) * min(max(offset + k, candidate_pool), items)}; a request over it gets 400.
 *     >= 1; {@code null} (key absent) = {@value #DEFAULT_MAX_COST}
 */
public record DiversityConfig(int candidatePool, Long maxCost) {

  /** {@code diversity.max_cost} when absent: k = 100 over the default pool of 5000. */
  public static final long DEFAULT_MAX_COST = 500_000;

  /** {@code diversity.candidate_pool} and {@code max_cost} of configs/serving.yaml. */
  public static final DiversityConfig DEFAULT = new DiversityConfig(5000);

  public DiversityConfig {
    require(candidatePool >= 1 && candidatePool <= 100_000, "diversity.candidate_pool",
        "must be in [1, 100000], got " + candidatePool);
    maxCost = maxCost == null ? DEFAULT_MAX_COST : maxCost;
    require(maxCost >= 1, "diversity.max_cost", "must be >= 1, got " + maxCost);
  }

  /** {@code candidatePool} with the default {@code max_cost}. */
  public DiversityConfig(int candidatePool) {
    this(candidatePool, null);
  }
}
