package com.marquee.service.model;

import static com.marquee.common.config.ConfigChecks.require;

import java.util.List;

/**
 * The {@code retrieval} section: how {@code /recommend}, {@code /recommend/anonymous} and {@code
 * /similar} find the top-k items by inner product.
 *
 * @param mode {@code exact} (score every item), {@code ivf} (inverted-file index with exact
 *     re-ranking) or {@code auto} ({@code ivf} when the model has at least {@code ivf.min_items}
 *     items, else {@code exact})
 * @param ivf the IVF index settings
 * @param cacheTopN length of the per-user cached lists ({@code cache_top_n}, see {@code
 *     model.UserTopCache}); {@code >= 0}, 0 = no cache; absent = {@value #DEFAULT_CACHE_TOP_N}
 */
public record RetrievalConfig(String mode, Ivf ivf, Integer cacheTopN) {

  /** {@code cache_top_n} when absent. */
  public static final int DEFAULT_CACHE_TOP_N = 20;

  /** Accepted values of {@code mode}. */
  public static final List<String> MODES = List.of("exact", "ivf", "auto");

  /** The defaults of configs/serving.yaml. */
  public static final RetrievalConfig DEFAULT = new RetrievalConfig("auto", Ivf.DEFAULT);

  public RetrievalConfig {
    require(mode != null && MODES.contains(mode), "retrieval.mode", "must be one of " + MODES + ", got " + mode);
    ivf = ivf == null ? Ivf.DEFAULT : ivf;
    cacheTopN = cacheTopN == null ? DEFAULT_CACHE_TOP_N : cacheTopN;
    require(cacheTopN >= 0, "retrieval.cache_top_n", "must be >= 0, got " + cacheTopN);
  }

  /** {@code mode} and {@code ivf} with the default {@code cache_top_n}. */
  public RetrievalConfig(String mode, Ivf ivf) {
    this(mode, ivf, null);
  }

  /** The same settings with {@code mode}. */
  public RetrievalConfig withMode(String mode) {
    return new RetrievalConfig(mode, ivf, cacheTopN);
  }

  /** The same settings with {@code cache_top_n}. */
  public RetrievalConfig withCacheTopN(int topN) {
    return new RetrievalConfig(mode, ivf, topN);
  }

  /**
   * @param minItems {@code auto} mode uses the index from this many items on, >= 1
   * @param lists number of k-means cells, >= 0; 0 = {@code round(sqrt(nItems))}
   * @param probes cells scanned at least per query, >= 1
   * @param kmeansIterations Lloyd iterations when the index is built (at every model load), >= 1
   */
  public record Ivf(int minItems, int lists, int probes, int kmeansIterations) {

    /** The defaults of configs/serving.yaml. */
    public static final Ivf DEFAULT = new Ivf(20_000, 0, 12, 6);

    public Ivf {
      require(minItems >= 1, "retrieval.ivf.min_items", "must be >= 1, got " + minItems);
      require(lists >= 0, "retrieval.ivf.lists", "must be >= 0 (0 = automatic), got " + lists);
      require(probes >= 1, "retrieval.ivf.probes", "must be >= 1, got " + probes);
      require(kmeansIterations >= 1, "retrieval.ivf.kmeans_iterations", "must be >= 1, got " + kmeansIterations);
    }

    /** Cells for a catalog of {@code nItems}: {@code lists}, or {@code round(sqrt(nItems))} when 0; >= 1. */
    public int listsFor(int nItems) {
      return Math.max(1, lists > 0 ? lists : (int) Math.round(Math.sqrt(nItems)));
    }
  }
}
