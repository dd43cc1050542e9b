package com.marquee.service.recommend;

import static com.marquee.common.config.ConfigChecks.require;

/**
 * @param candidatePool how many of the best-scored allowed items MMR re-ranks when a request asks
 *     for {@code diversity > 0} (at least {@code k} are used), in [1, 100000]
 */
public record DiversityConfig(int candidatePool) {

  /** {@code diversity.candidate_pool} of configs/serving.yaml. */
  public static final DiversityConfig DEFAULT = new DiversityConfig(5000);

  public DiversityConfig {
    require(candidatePool >= 1 && candidatePool <= 100_000, "diversity.candidate_pool",
        "must be in [1, 100000], got " + candidatePool);
  }
}
